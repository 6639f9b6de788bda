/**
 * Issue "Hostile data": free text in the data is printed as text, never obeyed; a printed page runs
 * no script and gets nothing but the project's own assets; templates cannot misspell a variable
 * unnoticed or reach into JavaScript's prototypes.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { build, type BuildOptions, type BuildResult } from "../src/pipeline/index.ts";
import { printAssetDirs, projectRoot, templatesDir } from "../src/documents/context.ts";
import { RenderError } from "../src/errors.ts";
import { loadSurvey } from "../src/survey/index.ts";
import { respondentsToCsv } from "../src/model/rows.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { printPdf, type PrintedPdf } from "../src/print/pdf.ts";
import { createRenderer } from "../src/render/templates.ts";
import { pdfText } from "./helpers/pdf.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");
const fixtures = join(projectRoot, "test/fixtures/hostile");

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vvsg-hostile-"));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const options = (dataDir: string, more: Partial<BuildOptions> = {}): BuildOptions => ({
  dataDir,
  outDir: tempDir(),
  ids: ["G001"],
  keepHtml: false,
  force: false,
  concurrency: 1,
  quiet: true,
  ...more,
});

/** A copy of the project's templates with one file changed by `edit`. */
function templatesWith(file: string, edit: (source: string) => string): string {
  const dir = join(tempDir(), "templates");
  cpSync(templatesDir, dir, { recursive: true });
  const path = join(dir, file);
  const edited = edit(readFileSync(path, "utf8"));
  expect(edited).not.toBe(readFileSync(path, "utf8"));
  writeFileSync(path, edited);
  return dir;
}

/** Text compared without the line breaks and spaces layout puts in, and with ligatures ("ﬁ") undone. */
const flat = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

describe("a respondent whose initiative descriptions are hostile", () => {
  const HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    '<iframe src="https://example.com">',
    "{{constructor.constructor}}",
    "{{@root}}",
    '=HYPERLINK("http://evil.example","x")',
  ];
  /** As Handlebars escapes them in the printed HTML. */
  const ESCAPED = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;img src&#x3D;&quot;file:///etc/passwd&quot;&gt;",
    "&lt;iframe src&#x3D;&quot;https://example.com&quot;&gt;",
    "{{constructor.constructor}}",
    "{{@root}}",
    "&#x3D;HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)",
  ];
  let out: string;
  let result: BuildResult;

  beforeAll(async () => {
    // The valid fixture, with G001's three descriptions holding two hostile strings each.
    const data = tempDir();
    for (const file of readdirSync(validData)) cpSync(join(validData, file), join(data, file));
    const survey = await loadSurvey(validData);
    const gemeenten = survey.respondents
      .filter((r) => r.type === "gemeente")
      .map((r) =>
        r.id !== "G001"
          ? r
          : {
              ...r,
              answers: {
                ...r.answers,
                initiatieven: r.answers.initiatieven.map((item, i) => ({
                  ...item,
                  description: `${HOSTILE[2 * i]} ${HOSTILE[2 * i + 1]}`,
                })),
              },
            },
      );
    writeFileSync(join(data, "gemeenten.csv"), respondentsToCsv(survey.codebook, "gemeente", gemeenten));
    const run = options(data, { keepHtml: true });
    out = run.outDir;
    result = await build(run);
  });

  it("gets its fact sheet, which shows each string literally", async () => {
    expect(result.failed).toEqual([]);
    expect(result.printed).toEqual(["fiches/G001.pdf"]);
    const text = flat((await pdfText(new Uint8Array(readFileSync(join(out, "fiches/G001.pdf"))))).join(""));
    for (const hostile of HOSTILE) expect(text).toContain(flat(hostile));
  });

  it("makes no request: the strings were escaped, not obeyed", () => {
    expect(result.blocked.filter((b) => b.path === "fiches/G001.pdf")).toEqual([]);
  });

  it("is printed from HTML that holds the escaped forms and no live tag", () => {
    const html = readFileSync(join(out, "html/fiches/G001.html"), "utf8");
    for (const escaped of ESCAPED) expect(html).toContain(escaped);
    expect(html).not.toMatch(/<(script|iframe|img)\b/i);
  });
});

