/**
 * Issue 11, cases 3 and 4: free text gets a maximum length from the codebook and may hide nothing
 * (control characters, bidirectional overrides, invisible format characters); a stray tab is read
 * as a space with a warning. A fact sheet that still runs past two pages fails and is not written.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { projectRoot, templatesDir } from "../src/documents/context.ts";
import { build, runBuild, type BuildOptions } from "../src/pipeline/index.ts";
import { FICHE_MAX_PAGES } from "../src/pipeline/page-limit.ts";
import { DataError } from "../src/errors.ts";
import { loadSurvey } from "../src/survey/index.ts";
import { readTable, type Table } from "../src/load/table.ts";
import type { Codebook, RankedQuestion } from "../src/model/codebook.ts";
import { validateTable } from "../src/validate/index.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");
const codebook = JSON.parse(readFileSync(join(projectRoot, "data/codebook.json"), "utf8")) as Codebook;
const initiatives = codebook.questions.find((q) => q.kind === "ranked") as RankedQuestion;
const COLUMN = "initiatief1_omschrijving";

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vvsg-free-text-"));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

let gemeenten: Table;
beforeAll(async () => {
  gemeenten = await readTable(join(validData, "gemeenten.csv"));
});

/** The table with G001's first initiative described as `text`. */
function describedAs(text: string): Table {
  const index = gemeenten.header.indexOf(COLUMN);
  return {
    ...gemeenten,
    rows: gemeenten.rows.map((row) =>
      row.cells[0] === "G001" ? { ...row, cells: row.cells.map((c, i) => (i === index ? text : c)) } : row,
    ),
  };
}

function refusal(table: Table): DataError {
  try {
    validateTable(codebook, "gemeente", table);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error("the table was accepted");
}

const g001 = () => gemeenten.rows.find((r) => r.cells[0] === "G001")!;
const where = () => `${gemeenten.file}:${g001().line}:${gemeenten.header.indexOf(COLUMN) + 1}: `;

describe("the codebook's maximum length of free text", () => {
  it("is documented for the initiatives, and room for it fits a fact sheet's two pages", () => {
    expect(initiatives.maxLength).toBe(250);
  });

  it("accepts a description of exactly that length", () => {
    const text = "x".repeat(initiatives.maxLength!);
    const g = validateTable(codebook, "gemeente", describedAs(text)).find((r) => r.id === "G001")!;
    expect(g.answers.initiatieven[0]!.description).toBe(text);
  });

  it("refuses a longer one (a megabyte, say) with file, line, column and the limit, quoting only its start", () => {
    const error = refusal(describedAs("lang ".repeat(200_000)));
    expect(error.message.startsWith(where())).toBe(true);
    expect(error.problem).toBe(`free text of 999999 characters, longer than the limit of ${initiatives.maxLength}`);
    expect(error.location.expected).toBe(`at most ${initiatives.maxLength} characters (maxLength in the codebook)`);
    expect(error.location.field).toBe(COLUMN);
    expect(error.message.length).toBeLessThan(400);
  });
});

describe("hidden characters in free text", () => {
  const HIDDEN: [string, string, string][] = [
    ["\u001b", "U+001B", "control character"],
    ["\u0007", "U+0007", "control character"],
    ["\u007f", "U+007F", "control character"],
    ["\u0085", "U+0085", "control character"],
    ["\u202e", "U+202E", "bidirectional control character"],
    ["\u202a", "U+202A", "bidirectional control character"],
    ["\u2066", "U+2066", "bidirectional control character"],
    ["\u2069", "U+2069", "bidirectional control character"],
    ["\u200f", "U+200F", "bidirectional control character"],
    ["\u200b", "U+200B", "invisible format character"],
    ["\ufeff", "U+FEFF", "invisible format character"],
    ["\u{e0041}", "U+E0041", "invisible format character"],
  ];

  it.each(HIDDEN)("refuses %j, naming file, line, column, its code point and where in the cell", (char, code, kind) => {
    const error = refusal(describedAs(`Tolken ${char}inzetten`));
    expect(error.message.startsWith(where())).toBe(true);
    expect(error.problem).toBe(`${kind} ${code} at character 8 of the cell`);
    // The message itself shows the character as a code, never as itself.
    expect(error.message).toContain(`"Tolken <${code}>inzetten"`);
    expect(error.message).not.toContain(char);
  });

  it("accepts what scripts and emoji need: zero-width joiners, soft hyphens, accents, line breaks", () => {
    const text = "Gezin 👨‍👩‍👧 ont\u00admoeting\u200c, café\nen meer";
    const g = validateTable(codebook, "gemeente", describedAs(text)).find((r) => r.id === "G001")!;
    expect(g.answers.initiatieven[0]!.description).toBe(text);
  });

  it("reads a tab as a space and warns once per cell, with file, line and column (property)", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", " ", "\t"), { minLength: 1, maxLength: 20 })
      .map((parts) => `x${parts.join("")}x`);
    fc.assert(
      fc.property(text, (raw) => {
        const warnings: string[] = [];
        const g = validateTable(codebook, "gemeente", describedAs(raw), warnings).find((r) => r.id === "G001")!;
        expect(g.answers.initiatieven[0]!.description).toBe(raw.replace(/\t/g, " "));
        expect(warnings).toEqual(
          raw.includes("\t") ? [`${where()}a tab in free text was read as a space; column "${COLUMN}"`] : [],
        );
      }),
    );
  });

  it("reaches the build log as a warning", async () => {
    const data = tempDir();
    cpSync(validData, data, { recursive: true });
    const csv = readFileSync(join(data, "gemeenten.csv"), "utf8");
    const description = gemeenten.rows.find((r) => r.cells[0] === "G001")!.cells[gemeenten.header.indexOf(COLUMN)]!;
    writeFileSync(join(data, "gemeenten.csv"), csv.replace(description, description.replace(" ", "\t")));
    const survey = await loadSurvey(data);
    expect(survey.warnings).toEqual([
      expect.stringMatching(/gemeenten\.csv:\d+:\d+: a tab in free text was read as a space/),
    ]);
  });
});

