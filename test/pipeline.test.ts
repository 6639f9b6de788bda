/**
 * The build pipeline's contract, end to end on the small fixture (4 gemeenten, 3 OCMW's): incremental
 * rebuilds print only what changed, equal inputs give equal bytes, a failure never damages earlier
 * output, the manifest and fiches/index.csv describe what is on disk, and shards add up to one build.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/pipeline/index.ts";
import { projectRoot, templatesDir as projectTemplates } from "../src/documents/context.ts";
import type { Manifest } from "../src/pipeline/manifest.ts";
import { parseShard } from "../src/pipeline/shard.ts";
import { DataError } from "../src/errors.ts";
import { pageCount, pdfInfo, pdfText } from "./helpers/pdf.ts";
import { buildOptions as options, filesUnder, snapshot } from "./helpers/outputs.ts";

const fixture = join(projectRoot, "test/fixtures/input/valid");
const EPOCH = "1230768000"; // 2009-01-01T00:00:00Z
const ALL = [
  "bijlage.pdf",
  ...["G001", "G002", "G003", "G004", "O001", "O002", "O003"].map((id) => `fiches/${id}.pdf`),
];

const temporary: string[] = [];
async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `pipeline-${name}-`));
  temporary.push(dir);
  return dir;
}

async function copyOf(source: string, name: string): Promise<string> {
  const dir = await tempDir(name);
  await cp(source, dir, { recursive: true });
  return dir;
}

/** The printed PDFs (the web edition's copies of them, under web/, are test/web.test.ts's). */
const pdfsOf = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([f]) => f.endsWith(".pdf") && !f.startsWith("web/")));
const readPdfFile = async (dir: string, path: string) => new Uint8Array(await readFile(join(dir, path)));

/** One PDF at a time: pdf.js 5.4.624 keeps one page count for all open documents (mozilla/pdf.js#20629). */
async function texts(dir: string): Promise<Record<string, string>> {
  const text: Record<string, string> = {};
  for (const path of ALL) text[path] = (await pdfText(await readPdfFile(dir, path))).join("\n");
  return text;
}

const readManifest = async (dir: string) => JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;
const readIndex = async (dir: string) =>
  parse(await readFile(join(dir, "fiches", "index.csv"), "utf8"), { columns: true }) as Record<string, string>[];

