/**
 * The web edition (output/web/): every link resolves, every page passes axe-core and fits a 375 px
 * screen, the downloads hold the model's figures, small groups stay hidden, and builds are incremental
 * and byte-identical. The fixture (4 gemeenten, 3 OCMW's) is built whole, PDFs included, for the links;
 * the real data's web edition alone for the pages' checks and the figures.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportModel, type ReportModel } from "../src/aggregate/report.ts";
import { buildFactSheet } from "../src/aggregate/factsheet.ts";
import { build } from "../src/pipeline/index.ts";
import { prepare } from "../src/documents/prepare.ts";
import { loadDocuments } from "../src/preview/documents.ts";
import { buildWeb } from "../src/pipeline/web.ts";
import { OutputFolder } from "../src/pipeline/output-folder.ts";
import { previousOutputs } from "../src/pipeline/produce.ts";
import { projectRoot } from "../src/documents/context.ts";
import { sha256 } from "../src/pipeline/inputs.ts";
import type { Manifest } from "../src/pipeline/manifest.ts";
import { loadSurvey } from "../src/survey/index.ts";
import type { Survey } from "../src/model/survey.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { ABOUT_SHEET } from "../src/web/workbook.ts";
import { axeViolations } from "./helpers/axe.ts";
import { until } from "./helpers/wait.ts";
import { buildOptions as options, filesUnder, snapshot } from "./helpers/outputs.ts";

const fixture = join(projectRoot, "test/fixtures/input/valid");
const realData = join(projectRoot, "data");
const EPOCH = "1230768000";

const temporary: string[] = [];
async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `web-${name}-`));
  temporary.push(dir);
  return dir;
}

const savedEpoch = process.env.SOURCE_DATE_EPOCH;
/** The fixture built whole (PDFs and web edition), and the real data's web edition alone. */
let whole: string;
let real: string;
let survey: Survey;
let model: ReportModel;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  whole = await tempDir("whole");
  real = await tempDir("real");
  await build(options(fixture, whole));
  await build(options(realData, real, { only: "web" }));
  survey = await loadSurvey(realData);
  model = buildReportModel(survey);
}, 300_000);

