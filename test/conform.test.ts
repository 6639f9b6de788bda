/**
 * The conformance check (src/conform/): a finished PDF passes every checkpoint, Chromium's own
 * output fails those the issue found, and for each checkpoint a PDF broken in just that way fails
 * it. The broken PDFs are the finished one edited by an incremental update, as the build edits.
 */
import type { OutlineDeclaration } from "../src/documents/outline.ts";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PDFBool, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assetDirs, fontFaceCss } from "../src/assets/fonts.ts";
import { build } from "../src/pipeline/index.ts";
import { projectRoot } from "../src/documents/context.ts";
import { finishPdf } from "../src/finish/index.ts";
import { headingTitles, linkLabels } from "./helpers/html.ts";
import { main } from "../src/cli.ts";
import { CHECKPOINTS } from "../src/conform/checkpoints.ts";
import { CheckedPdf } from "../src/conform/document.ts";
import { checkPdf } from "../src/conform/index.ts";
import { sourceDate } from "../src/pipeline/source-date.ts";
import { PdfFile } from "../src/pdf/incremental.ts";
import { xmpPacket, type XmpFields } from "../src/finish/pdfa.ts";
import { printPdf } from "../src/print/pdf.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { objectsContaining } from "../src/finish/tags.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures/print");
const fontFaces = `<style>${fontFaceCss((path) => pathToFileURL(path).href)}</style>`;
const meta = {
  title: "Proefdocument",
  author: "VVSG",
  subject: "Conformiteit",
  language: "nl-BE",
  date: sourceDate({ SOURCE_DATE_EPOCH: "1228953600" })!,
};

let printed: Uint8Array;
let good: Uint8Array;
let work: string;

beforeAll(async () => {
  const html = (await readFile(join(fixtures, "conform.html"), "utf8")).replace("<!-- font faces -->", fontFaces);
  const browser = await launchBrowser();
  try {
    ({ pdf: printed } = await printPdf(browser, html, { assetDirs: [fixtures, ...assetDirs()], name: "conform" }));
  } finally {
    await browser.close();
  }
  good = finishPdf(printed, "proef.pdf", {
    ...meta,
    outlineTitles: headingTitles(html),
    linkLabels: linkLabels(html),
  }).pdf;
  work = await mkdtemp(join(tmpdir(), "conform-test-"));
});

afterAll(() => rm(work, { recursive: true, force: true }));

const checkpointsFailed = (pdf: Uint8Array) => [...new Set(checkPdf(pdf, "proef.pdf").map((f) => f.checkpoint))];

/** `pdf` with `change` made to its objects, appended as an incremental update. */
function edit(pdf: Uint8Array, change: (file: PdfFile) => void): Uint8Array {
  const file = new PdfFile(pdf, "broken");
  change(file);
  return file.update({});
}

/** Sets (or, with undefined, removes) `key` in the first object whose text matches `where`. */
const setKey = (where: RegExp, key: string, value: Parameters<PDFDict["set"]>[1] | undefined) => (file: PdfFile) => {
  const [ref] = objectsContaining(file, where);
  if (!ref) throw new Error(`no object matches ${where}`);
  const dict = file.dict(ref, "edited");
  if (value === undefined) dict.delete(PDFName.of(key));
  else dict.set(PDFName.of(key), value);
  file.set(ref, dict);
};

const fields: XmpFields = { ...meta, creator: "vvsg-rapporten", producer: "vvsg-rapporten (Chromium)" };

/** Replaces the XMP packet by `xmp`. */
const withXmp = (xmp: string) => (file: PdfFile) => {
  const bytes = new Uint8Array(Buffer.from(xmp, "utf8"));
  const stream = PDFRawStream.of(
    file.context.obj({ Type: "Metadata", Subtype: "XML", Length: bytes.byteLength }),
    bytes,
  );
  const catalog = file.catalog;
  catalog.set(PDFName.of("Metadata"), file.add(stream));
  file.set(file.reference("Root"), catalog);
};

const catalogKey = (key: string, value?: Parameters<PDFDict["set"]>[1]) => (file: PdfFile) => {
  const catalog = file.catalog;
  if (value === undefined) catalog.delete(PDFName.of(key));
  else catalog.set(PDFName.of(key), value);
  file.set(file.reference("Root"), catalog);
};