/** Rewrites one cell of a respondent's row, as someone correcting the data would. */
async function setCell(file: string, id: string, column: string, value: string): Promise<void> {
  const [header, ...rows] = parse(await readFile(file, "utf8")) as string[][];
  const at = header!.indexOf(column);
  const row = rows.find((r) => r[0] === id);
  if (at < 0 || !row) throw new Error(`no cell ${id}/${column} in ${file}`);
  row[at] = value;
  const cell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  await writeFile(file, [header!, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n");
}

const savedEpoch = process.env.SOURCE_DATE_EPOCH;
/** A first build of the fixture, which several contracts start from. */
let reference: string;
let referenceResult: BuildResult;

beforeAll(async () => {
  // Without it, a fixture copied into a temp dir is dated by its files' mtimes, which every edit moves.
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  reference = await tempDir("reference");
  referenceResult = await build(options(fixture, reference));
});

afterAll(async () => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("incremental builds (one output folder, changed step by step)", () => {
  let data: string;
  let out: string;

  beforeAll(async () => {
    data = await copyOf(fixture, "data");
    out = await copyOf(reference, "incremental");
  });

  // The folder holds the reference build of the fixture; this data is the same fixture, copied to be edited.
  it("prints nothing when nothing changed, leaving every output byte-identical; --force prints all again", async () => {
    expect(referenceResult.failed).toEqual([]);
    expect([...referenceResult.printed].sort()).toEqual([...ALL].sort());
    const before = await snapshot(out);

    const again = await build(options(data, out));
    expect(again.printed).toEqual([]);
    expect([...again.skipped].sort()).toEqual([...ALL].sort());
    expect(await snapshot(out)).toEqual(before);

    const forced = await build(options(data, out, { force: true }));
    expect(forced.failed).toEqual([]);
    expect([...forced.printed].sort()).toEqual([...ALL].sort());
  });

  it("reprints only G001's fact sheet when its initiative's description changes (shown nowhere else)", async () => {
    const wording = "een adviesraad met vertegenwoordigers van de doelgroep";
    await setCell(join(data, "gemeenten.csv"), "G001", "initiatief1_omschrijving", wording);
    const result = await build(options(data, out));
    expect(result.failed).toEqual([]);
    expect(result.printed).toEqual(["fiches/G001.pdf"]);
    expect((await pdfText(await readPdfFile(out, "fiches/G001.pdf"))).join(" ").replace(/\s+/g, " ")).toContain(
      wording,
    );
  });

  it("on G002's new answer, reprints the bijlage, G002 and gemeenten whose shares moved; no OCMW sheet", async () => {
    // G002 now names diversity in its bestuursakkoord: "ja" goes from 2 of 4 gemeenten to 3 of 4. G001 and G004
    // (who said "ja") show that share; G003 ("weet niet", still 1 of 4) shows nothing that moved. Every sheet of a
    // type shows "all gemeenten" shares, so a correction may reprint several of them; the issue's "no other fact
    // sheet" would leave those figures stale.
    const textsBefore = await texts(out);
    const pdfsBefore = pdfsOf(await snapshot(out));
    await setCell(join(data, "gemeenten.csv"), "G002", "bestuursakkoord", "ja");
    const result = await build(options(data, out));
    expect(result.failed).toEqual([]);
    expect([...result.printed].sort()).toEqual([
      "bijlage.pdf",
      "fiches/G001.pdf",
      "fiches/G002.pdf",
      "fiches/G004.pdf",
    ]);
    const pdfsAfter = pdfsOf(await snapshot(out));
    for (const id of ["O001", "O002", "O003"])
      expect(pdfsAfter[`fiches/${id}.pdf`], id).toBe(pdfsBefore[`fiches/${id}.pdf`]);

    // Exactly the documents whose content changed were printed, and what was kept equals a clean build's.
    const textsAfter = await texts(out);
    for (const path of ALL) expect(result.printed.includes(path), path).toBe(textsAfter[path] !== textsBefore[path]);
    const clean = await tempDir("clean");
    await build(options(data, clean));
    expect(textsAfter).toEqual(await texts(clean));
  });

  it("reprints every fact sheet and not the bijlage when a file under templates/fiche changes", async () => {
    const templates = await copyOf(projectTemplates, "templates");
    const outline = join(templates, "fiche/outline.json");
    await writeFile(outline, (await readFile(outline, "utf8")).replace("Over deze gegevens.", "Over deze cijfers."));
    const result = await build(options(data, out, { templatesDir: templates }));
    expect(result.failed).toEqual([]);
    expect([...result.printed].sort()).toEqual(ALL.filter((p) => p.startsWith("fiches/")));
    expect(result.skipped).toEqual(["bijlage.pdf"]);
    for (const path of result.printed)
      expect((await pdfText(await readPdfFile(out, path))).join(" "), path).toContain("Over deze cijfers.");
  });
});

describe("reproducible builds", () => {
  it("give byte-identical PDFs in two output folders under the same SOURCE_DATE_EPOCH, dated by it", async () => {
    const second = await tempDir("second");
    await build(options(fixture, second));
    const first = pdfsOf(await snapshot(reference));
    expect(Object.keys(first).sort()).toEqual([...ALL].sort());
    expect(pdfsOf(await snapshot(second))).toEqual(first);
    const date = new Date(Number(EPOCH) * 1000);
    for (const path of ALL) {
      const info = await pdfInfo(await readPdfFile(reference, path));
      expect(info.creationDate, path).toEqual(date);
      expect(info.modDate, path).toEqual(date);
    }
  });
});

describe("atomic builds", () => {
  const noTemporaryFiles = async (dir: string) =>
    expect((await filesUnder(dir)).filter((f) => /(^|\/)\.[^/]*\.tmp$/.test(f))).toEqual([]);

  it("leave an earlier output folder exactly as it was when the data is invalid, with no temp files", async () => {
    const badData = join(projectRoot, "test/fixtures/pipeline/unknown-code");
    const out = await copyOf(reference, "atomic-data");
    const before = await snapshot(out);
    await expect(build(options(badData, out, { force: true }))).rejects.toThrow(DataError);
    expect(await snapshot(out)).toEqual(before);
    await noTemporaryFiles(out);
  });

  it("when G002's template fails, keep its last good PDF, write the others, name the template and line", async () => {
    const templates = await copyOf(projectTemplates, "failing-templates");
    const document = join(templates, "fiche/document.hbs");
    const lines = (await readFile(document, "utf8")).split("\n");
    const line = lines.indexOf('<body class="fiche">') + 2;
    lines.splice(line - 1, 0, '{{#if (eq sheet.header.id "G002")}}{{nonexistent.value}}{{/if}}');
    await writeFile(document, lines.join("\n"));
    const out = await copyOf(reference, "atomic-template");
    const before = await snapshot(out);

    const result = await build(options(fixture, out, { templatesDir: templates }));
    expect(result.failed).toEqual([
      { path: "fiches/G002.pdf", message: expect.stringContaining(`${document}:${line}:`) },
      { path: "web/fiches/G002.html", message: expect.stringContaining(`${document}:${line}:`) },
    ]);
    expect(result.failed[0]!.message).toContain("fiches/G002.pdf");
    expect([...result.printed].sort()).toEqual(ALL.filter((p) => p.startsWith("fiches/") && p !== "fiches/G002.pdf"));
    const after = await snapshot(out);
    expect(after["fiches/G002.pdf"]).toBe(before["fiches/G002.pdf"]);
    const g002 = (await readManifest(out)).entries.find((e) => e.path === "fiches/G002.pdf");
    expect(g002?.sha256).toBe(before["fiches/G002.pdf"]);
    await noTemporaryFiles(out);
  });
});

describe("the manifest and fiches/index.csv", () => {
  it("list every output with its path, sha256, pages, input key and build time", async () => {
    const manifest = await readManifest(reference);
    expect(manifest.sourceDate).toBe(new Date(Number(EPOCH) * 1000).toISOString());
    const all = await snapshot(reference);
    // The fonts are copies of the npm package's; fiches/index.csv is made from the manifest itself.
    const outputs = Object.fromEntries(
      Object.entries(all).filter(
        ([f]) => !f.startsWith("assets/") && f !== "manifest.json" && f !== "fiches/index.csv",
      ),
    );
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["bijlage.html", "errata.md"]));
    expect(manifest.entries.map((e) => e.path).sort()).toEqual(Object.keys(outputs).sort());
    for (const entry of manifest.entries) {
      const bytes = await readPdfFile(reference, entry.path);
      expect(entry.sha256, entry.path).toBe(outputs[entry.path]);
      expect(entry.bytes, entry.path).toBe(bytes.byteLength);
      if (entry.kind === "bijlage" || entry.kind === "fiche")
        expect(entry.pages, entry.path).toBe(await pageCount(bytes));
      expect(entry.inputKey, entry.path).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.buildMs, entry.path).toBeGreaterThanOrEqual(0);
    }
  });

  it("index every fact sheet as id,type,vrind_class,pages,file", async () => {
    const respondents = async (file: string, type: string) =>
      (parse(await readFile(join(fixture, file), "utf8"), { columns: true }) as Record<string, string>[]).map((r) => ({
        id: r.id!,
        type,
        vrind_class: r.vrind!,
      }));
    const expected = [...(await respondents("gemeenten.csv", "gemeente")), ...(await respondents("ocmws.csv", "ocmw"))];
    const index = await readIndex(reference);
    expect(Object.keys(index[0]!)).toEqual(["id", "type", "vrind_class", "pages", "file"]);
    expect(index.map(({ id, type, vrind_class }) => ({ id, type, vrind_class }))).toEqual(expected);
    for (const row of index) {
      expect(row.file).toBe(`${row.id}.pdf`);
      expect(Number(row.pages), row.id).toBe(await pageCount(await readPdfFile(reference, `fiches/${row.file}`)));
    }
  });
});

