/**
 * The printed bijlage, checked as a reader and a screen reader would meet it: its figures, its
 * words, its outline, tags, fonts, table of contents and page breaks. One build of the real data
 * (and one of a changed copy) serves every check.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/pipeline/index.ts";
import { projectRoot } from "../src/documents/context.ts";
import { loadSurvey } from "../src/survey/index.ts";
import { buildReportModel } from "../src/aggregate/report.ts";
import { formatPercent } from "../src/format/number.ts";
import { PDFHexString } from "pdf-lib";
import { checkPdf } from "../src/conform/index.ts";
import { CheckedPdf } from "../src/conform/document.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { axeViolations } from "./helpers/axe.ts";
import { isTagged, pdfFonts, pdfInfo, pdfLines, pdfOutline, pdfText } from "./helpers/pdf.ts";

const dataDir = join(projectRoot, "data");
let work: string;
let pdf: Uint8Array;
let pages: string[];
let text: string;

const squash = (s: string) => s.replace(/\s+/g, " ");

async function buildBijlage(data: string, out: string, templatesDir?: string): Promise<Uint8Array> {
  const result = await build({
    dataDir: data,
    outDir: out,
    only: "bijlage",
    keepHtml: false,
    force: true,
    concurrency: 2,
    quiet: true,
    templatesDir,
  });
  expect(result.failed).toEqual([]);
  return new Uint8Array(await readFile(join(out, "bijlage.pdf")));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "bijlage-test-"));
  pdf = await buildBijlage(dataDir, join(work, "out"));
  pages = await pdfText(pdf);
  text = squash(pages.join(" "));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("the bijlage's text", () => {
  it("carries the figures of the print, computed from the data", async () => {
    const model = buildReportModel(await loadSurvey(dataDir));
    const g = model.types.gemeente;
    const o = model.types.ocmw;
    const expected = [
      `Zeventig van de 190 geselecteerde gemeenten (${formatPercent(70, 190)})`,
      `${g.answers.bestuursakkoord!.of.ja!.count} gemeenten (48,6%) besteden in het bestuursakkoord`,
      "29 gemeenten (41,4%) besteden in het strategisch meerjarenplan",
      "24 OCMW's (38,7%) besteden in het meerjarenplan",
      "72,9% van de 70 deelnemende gemeenten",
      "mobiliteit (7,1%)",
      "26 gemeenten (37,1%) geven aan dat er een schepen expliciet bevoegd is",
      "21 gemeenten (30%) geven aan dat er voor het etnisch-cultureel diversiteitsbeleid een aparte begrotingspost is",
      "Vier OCMW's (6,5%) geven aan",
      "33 gemeenten (47,1%) beschrijven een eerste initiatief",
      "27 OCMW's (43,5%) beschrijven een eerste initiatief",
      `in totaal ${o.initiatives.total} prioritaire initiatieven`,
      "Negentien deelnemende gemeenten beschikken over een erkende lokale integratiedienst",
    ];
    for (const phrase of expected) expect(text).toContain(phrase);
  });

  it("prints the corrected figures where the print was wrong, and lists the errata", () => {
    expect(text).toContain("18,6% van de antwoorden wordt verstrekt door de integratie- of diversiteitsdiensten");
    expect(text).toContain("Vijf gemeenten (7,1%) weten niet of er inspraakstructuren");
    expect(text).toContain("Errata bij de gedrukte uitgave");
  });

  it("mends the print's spelling", () => {
    for (const misspelt of [
      "Verskillende",
      "gelijkemansbeleid",
      "woonwagencentralie",
      "overgangsgedebied",
      "hoogste aantal gemeenten",
    ]) {
      expect(text).not.toContain(misspelt);
    }
  });

  it("says on its about page which standards it meets and how its figures are described", () => {
    expect(text).toMatch(
      /Toegankelijkheid\. De PDF van deze bijlage volgt PDF\/UA-1 \(ISO 14289-1\) .* en PDF\/A-2b \(ISO 19005-2\)/,
    );
    expect(text).toContain("Elke figuur is één afbeelding met een tekstalternatief");
  });

  it("says on its cover that the data are a reconstruction", () => {
    expect(squash(pages[0]!)).toContain("gereconstrueerde gegevens");
  });
});

describe("the bijlage as a document", () => {
  it("has title, author, subject and language metadata", async () => {
    const info = await pdfInfo(pdf);
    expect(info.title).toContain("Naar een geïntegreerd etnisch-cultureel diversiteitsbeleid");
    expect(info.author).toContain("VVSG");
    expect(info.subject).toContain("gereconstrueerde gegevens");
    expect(info.language).toBe("nl-BE");
    expect(info.displayDocTitle).toBe(true);
  });

  it("is tagged and embeds only the project's font", async () => {
    expect(await isTagged(pdf)).toBe(true);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/SourceSans3/);
    }
  });

  it("conforms to PDF/UA-1 and PDF/A-2b as far as the project's check can tell", () => {
    expect(checkPdf(pdf, "bijlage.pdf")).toEqual([]);
  });

  it("makes each chart one Figure whose Alt is the description computed for it, and describes every link", async () => {
    const checked = new CheckedPdf(pdf, "bijlage.pdf");
    const figures = checked.structure.filter((e) => e.type === "/Figure");
    const web = await readFile(join(work, "out", "bijlage.html"), "utf8");
    // The SVG is labelled by its title and its description, both computed from the chart's rows.
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    const descriptions = [...web.matchAll(/<title id="[^"]+">([^<]*)<\/title><desc id="[^"]+">([^<]*)<\/desc>/g)].map(
      (m) => unescape(`${m[1]} ${m[2]}`),
    );
    expect(descriptions.length).toBe(new Set(text.match(/Figuur \d+\./g)).size);
    expect(figures.map((f) => f.parent)).not.toContain("/Figure");
    expect(figures.map((f) => f.alt)).toEqual(descriptions);
    const links = checked.annotations.map((a) =>
      (checked.get(a.dict, "Contents") as PDFHexString | undefined)?.decodeText(),
    );
    expect(links).toContain("Naar 2.3. Verschillende beleidsdomeinen");
    expect(links).toEqual(expect.arrayContaining([expect.stringMatching(/^Naar voetnoot \d+$/)]));
    for (const link of links) expect(link).toMatch(/^Naar \S/);
  });

  it("has an outline of its numbered sections, with the headings' own words", async () => {
    const titles = (await pdfOutline(pdf)).map((e) => e.title);
    for (const section of [
      "1. Profiel van de deelnemende lokale besturen",
      "2.3. Verschillende beleidsdomeinen",
      "3.4. Inspraak van de etnisch-culturele minderheden in het beleid",
      "5. Ondersteuning van de lokale besturen in hun beleidsvoering",
    ]) {
      expect(titles).toContain(section);
    }
    expect(titles).toContain("Naar een geïntegreerd etnisch-cultureel diversiteitsbeleid bij lokale besturen?");
  });

  it("has a table of contents whose page numbers are the pages the sections start on", async () => {
    const outline = await pdfOutline(pdf);
    const toc = squash(pages[1]!);
    for (const entry of outline.filter((e) => e.level <= 2 && e.title !== "Inhoud")) {
      expect(toc).toContain(`${entry.title} ${entry.page}`);
    }
  });

  it("puts the VRIND footnote at the foot of the page that refers to it", async () => {
    const lines = await pdfLines(pdf);
    const reference = lines.findIndex((p) => p.some((l) => l.text.includes("als leidraad nemen")));
    const footnote = lines[reference]!.find((l) => l.text.includes("VRIND-classificatie: ruimtelijke indeling"));
    expect(footnote, "the footnote stands on the page of its reference").toBeDefined();
    expect(footnote!.top).toBeGreaterThan(0.8);
  });

  it("leaves no heading alone at the foot of a page", async () => {
    const lines = await pdfLines(pdf);
    const headings = new Set((await pdfOutline(pdf)).map((e) => squash(e.title)));
    lines.forEach((page, n) => {
      const body = page.filter((l) => l.top > 0.06 && l.top < 0.94); // leave out running header and footer
      const last = body.at(-1);
      if (last)
        expect(headings.has(squash(last.text)), `page ${n + 1} ends with the heading "${last.text}"`).toBe(false);
    });
  });

  it("keeps every chart with its caption and source line on one page", () => {
    for (let figure = 1; text.includes(`Figuur ${figure}.`); figure++) {
      const page = pages.find((p) => p.includes(`Figuur ${figure}.`))!;
      expect(squash(page)).toMatch(new RegExp(`Figuur ${figure}\\.[\\s\\S]*Bron: VVSG-enquête`));
    }
  });
});

describe("the web edition", () => {
  it("passes axe-core (WCAG 2.2 A and AA, best practices) in Chromium, wide and narrow", async () => {
    const browser = await launchBrowser();
    try {
      for (const width of [1280, 375])
        expect(await axeViolations(browser, join(work, "out", "bijlage.html"), width), `${width} px`).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("a data correction", () => {
  it("changes the figures and the words of the PDF", async () => {
    const changed = join(work, "changed");
    await cp(dataDir, changed, { recursive: true });
    const file = join(changed, "gemeenten.csv");
    const lines = (await readFile(file, "utf8")).split("\n");
    const header = lines[0]!.split(",");
    const column = header.indexOf("bestuursakkoord");
    let flipped = 0;
    // Two gemeenten that said "nee" now say "ja": 36 of 70 is more than half.
    const edited = lines.map((line, i) => {
      const cells = line.split(",");
      if (i > 0 && flipped < 2 && cells[column] === "nee") {
        cells[column] = "ja";
        flipped++;
        return cells.join(",");
      }
      return line;
    });
    await writeFile(file, edited.join("\n"));
    const after = squash((await pdfText(await buildBijlage(changed, join(work, "changed-out")))).join(" "));
    expect(after).toContain("36 gemeenten (51,4%) besteden in het bestuursakkoord");
    expect(after).toContain("27 gemeenten (38,6%) antwoorden negatief");
    expect(text).not.toContain("36 gemeenten (51,4%) besteden in het bestuursakkoord");
  });
});

describe("the bijlage as part of a book", () => {
  it("numbers its pages and its footnote from the settings", async () => {
    const templates = join(work, "templates");
    await cp(join(projectRoot, "templates"), templates, { recursive: true });
    await writeFile(join(templates, "bijlage", "settings.json"), JSON.stringify({ footnoteNumber: 7, firstPage: 109 }));
    const book = await buildBijlage(dataDir, join(work, "book-out"), templates);
    const bookPages = await pdfText(book);
    expect(squash(bookPages[4]!)).toMatch(/\b113\b/); // the fifth page is page 113 of the book
    expect(squash(bookPages.join(" "))).toContain("7 VRIND-classificatie: ruimtelijke indeling");
    const outline = await pdfOutline(book);
    const chapter = outline.find((e) => e.title.startsWith("1. Profiel"))!;
    expect(squash(bookPages[1]!)).toContain(`1. Profiel van de deelnemende lokale besturen ${chapter.page + 108}`);
  });
});
