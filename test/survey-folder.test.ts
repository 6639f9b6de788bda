/**
 * A real survey's folder, as a user would bring it: "provenance": "survey" in its codebook and a name
 * and NIS code per respondent (test/fixtures/survey-folder, invented names). Its documents say nothing
 * of a reconstruction, name each respondent, and can be filed by NIS code; validation keeps names
 * away from reconstructed answers and refuses a codebook that does not say where its data comes from.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { execa } from "execa";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ficheFileNames, parseFileNaming } from "../src/pipeline/fiche-index.ts";
import { build, type BuildResult } from "../src/pipeline/index.ts";
import { prepare } from "../src/documents/prepare.ts";
import { projectRoot } from "../src/documents/context.ts";
import type { Manifest } from "../src/pipeline/manifest.ts";
import { fill } from "../src/format/fill.ts";
import { loadSurvey } from "../src/survey/index.ts";
import type { Respondent } from "../src/model/survey.ts";
import { nameOf, nisOf, projectData, writeSurveyFolder } from "./fixtures/survey-folder/make.ts";
import { pdfInfo, pdfOutline, pdfText } from "./helpers/pdf.ts";
import { readPdf } from "./helpers/read.ts";
import { filesUnder } from "./helpers/outputs.ts";
import { refusal } from "./helpers/refusal.ts";

const RECONSTRUCTION_WORDS = /gereconstrueerd|reconstructie|schuilna(a)?m|pseudoniem/i;
const temporary: string[] = [];
async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `survey-folder-${name}-`));
  temporary.push(dir);
  return dir;
}

async function surveyFolder(options: Parameters<typeof writeSurveyFolder>[1] = {}): Promise<string> {
  const dir = await tempDir("data");
  await writeSurveyFolder(dir, options);
  return dir;
}

/** Everything a reader or a search engine sees of a PDF: page text, document info and the XMP packet. */
async function pdfWords(pdf: Uint8Array): Promise<string> {
  const info = await pdfInfo(pdf);
  const xmp = await readPdf(pdf, async (doc) => (await doc.getMetadata()).metadata?.getRaw() ?? "");
  // The raw bytes too: uncompressed strings (Info, outline, XMP) whatever a reader makes of them.
  return [
    ...(await pdfText(pdf)),
    info.title,
    info.subject,
    info.keywords,
    xmp,
    Buffer.from(pdf).toString("latin1"),
  ].join("\n");
}

const fiche = async (dir: string, file: string) => new Uint8Array(await readFile(join(dir, "fiches", file)));
const readIndex = async (dir: string) =>
  parse(await readFile(join(dir, "fiches", "index.csv"), "utf8"), { columns: true }) as Record<string, string>[];

const savedEpoch = process.env.SOURCE_DATE_EPOCH;
let data: string;
let out: string;
let result: BuildResult;
let title: string;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = "1228089600";
  data = await surveyFolder();
  out = await tempDir("out");
  title = (JSON.parse(await readFile(join(data, "codebook.json"), "utf8")) as { survey: { title: string } }).survey
    .title;
  result = await build({ dataDir: data, outDir: out, keepHtml: true, force: true, concurrency: 2, quiet: true });
});