describe("shards", () => {
  it("build every document exactly once over 1/3, 2/3 and 3/3, and merge into one manifest and index", async () => {
    const dirs: string[] = [];
    const printed: string[] = [];
    for (const shard of ["1/3", "2/3", "3/3"]) {
      const dir = await tempDir(`shard-${shard.replace("/", "-of-")}`);
      const result = await build(options(fixture, dir, { shard: parseShard(shard) }));
      expect(result.failed).toEqual([]);
      const companions = [...(result.printed.includes("bijlage.pdf") ? ["bijlage.html"] : []), "errata.md"];
      expect((await readManifest(dir)).entries.map((e) => e.path).sort()).toEqual(
        [...result.printed, ...companions].sort(),
      );
      dirs.push(dir);
      printed.push(...result.printed);
    }
    expect(printed.sort()).toEqual([...ALL].sort());

    const merged = await tempDir("merged");
    const script = join(projectRoot, "scripts/merge-manifests.mjs");
    await promisify(execFile)("node", [script, "--out", merged, ...dirs.map((d) => join(d, "manifest.json"))], {
      cwd: projectRoot,
    });
    const manifest = await readManifest(merged);
    expect(manifest.entries.map((e) => e.path).sort()).toEqual([...ALL, "bijlage.html", "errata.md"].sort());
    const shardFiles = await Promise.all(dirs.map(snapshot));
    for (const entry of manifest.entries) {
      const copies = shardFiles.map((files) => files[entry.path]).filter(Boolean);
      expect(copies.length, entry.path).toBeGreaterThan(0);
      expect(new Set(copies), entry.path).toEqual(new Set([entry.sha256]));
    }
    expect((await readIndex(merged)).map((r) => r.id)).toEqual([
      "G001",
      "G002",
      "G003",
      "G004",
      "O001",
      "O002",
      "O003",
    ]);
  });
});