/** One way to break each checkpoint. */
const breaks: [string, string, (pdf: Uint8Array) => Uint8Array][] = [
  [
    "UA 01-005",
    "an untagged path after the content",
    (pdf) =>
      edit(pdf, (file) => {
        const page = file.pageRefs()[0]!;
        const dict = file.dict(page, "page");
        const extra = file.add(
          PDFRawStream.of(file.context.obj({ Length: 16 }), new Uint8Array(Buffer.from("0 0 10 10 re f\n\n"))),
        );
        dict.set(PDFName.of("Contents"), file.context.obj([dict.get(PDFName.of("Contents"))!, extra]));
        file.set(page, dict);
      }),
  ],
  ["UA 06-001", "no metadata stream", (pdf) => edit(pdf, catalogKey("Metadata"))],
  [
    "UA 06-002",
    "no pdfuaid:part",
    (pdf) => edit(pdf, withXmp(xmpPacket(fields).replace("<pdfuaid:part>1</pdfuaid:part>", ""))),
  ],
  ["UA 06-003", "no dc:title", (pdf) => edit(pdf, withXmp(xmpPacket(fields).replace(/<dc:title>.*<\/dc:title>/, "")))],
  [
    "UA 07-001",
    "DisplayDocTitle false",
    (pdf) => edit(pdf, catalogKey("ViewerPreferences", PDFDict.withContext(new PdfFile(pdf, "x").context))),
  ],
  [
    "UA 7.1 MarkInfo",
    "not marked",
    (pdf) => edit(pdf, (file) => catalogKey("MarkInfo", file.context.obj({ Marked: PDFBool.False }))(file)),
  ],
  ["UA 7.1 Document", "a Sect at the root", (pdf) => edit(pdf, setKey(/\/S\s*\/Document\b/g, "S", PDFName.of("Sect")))],
  ["UA 11-001", "no Lang", (pdf) => edit(pdf, catalogKey("Lang"))],
  ["UA 13-004", "a Figure without Alt", (pdf) => edit(pdf, setKey(/\/S\s*\/Figure\b/g, "Alt", undefined))],
  ["UA 14-002", "an H2 first", (pdf) => edit(pdf, setKey(/\/S\s*\/H1\b/g, "S", PDFName.of("H2")))],
  ["UA 14-003", "an H4 after an H1", (pdf) => edit(pdf, setKey(/\/S\s*\/H2\b/g, "S", PDFName.of("H4")))],
  ["UA 15-003", "a TH without Scope", (pdf) => edit(pdf, setKey(/\/S\s*\/TH\b/g, "A", undefined))],
  ["UA 28-008/009", "a page with links without /Tabs", (pdf) => edit(pdf, setKey(/\/Annots\b/g, "Tabs", undefined))],
  [
    "UA 28-011",
    "a link outside a Link element",
    (pdf) => edit(pdf, setKey(/\/S\s*\/Link\b/g, "S", PDFName.of("Span"))),
  ],
  ["UA 28-012", "a link without Contents", (pdf) => edit(pdf, setKey(/\/Subtype\s*\/Link\b/g, "Contents", undefined))],
  [
    "PDF/A 6.1.2",
    "no binary comment",
    (pdf) => {
      const copy = new Uint8Array(pdf);
      copy.set(Buffer.from("%abcd"), Buffer.from(pdf).indexOf("\n") + 1);
      return copy;
    },
  ],
  ["PDF/A 6.1.3", "no file identifier", (pdf) => edit(pdf, (file) => file.trailer.delete(PDFName.of("ID")))],
  [
    "PDF/A 6.1.5",
    "an Info title the XMP does not have",
    (pdf) =>
      edit(pdf, (file) => {
        const info = file.dict(file.reference("Info"), "info");
        info.set(PDFName.of("Title"), PDFString.of("Iets anders"));
        file.set(file.reference("Info"), info);
      }),
  ],
  ["PDF/A 6.2.3", "no output intent", (pdf) => edit(pdf, catalogKey("OutputIntents"))],
  ["PDF/A 6.2.11.4.1", "a font not embedded", (pdf) => edit(pdf, setKey(/\/FontFile2\b/g, "FontFile2", undefined))],
  ["PDF/A 6.3.2", "a link not set to print", (pdf) => edit(pdf, setKey(/\/Subtype\s*\/Link\b/g, "F", PDFNumber.of(0)))],
  [
    "PDF/A 6.6.1",
    "a link that runs JavaScript",
    (pdf) =>
      edit(
        pdf,
        setKey(
          /\/Subtype\s*\/Link\b/g,
          "A",
          PDFDict.fromMapWithContext(
            new Map([[PDFName.of("S"), PDFName.of("JavaScript")]]),
            new PdfFile(pdf, "x").context,
          ),
        ),
      ),
  ],
  [
    "PDF/A 6.6.2.1",
    "an xpacket header with bytes",
    (pdf) => edit(pdf, withXmp(xmpPacket(fields).replace("<?xpacket begin", '<?xpacket bytes="1" begin'))),
  ],
  [
    "PDF/A 6.6.2.3.1",
    "pdfuaid without its extension schema",
    (pdf) =>
      edit(
        pdf,
        withXmp(xmpPacket(fields).replace(/<rdf:Description[^>]*pdfaExtension[\s\S]*?<\/rdf:Description>/, "")),
      ),
  ],
  [
    "PDF/A 6.6.4",
    "PDF/A part 1",
    (pdf) => edit(pdf, withXmp(xmpPacket(fields).replace("<pdfaid:part>2", "<pdfaid:part>1"))),
  ],
];