afterAll(async () => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the documents of a real survey", () => {
  it("say nothing of a reconstruction or pseudonyms: no page, metadata, HTML or errata", async () => {
    expect(result.failed).toEqual([]);
    const files = await filesUnder(out);
    expect(files).toEqual(
      expect.arrayContaining([
        "bijlage.pdf",
        "bijlage.html",
        "errata.md",
        "html/bijlage.html",
        "fiches/G001.pdf",
        "html/fiches/O003.html",
      ]),
    );
    for (const file of files.filter((f) => /\.(pdf|html|md)$/.test(f))) {
      const content = await readFile(join(out, file));
      const words = file.endsWith(".pdf") ? await pdfWords(new Uint8Array(content)) : content.toString("utf8");
      expect(words.match(RECONSTRUCTION_WORDS)?.[0], file).toBeUndefined();
    }
  });

  it("would show those words for a reconstruction of the same answers (the check above can fail)", async () => {
    const reconstructed = await surveyFolder({ provenance: "reconstructed", anonymous: true });
    const prepared = await prepare({ dataDir: reconstructed });
    expect((await prepared.bijlageHtml("web", [])).html).toMatch(RECONSTRUCTION_WORDS);
    expect((await prepared.ficheHtml("G001", "web")).html).toContain("G001 is een schuilnaam");
  });

  it("title each fact sheet, its PDF and its outline after its respondent, with its NIS code", async () => {
    const index = await readIndex(out);
    expect(index).toHaveLength(7);
    for (const row of index) {
      const n = Number(row.id!.slice(1));
      const heading = `${row.type === "gemeente" ? "Gemeente" : "OCMW"} ${nameOf(row.type!, n)}`;
      const pdf = await fiche(out, row.file!);
      expect((await pdfInfo(pdf)).title, row.file).toBe(`Fiche ${heading}: ${title}`);
      expect((await pdfOutline(pdf))[0]?.title, row.file).toBe(heading);
      const page = (await pdfText(pdf))[0]!.replace(/\s+/g, " ");
      expect(page).toContain(heading);
      expect(page).toContain(`NIS-code ${nisOf(row.type!, n)}`);
    }
  });

  it("list the name and NIS code in fiches/index.csv and the manifest", async () => {
    expect((await readIndex(out))[0]).toEqual({
      id: "G001",
      type: "gemeente",
      vrind_class: expect.any(String),
      pages: expect.any(String),
      file: "G001.pdf",
      name: "Voorbeeldgemeente 1",
      nis: "99001",
    });
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.entries.find((e) => e.id === "O002")).toMatchObject({
      path: "fiches/O002.pdf",
      name: "Voorbeeldgemeente 102",
      nis: "99102",
    });
  });

  it("are filed by NIS code with --name-files-by nis", async () => {
    const byNis = await tempDir("by-nis");
    const cli = join(projectRoot, "bin/vvsg-rapporten.mjs");
    const run = await execa(
      "node",
      [
        cli,
        "build",
        "--data",
        data,
        "--out",
        byNis,
        "--only",
        "fiches",
        "--name-files-by",
        "nis",
        "--concurrency",
        "2",
      ],
      { reject: false },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect((await readdir(join(byNis, "fiches"))).sort()).toEqual([
      "99001.pdf",
      "99002.pdf",
      "99003.pdf",
      "99004.pdf",
      "99101.pdf",
      "99102.pdf",
      "99103.pdf",
      "index.csv",
    ]);
    expect((await pdfInfo(await fiche(byNis, "99001.pdf"))).title).toBe(`Fiche Gemeente Voorbeeldgemeente 1: ${title}`);
    expect((await readIndex(byNis)).find((r) => r.id === "O001")).toMatchObject({ file: "99101.pdf", nis: "99101" });

    // The web edition files its copies by id, wherever --name-files-by put the PDFs.
    const web = await execa(
      "node",
      [cli, "build", "--data", data, "--out", byNis, "--only", "web", "--name-files-by", "nis"],
      {
        reject: false,
      },
    );
    expect(web.exitCode, web.stderr).toBe(0);
    // Only the bijlage, which this folder never built, is missing; every fact sheet was found under its NIS name.
    expect(web.stderr).toMatch(/web: 1 PDFs are not built yet \(bijlage\.pdf/);
    expect(await readFile(join(byNis, "web", "fiches", "G001.pdf"))).toEqual(
      await readFile(join(byNis, "fiches", "99001.pdf")),
    );
  });
});

describe("texts from the data folder", () => {
  it("get their placeholders filled, and refuse one the document does not fill", () => {
    expect(fill("{id} is een schuilnaam", { id: "G001" })).toBe("G001 is een schuilnaam");
    expect(() => fill("{naam} is een schuilnaam", { id: "G001" })).toThrow(/no value for \{naam\}.*known: \{id\}/);
  });
});

describe("file names by NIS code", () => {
  const respondent = (id: string, type: "gemeente" | "ocmw", nis?: string) =>
    ({ id, type, nis, source: { file: "x.csv", line: 2 } }) as Respondent;

  it("add the type where a gemeente and its OCMW share a code", () => {
    const names = ficheFileNames(
      [
        respondent("G001", "gemeente", "41002"),
        respondent("O001", "ocmw", "41002"),
        respondent("O002", "ocmw", "44021"),
      ],
      "nis",
    );
    expect([...names.values()]).toEqual(["41002-gemeente", "41002-ocmw", "44021"]);
  });

  it("never give two fact sheets the same file, whatever codes gemeenten and OCMW's share", () => {
    const codes = fc.uniqueArray(fc.integer({ min: 10000, max: 10040 }), { maxLength: 30 });
    fc.assert(
      fc.property(codes, codes, (gemeenten, ocmws) => {
        const all = [
          ...gemeenten.map((nis, i) => respondent(`G${i}`, "gemeente", String(nis))),
          ...ocmws.map((nis, i) => respondent(`O${i}`, "ocmw", String(nis))),
        ];
        const names = [...ficheFileNames(all, "nis").values()];
        expect(new Set(names).size).toBe(all.length);
        for (const name of names) expect(name).toMatch(/^\d{5}(-gemeente|-ocmw)?$/);
      }),
    );
  });

  it("are refused without NIS codes, naming the file", () => {
    expect(() => ficheFileNames([respondent("G001", "gemeente")], "nis")).toThrow(
      /--name-files-by nis .*x\.csv has no "nis" column/,
    );
  });

  it("are chosen by --name-files-by id (the default) or nis, and nothing else", () => {
    expect([parseFileNaming(undefined), parseFileNaming("nis")]).toEqual(["id", "nis"]);
    expect(() => parseFileNaming("naam")).toThrow(/--name-files-by takes id or nis, got "naam"/);
  });
});