afterAll(async () => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every href and src of an HTML file, as written. */
const linksOf = (html: string) =>
  [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

describe("the site's files", () => {
  it("hold an index, the bijlage, a page, PDF and 2 CSVs per respondent, the tables as CSV, one XLSX", async () => {
    const files = await filesUnder(join(whole, "web"));
    const ids = ["G001", "G002", "G003", "G004", "O001", "O002", "O003"];
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "bijlage.html",
        "bijlage.pdf",
        "errata.md",
        "assets/filter.js",
        "data/bijlage.xlsx",
      ]),
    );
    for (const id of ids) {
      expect(files).toEqual(
        expect.arrayContaining([
          `fiches/${id}.html`,
          `fiches/${id}.pdf`,
          `data/excel/fiches/${id}.csv`,
          `data/csv/fiches/${id}.csv`,
        ]),
      );
    }
    for (const table of ["tabel-domeinen-gemeente", "tabel-initiatieven-ocmw", "tabel-f1", "tabel-f8"]) {
      expect(files).toEqual(expect.arrayContaining([`data/excel/${table}.csv`, `data/csv/${table}.csv`]));
    }
  });

  it("resolve every link (href and src) to a file of the site, and every #anchor to an id of its page", async () => {
    const root = join(whole, "web");
    const pages = (await filesUnder(root)).filter((f) => f.endsWith(".html"));
    let checked = 0;
    for (const page of pages) {
      const html = await readFile(join(root, page), "utf8");
      for (const link of linksOf(html)) {
        expect(link, `${page}: ${link}`).not.toMatch(/^(?:[a-z]+:|\/)/i); // relative: works from file:// and any host
        const [path, anchor] = link.split("#");
        const target = path ? normalize(join(dirname(page), path)) : page;
        expect(target.startsWith(".."), `${page}: ${link} leaves the site`).toBe(false);
        const content = await readFile(join(root, target)).catch(() => undefined);
        expect(content, `${page}: ${link} points at no file`).toBeDefined();
        if (anchor) expect(idsOf(content!.toString("utf8")).has(anchor), `${page}: ${link} points at no id`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("carry no script but the index's one file (no inline script, no third-party request)", async () => {
    const root = join(real, "web");
    for (const page of ["bijlage.html", "fiches/G001.html", "fiches/O062.html"]) {
      expect(await readFile(join(root, page), "utf8"), page).not.toMatch(/<script/i);
    }
    const index = await readFile(join(root, "index.html"), "utf8");
    expect([...index.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="assets/filter.js" defer>']);
    expect(index).toMatch(/<script src="assets\/filter.js" defer><\/script>/);
  });

  it("put an anchor on every section, figure and table of the bijlage", async () => {
    const html = await readFile(join(real, "web", "bijlage.html"), "utf8");
    const untagged = [...html.matchAll(/<(h[1-3]|figure|table)\b(?![^>]*\sid=")[^>]*>/g)].map((m) => m[0]);
    expect(untagged).toEqual([]);
    for (const id of ["figuur-1", "figuur-8", "tabel-f3", "tabel-domeinen-gemeente", "s2-3", "errata"])
      expect(idsOf(html).has(id), id).toBe(true);
    // A figure's note leads to its numbers.
    expect(html).toMatch(
      /<figure class="chart" id="figuur-3">[\s\S]*?<a href="#tabel-f3">tabel F3<\/a>[\s\S]*?<\/figure>/,
    );
  });

  it("are listed in manifest.json with their checksums", async () => {
    const manifest = JSON.parse(await readFile(join(whole, "manifest.json"), "utf8")) as Manifest;
    const web = Object.fromEntries(Object.entries(await snapshot(whole)).filter(([f]) => f.startsWith("web/")));
    const listed = Object.fromEntries(manifest.entries.filter((e) => e.kind === "web").map((e) => [e.path, e.sha256]));
    expect(listed).toEqual(web);
  });
});

describe("the downloads", () => {
  const workbook = async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(real, "web", "data", "bijlage.xlsx"));
    return book;
  };
  /** Data rows of a sheet (after caption, blank line and headings) by their first cell. */
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows = new Map<string, ExcelJS.CellValue[]>();
    sheet.eachRow((row, n) => {
      if (n > 3) rows.set(String(row.getCell(1).value), (row.values as ExcelJS.CellValue[]).slice(1));
    });
    return rows;
  };

  it("give the domain and initiative tables in the XLSX with the model's counts and shares (as %)", async () => {
    const book = await workbook();
    for (const type of ["gemeente", "ocmw"] as const) {
      const report = model.types[type];
      const domains = rowsOf(book.getWorksheet(`tabel-domeinen-${type}`)!);
      expect(domains.size).toBe(report.domains.length);
      for (const d of report.domains) {
        const row = domains.get(`${d.label}${d.printed ? "" : "*"}`)!;
        expect(row.slice(1, 3), d.label).toEqual([d.count, d.tenths! / 1000]);
        if (d.service)
          expect(row.slice(3), d.label).toEqual([d.service.inGroup.tenths! / 1000, d.service.outGroup.tenths! / 1000]);
      }
      const initiatives = rowsOf(book.getWorksheet(`tabel-initiatieven-${type}`)!);
      for (const c of report.initiatives.byCategory)
        expect(initiatives.get(`${c.label}${c.printed ? "" : "*"}`)!.slice(1), c.label).toEqual([
          c.count,
          c.tenths! / 1000,
        ]);
      const sheet = book.getWorksheet(`tabel-domeinen-${type}`)!;
      expect(sheet.getRow(4).getCell(3).numFmt).toBe("0.0%");
      expect(sheet.getRow(1).getCell(1).value).toBe(
        `Aandacht voor etnisch-culturele diversiteit per beleidsdomein, ${report.info.plural} (n = ${report.n})`,
      );
    }
  });

  it("open with a sheet on the source that says the data is reconstructed, and a sheet per table", async () => {
    const book = await workbook();
    expect(book.worksheets[0]!.name).toBe(ABOUT_SHEET);
    const about = book.worksheets[0]!.getSheetValues().flat().join(" ");
    expect(about).toMatch(/Gereconstrueerde gegevens/);
    expect(about).toMatch(/schuilnamen/);
    expect(book.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["tabel-f1", "tabel-f8", "tabel-errata"]),
    );
  });

  it("write each table as CSV for Belgian Excel (BOM, ';', 48,6%) and plain (',', 48.6 under '(%)')", async () => {
    const excel = await readFile(join(real, "web", "data", "excel", "tabel-domeinen-gemeente.csv"), "utf8");
    const plain = await readFile(join(real, "web", "data", "csv", "tabel-domeinen-gemeente.csv"), "utf8");
    expect(excel.startsWith("\uFEFFBeleidsdomein;Aantal;Aandeel;")).toBe(true);
    expect(plain.startsWith("Beleidsdomein,Aantal,Aandeel (%),")).toBe(true);
    const top = model.types.gemeente.domains[0]!;
    const excelRows = parse(excel.slice(1), { delimiter: ";" }) as string[][];
    const plainRows = parse(plain) as string[][];
    expect(excelRows[1]!.slice(0, 3)).toEqual([
      top.label,
      String(top.count),
      `${String(top.tenths! / 10).replace(".", ",")}%`,
    ]);
    expect(plainRows[1]!.slice(0, 3)).toEqual([top.label, String(top.count), (top.tenths! / 10).toFixed(1)]);
  });

  it("give each respondent's answers beside its comparison groups, with codebook labels", async () => {
    const id = "G001";
    const sheet = buildFactSheet(survey, id);
    const rows = parse(await readFile(join(real, "web", "data", "csv", "fiches", `${id}.csv`), "utf8"), {
      columns: true,
    }) as Record<string, string>[];
    const all = `Alle ${sheet.all.label} (n = ${sheet.all.n}) (%)`;
    for (const d of sheet.domainRows) {
      const row = rows.find((r) => r.Vraag === d.label && r.Onderdeel!.startsWith("Tabel"))!;
      expect(row, d.label).toBeDefined();
      expect(row["Uw bestuur"], d.label).toBe(d.own ? "ja" : "nee");
      expect(row[all], d.label).toBe((d.all.tenths! / 10).toFixed(1));
    }
    const profile = sheet.profile.flatMap((b) => b.rows.map((r) => r.label));
    expect(
      rows
        .filter((r) => r.Onderdeel === "Profiel van uw bestuur")
        .map((r) => r.Vraag!.replace(/^[\d.]+ /, "").replace(/^.*: /, "")),
    ).toEqual(profile);
  });

  it("leave out a VRIND class of fewer than five on the page and in its CSV, as the PDF does", async () => {
    const small = survey.respondents.map((r) => buildFactSheet(survey, r.id)).find((s) => !s.peers.shown)!;
    expect(small).toBeDefined();
    const id = small.header.id;
    const rows = parse(await readFile(join(real, "web", "data", "csv", "fiches", `${id}.csv`), "utf8")) as string[][];
    expect(rows.slice(1).every((r) => r[4] === "")).toBe(true);
    const page = await readFile(join(real, "web", "fiches", `${id}.html`), "utf8");
    expect(page).toContain("is de VRIND-klasse te klein");
  });
});

describe("the preview", () => {
  it("serves the web edition the build writes, file for file", async () => {
    const documents = await loadDocuments({ dataDir: fixture });
    for (const path of [
      "index.html",
      "bijlage.html",
      "fiches/G002.html",
      "data/csv/fiches/O001.csv",
      "data/bijlage.xlsx",
      "data/excel/tabel-f1.csv",
    ]) {
      const served = await documents.web!(path);
      expect(sha256(typeof served === "string" ? served : new Uint8Array(served!)), path).toBe(
        sha256(await readFile(join(whole, "web", path))),
      );
    }
    expect(await documents.web!("fiches/X999.html")).toBeUndefined();
  });
});

describe("builds of the web edition", () => {
  it("are byte-identical, the XLSX included, for the same inputs at another time and in another folder", async () => {
    await new Promise((r) => setTimeout(r, 2100)); // past a zip timestamp's two-second step
    const again = await tempDir("again");
    await build(options(realData, again, { only: "web" }));
    expect(await snapshot(join(again, "web"))).toEqual(await snapshot(join(real, "web")));
  });

  it("write nothing when nothing changed; --force writes every part again, to the same bytes", async () => {
    const before = await snapshot(join(whole, "web"));
    const result = await build(options(fixture, whole, { only: "web" }));
    expect(result.web).toEqual({ written: 0, unchanged: 7 + 1 + 8 });
    expect(await snapshot(join(whole, "web"))).toEqual(before);
    const forced = await build(options(fixture, whole, { only: "web", force: true }));
    expect(forced.web?.written).toBe(16);
    expect(await snapshot(join(whole, "web"))).toEqual(before);
  });

  it("make the pages while the PDFs are printed, and copy the PDFs only once they are written", async () => {
    const out = await tempDir("while-printing");
    await cp(whole, out, { recursive: true });
    await rm(join(out, "web"), { recursive: true });
    const prepared = await prepare({ dataDir: fixture });
    let pdfsWritten!: () => void;
    const printing = new Promise<void>((resolve) => (pdfsWritten = resolve));
    const folder = new OutputFolder(out);
    const webOptions = { folder, date: new Date(), codeVersion: "", before: previousOutputs(undefined), force: false };
    const web = buildWeb(prepared, { ...webOptions, ficheFile: (id) => `fiches/${id}.pdf` }, printing);
    await until(() => existsSync(join(out, "web/fiches/O003.html")), 60_000, "the last fact sheet's page");
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(join(out, "web/bijlage.pdf"))).toBe(false);
    pdfsWritten();
    expect((await web).written).toHaveLength(7 + 1 + 8);
    expect(await readFile(join(out, "web/bijlage.pdf"))).toEqual(await readFile(join(whole, "bijlage.pdf")));
  });

  it("rewrite only G001's page and CSVs when only its initiative's description changes", async () => {
    const data = await tempDir("data");
    await cp(fixture, data, { recursive: true });
    const out = await tempDir("incremental");
    await build(options(data, out, { only: "web" }));
    const before = await snapshot(join(out, "web"));
    const file = join(data, "gemeenten.csv");
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace("oprichting van een adviesraad met de doelgroep", "een adviesraad met de doelgroep"),
    );
    const result = await build(options(data, out, { only: "web" }));
    expect(result.web).toEqual({ written: 1, unchanged: 7 });
    const after = await snapshot(join(out, "web"));
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed.sort()).toEqual(["data/csv/fiches/G001.csv", "data/excel/fiches/G001.csv", "fiches/G001.html"]);
    expect(await readFile(join(out, "web", "fiches", "G001.html"), "utf8")).toContain(
      "een adviesraad met de doelgroep",
    );
  });
});

describe("the pages in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const pages = ["index.html", "bijlage.html", "fiches/G001.html", "fiches/O005.html", "fiches/G070.html"];

  for (const width of [375, 1280]) {
    it(`pass axe-core (WCAG 2.2 A/AA and best practices) with no violation at ${width} px`, async () => {
      for (const page of pages) expect(await axeViolations(browser, join(real, "web", page), width), page).toEqual([]);
    });
  }

  it("fit a 375 px screen: no page scrolls sideways; wide tables scroll in their own box", async () => {
    for (const path of pages) {
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 375, height: 800 });
        await page.goto(pathToFileURL(join(real, "web", path)).href, { waitUntil: "load" });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
        const outside = await page.evaluate(
          () =>
            [...document.querySelectorAll("table")].filter((t) => !t.parentElement?.classList.contains("table-scroll"))
              .length,
        );
        expect(outside, path).toBe(0);
      } finally {
        await page.close();
      }
    }
  });

  it("keep a readable measure at 1280 px: no paragraph wider than about 75 characters", async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(pathToFileURL(join(real, "web", "bijlage.html")).href, { waitUntil: "load" });
      const widest = await page.evaluate(() =>
        Math.max(
          ...[...document.querySelectorAll("main p")].map(
            (p) => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize),
          ),
        ),
      );
      // 75 characters of Source Sans at about 0.5 em each.
      expect(widest).toBeLessThanOrEqual(75 * 0.5 + 1);
    } finally {
      await page.close();
    }
  });

  it("list every respondent without JavaScript, and filter by type, class and id with it", async () => {
    const url = pathToFileURL(join(real, "web", "index.html")).href;
    const visible = (page: import("puppeteer").Page) =>
      page.$$eval(".respondents li", (items) =>
        items.filter((li) => (li as HTMLElement).offsetParent !== null).map((li) => li.textContent),
      );
    const plain = await browser.newPage();
    try {
      await plain.setJavaScriptEnabled(false);
      await plain.goto(url, { waitUntil: "load" });
      expect(await visible(plain)).toHaveLength(survey.respondents.length);
      expect(await plain.$eval(".filters", (form) => (form as HTMLElement).hidden)).toBe(true);
    } finally {
      await plain.close();
    }
    const page = await browser.newPage();
    try {
      await page.goto(url, { waitUntil: "load" });
      await page.type("#filter-id", "g01");
      expect((await visible(page)).sort()).toEqual(
        survey.respondents
          .map((r) => r.id)
          .filter((id) => id.startsWith("G01"))
          .sort(),
      );
      await page.$eval("#filter-id", (input) => ((input as HTMLInputElement).value = ""));
      await page.select("#filter-type", "ocmw");
      await page.select("#filter-class", survey.respondents.find((r) => r.type === "ocmw")!.answers.vrind);
      const shown = await visible(page);
      const expected = survey.respondents
        .filter(
          (r) =>
            r.type === "ocmw" && r.answers.vrind === survey.respondents.find((x) => x.type === "ocmw")!.answers.vrind,
        )
        .map((r) => r.id);
      expect([...shown].sort()).toEqual(expected.sort());
    } finally {
      await page.close();
    }
  });
});