describe("the conformance check", () => {
  it("passes a finished PDF on every checkpoint", () => {
    expect(checkPdf(good, "proef.pdf")).toEqual([]);
  });

  it("finds the running head and the page number marked as Header and Footer pagination artifacts", () => {
    const checked = new CheckedPdf(good, "proef.pdf");
    const content = checked.streamData(checked.pages[0]!.dict.get(PDFName.of("Contents")))!.toString("latin1");
    const artifacts = [
      ...content.matchAll(/\/Artifact <<\/Type \/Pagination \/Subtype \/(\w+)>> BDC\s+BT[\s\S]*?ET\s+EMC/g),
    ].map((m) => m[1]);
    // The running head stands above the page's middle, "1 / 2" below it (in one or more text objects).
    expect(artifacts[0]).toBe("Header");
    expect(artifacts.length).toBeGreaterThan(1);
    expect(new Set(artifacts.slice(1))).toEqual(new Set(["Footer"]));
  });

  it("fails Chromium's own PDF where the issue found it failing", () => {
    expect(checkpointsFailed(printed)).toEqual(
      expect.arrayContaining(["UA 01-005", "UA 06-001", "UA 13-004", "UA 28-012", "PDF/A 6.2.3", "PDF/A 6.6.4"]),
    );
  });

  it("has a broken PDF for every checkpoint", () => {
    expect(breaks.map(([id]) => id).sort()).toEqual(CHECKPOINTS.map((c) => c.id).sort());
  });

  it.each(breaks)("fails %s on a PDF with %s", (id, _what, breakIt) => {
    expect(checkpointsFailed(breakIt(good))).toContain(id);
  });

  it("is run by `check` on the files named, naming each failing file and checkpoint", async () => {
    const [ok, broken] = [join(work, "ok.pdf"), join(work, "broken.pdf")];
    await writeFile(ok, good);
    await writeFile(broken, breaks.find(([id]) => id === "UA 28-012")![2](good));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const logs = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await main(["check", ok])).toBe(0);
      expect(await main(["check", ok, broken])).toBe(1);
      expect(errors.mock.calls.flat().join("\n")).toMatch(
        /broken\.pdf[\s\S]*UA 28-012: 1 of 2 links have no \/Contents/,
      );
      const garbage = join(work, "garbage.pdf");
      await writeFile(garbage, "not a PDF");
      expect(await main(["check", garbage])).toBe(1);
      expect(errors.mock.calls.flat().join("\n")).toContain("garbage.pdf: cannot be read");
      expect(await main(["check"])).toBe(64);
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
  });
});

describe("a build whose PDF fails the check", () => {
  it("fails that document, naming it and the checkpoint, and writes no PDF for it", async () => {
    const templatesDir = join(work, "templates");
    await cp(join(projectRoot, "templates"), templatesDir, { recursive: true });
    const fiche = join(templatesDir, "fiche", "parts", "header.hbs");
    const outline = join(templatesDir, "fiche", "outline.json");
    // A heading level skipped (H1, then H4) is something only the check can catch.
    const declared = JSON.parse(await readFile(outline, "utf8")) as OutlineDeclaration;
    declared.headings.overgeslagen = { level: 4, title: "Overgeslagen niveau" };
    await writeFile(outline, JSON.stringify(declared));
    const h1 = '{{sectionHeading "fiche"}}';
    await writeFile(fiche, (await readFile(fiche, "utf8")).replace(h1, `${h1}{{sectionHeading "overgeslagen"}}`));
    const out = join(work, "out");
    const result = await build({
      dataDir: join(projectRoot, "data"),
      outDir: out,
      ids: ["G001"],
      keepHtml: false,
      force: true,
      concurrency: 1,
      quiet: true,
      templatesDir,
    });
    expect(result.failed).toEqual([
      {
        path: "fiches/G001.pdf",
        message: expect.stringMatching(/fiches\/G001\.pdf fails[\s\S]*UA 14-003: H4 follows H1/),
      },
    ]);
    await expect(readFile(join(out, "fiches", "G001.pdf"))).rejects.toThrow();
  });
});