describe("a fact sheet longer than two pages", () => {
  const options = (outDir: string, more: Partial<BuildOptions> = {}): BuildOptions => ({
    dataDir: validData,
    outDir,
    only: "fiches",
    keepHtml: false,
    force: false,
    concurrency: 2,
    quiet: true,
    ...more,
  });

  it("fails that document (exit code 1, named) and keeps its last good PDF; the others are written", async () => {
    const out = tempDir();
    await build(options(out, { ids: ["G001", "G002"] }));
    const good = readFileSync(join(out, "fiches/G002.pdf"));
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      entries: { path: string; sha256: string }[];
    };

    // A template that runs long for G002 only, as an unforeseen text or layout would.
    const templates = join(tempDir(), "templates");
    cpSync(templatesDir, templates, { recursive: true });
    const document = join(templates, "fiche/document.hbs");
    const source = readFileSync(document, "utf8");
    const filler = `<div style="height: 600mm">lang</div>`;
    writeFileSync(
      document,
      source.replace('<body class="fiche">', `<body class="fiche">{{#if (eq sheet.header.id "G002")}}${filler}{{/if}}`),
    );

    const result = await build(options(out, { ids: ["G001", "G002"], templatesDir: templates, force: true }));
    expect(result.printed).toEqual(["fiches/G001.pdf"]);
    expect(result.failed).toEqual([
      {
        path: "fiches/G002.pdf",
        message: expect.stringMatching(
          new RegExp(`^fiches/G002\\.pdf has \\d+ pages, more than the ${FICHE_MAX_PAGES} `),
        ),
      },
    ]);
    expect(Buffer.compare(readFileSync(join(out, "fiches/G002.pdf")), good)).toBe(0);
    const after = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as typeof manifest;
    expect(after.entries.find((e) => e.path === "fiches/G002.pdf")).toEqual(
      manifest.entries.find((e) => e.path === "fiches/G002.pdf"),
    );

    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await runBuild(options(out, { ids: ["G002"], templatesDir: templates }))).toBe(1);
      expect(log.mock.calls.flat().join("\n")).toMatch(/fiches\/G002\.pdf: fiches\/G002\.pdf has \d+ pages/);
    } finally {
      log.mockRestore();
    }
  });
});