/** Replaces one cell (row 0 = the first respondent; the fixture has a cell over two lines only from row 2 on). */
async function setCell(file: string, row: number, column: string, value: string): Promise<number> {
  const [header, ...rows] = parse(await readFile(file, "utf8")) as string[][];
  const at = header!.indexOf(column);
  rows[row]![at] = value;
  const cell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  await writeFile(file, [header!, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n");
  return at + 1;
}

describe("validating names, NIS codes and provenance", () => {
  it("reads every respondent's name and NIS code from a copy of data/ with them added", async () => {
    const survey = await loadSurvey(await surveyFolder({ source: projectData }));
    expect(survey.respondents).toHaveLength(132);
    expect(survey.respondents[0]).toMatchObject({ id: "G001", name: "Voorbeeldgemeente 1", nis: "99001" });
    expect(survey.codebook.survey).toMatchObject({ provenance: "survey", reconstruction: null });
  });

  it("refuses a codebook not saying where its data comes from, naming codebook.json and what to add", async () => {
    const dir = await surveyFolder();
    const codebook = JSON.parse(await readFile(join(dir, "codebook.json"), "utf8"));
    delete codebook.survey.provenance;
    await writeFile(join(dir, "codebook.json"), JSON.stringify(codebook));
    const error = await refusal(dir);
    expect(error.location).toMatchObject({ file: join(dir, "codebook.json"), field: "survey.provenance" });
    expect(error.message).toContain('"provenance": "survey"');
    const run = await execa("node", [join(projectRoot, "bin/vvsg-rapporten.mjs"), "validate", "--data", dir], {
      reject: false,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/codebook\.json: the codebook does not say where its data comes from/);
  });

  it("refuses a reconstruction without the texts that say so", async () => {
    const dir = await surveyFolder({ provenance: "reconstructed", anonymous: true });
    const codebook = JSON.parse(await readFile(join(dir, "codebook.json"), "utf8"));
    delete codebook.survey.reconstruction.fiche.facts;
    await writeFile(join(dir, "codebook.json"), JSON.stringify(codebook));
    expect((await refusal(dir)).location).toMatchObject({ field: "survey.reconstruction.fiche.facts" });
  });

  it("refuses names or NIS codes beside reconstructed answers, pointing at the column", async () => {
    const dir = await surveyFolder({ provenance: "reconstructed" });
    const header = (await readFile(join(dir, "gemeenten.csv"), "utf8")).split("\n")[0]!.split(",");
    const error = await refusal(dir);
    expect(error.location).toMatchObject({
      file: join(dir, "gemeenten.csv"),
      line: 1,
      column: header.indexOf("naam") + 1,
      field: "naam",
    });
    expect(error.message).toContain("reconstructed answers are never joined to a real name");
  });

  it.each([
    ["nis", 1, "9902", /not a NIS code.*expected a NIS code of five digits/],
    ["nis", 2, "", /no NIS code/],
    ["nis", 1, "99001", /duplicate NIS code, first on line 2/],
    ["naam", 1, "", /no name/],
    ["naam", 2, "Voorbeeldgemeente 1", /duplicate name, first on line 2/],
  ])("refuses column %s on data row %i, value %j, with file, line and column", async (column, row, value, problem) => {
    const dir = await surveyFolder();
    const at = await setCell(join(dir, "gemeenten.csv"), row, column, value);
    const error = await refusal(dir);
    expect(error.location).toMatchObject({
      file: join(dir, "gemeenten.csv"),
      line: row + 2,
      column: at,
      field: column,
    });
    expect(error.message).toMatch(problem);
  });

  it("lets a gemeente and an OCMW share a NIS code and a name", async () => {
    const dir = await surveyFolder();
    await setCell(join(dir, "ocmws.csv"), 0, "nis", "99001");
    await setCell(join(dir, "ocmws.csv"), 0, "naam", "Voorbeeldgemeente 1");
    const survey = await loadSurvey(dir);
    expect(survey.respondents.filter((r) => r.nis === "99001").map((r) => r.id)).toEqual(["G001", "O001"]);
  });
});