describe("a printed page", () => {
  const assets = printAssetDirs();
  let printed: PrintedPdf;
  let text: string;
  beforeAll(async () => {
    const browser = await launchBrowser();
    try {
      printed = await printPdf(browser, readFileSync(join(fixtures, "escape.html"), "utf8"), {
        assetDirs: assets,
        name: "escape.html",
      });
    } finally {
      await browser.close();
    }
    text = (await pdfText(printed.pdf)).join("\n");
  });

  it("runs no script and gets nothing from outside the project's assets, listing every attempt", () => {
    expect(new Set(printed.blocked.map((b) => b.url))).toEqual(
      new Set([
        "https://example.com/stijl.css",
        "http://example.com/import.css",
        "file:///etc/hostname",
        "http://example.com/http.png",
        "https://example.com/https.png",
        "file:///etc/passwd",
        pathToFileURL(join(assets[0]!, "../package.json")).href,
        "https://example.com/fout.png",
        // Navigations are refused with "no content": the frame stays empty, the document stays put.
        "https://example.com/kader",
        "https://example.com/doorverwezen",
      ]),
    );
    expect(text).toContain("Niets verlaat deze pagina");
    expect(text).toContain("Geen script.");
    expect(text).not.toContain("SCRIPT GELOPEN");
    expect(text).not.toContain("ONERROR GELOPEN");
  });

  it("does load a data: URL, which Chromium does not let us intercept, and does not list it", () => {
    // A data: URL holds its content itself, so nothing leaves the page. With scripts off, a page
    // can only hold one that a template or style sheet wrote: free text is escaped (see above).
    expect(printed.blocked.filter((b) => b.url.startsWith("data:"))).toEqual([]);
    expect(text).toContain("data-URL geladen");
  });
});

describe("Handlebars strict mode", () => {
  const misspellings = [
    // Strict mode alone checks only what a mustache prints; this one hides a section in an #if.
    {
      file: "fiche/parts/initiatives.hbs",
      from: "{{#if initiatives.length}}",
      to: "{{#if initiativs.length}}",
      name: "initiativs.length",
    },
    // Handlebars names only the part after the misspelling ("title" not defined in undefined).
    {
      file: "fiche/parts/header.hbs",
      from: "{{peers.label}}</strong>",
      to: "{{peeers.label}}</strong>",
      name: "peeers.label",
    },
  ];
  for (const { file, from, to, name } of misspellings) {
    it(`fails the build on a misspelled variable (${to}), naming it, its template and line`, async () => {
      const templates = templatesWith(file, (source) => source.replace(from, to));
      const line =
        readFileSync(join(templates, file), "utf8")
          .split("\n")
          .findIndex((l) => l.includes(to)) + 1;
      const result = await build(options(validData, { templatesDir: templates }));
      expect(result.printed).toEqual([]);
      expect(result.failed).toEqual([
        { path: "fiches/G001.pdf", message: expect.stringContaining(`${join(templates, file)}:${line}:`) },
      ]);
      expect(result.failed[0]!.message).toContain(`looking up ${name}`);
    });
  }

  it("keeps prototypes out of reach: such lookups render nothing or fail, and never leak", async () => {
    const renderer = await createRenderer(join(fixtures, "templates"));
    const context = { sheet: { header: { id: "G001" } } };
    // Handlebars says once per property that it denied access; that warning is not under test.
    const warn = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const file of renderer.files) {
        const name = basename(file, ".hbs");
        let html: string;
        try {
          html = renderer.render(name, context);
        } catch (error) {
          expect(error, name).toBeInstanceOf(RenderError);
          continue;
        }
        expect(html, name).toBe("<p></p>");
      }
    } finally {
      warn.mockRestore();
    }
  });
});

describe("a build whose document asks for something from outside", () => {
  it("lists the blocked request under the document's path, logs it, and still writes the document", async () => {
    const templates = templatesWith("fiche/document.hbs", (source) =>
      source.replace('<body class="fiche">', '<body class="fiche">\n<img src="https://example.com/teller.png" alt="">'),
    );
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const run = options(validData, { templatesDir: templates, quiet: false });
    let result: BuildResult;
    let logged: unknown[];
    try {
      result = await build(run);
      logged = log.mock.calls.flat();
    } finally {
      log.mockRestore();
    }
    const blocked = {
      path: "fiches/G001.pdf",
      url: "https://example.com/teller.png",
      reason: "outside the asset directories",
    };
    expect(result.blocked).toEqual([blocked]);
    expect(logged).toContain(`warning: ${blocked.path}: blocked a request for ${blocked.url} (${blocked.reason})`);
    expect(result.printed).toEqual(["fiches/G001.pdf"]);
    expect(readdirSync(join(run.outDir, "fiches"))).toContain("G001.pdf");
  });
});
