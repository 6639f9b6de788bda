/**
 * The web edition, <out>/web/: an index of every respondent, the bijlage and each fact sheet as
 * responsive pages, the bijlage's tables as CSV and XLSX, each respondent's figures as CSV, and copies
 * of the PDFs, so that the folder can be published as it is. It is made from the same model,
 * templates and figures as the PDFs, without a browser. Each part has an input key, like a printed
 * document: a rebuild with nothing changed writes nothing, and the same inputs give the same bytes.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildFactSheet, MIN_PEER_GROUP } from "../aggregate/factsheet.ts";
import { toCsv } from "../web/csv.ts";
import { respondentTable } from "../web/respondent.ts";
import { downloadPaths, downloadsOf, siteIndex, withScrollingTables } from "../web/site.ts";
import { tablesOf, type DataTable } from "../web/tables.ts";
import { tablesWorkbook } from "../web/workbook.ts";
import { fontsToCopy } from "../documents/context.ts";
import type { Prepared } from "../documents/prepare.ts";
import { hashFiles, inputKey, sha256, stableJson } from "./inputs.ts";
import type { ManifestEntry } from "./manifest.ts";
import { headingsOf, textOf } from "../render/headings.ts";
import { inParallel } from "./pool.ts";
import { writeAtomic } from "./write.ts";

export const WEB_DIR = "web";
const WORKBOOK = "data/bijlage.xlsx";

export interface WebFile {
  /** Relative to <out>/web/. */
  path: string;
  content: string | Uint8Array;
}

/** Files made together from one input key. */
interface WebPart {
  /** Its main file, which names it in messages. */
  name: string;
  key: string;
  make(): Promise<WebFile[]>;
}

export interface WebOptions {
  outDir: string;
  date: Date;
  codeVersion: string;
  /** The entries of the last build's manifest: parts whose key and files are unchanged are kept. */
  previous: ManifestEntry[];
  force: boolean;
  /** Where a respondent's fact sheet stands in <out> (`--name-files-by`); the web edition files it by id. */
  ficheFile: (id: string) => string;
}

export interface WebResult {
  entries: ManifestEntry[];
  written: number;
  unchanged: number;
  /** PDFs the pages link to that are not in <out> (not built yet): their links are broken until they are. */
  missingPdfs: string[];
  /** Parts that could not be made (a template failing for one respondent); their last good files stay. */
  failed: { path: string; message: string }[];
}

const csvFiles = (table: DataTable, paths: { excel: string; plain: string }): WebFile[] => [
  { path: paths.excel, content: toCsv(table, "excel") },
  { path: paths.plain, content: toCsv(table, "plain") },
];

/** The provenance partial as plain paragraphs, for the workbook's first sheet. */
const paragraphs = (html: string) => [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) => textOf(m[1]!));

/** The index, the bijlage's page, its tables as CSV and XLSX, the errata, the script and the fonts. */
export async function siteFiles(prepared: Prepared, date: Date): Promise<WebFile[]> {
  const { model, reconciliation, survey } = prepared;
  const renderer = await prepared.renderer();
  // The contents list of the web page has no page numbers: there are no pages.
  const toc = headingsOf(await prepared.bijlageHtml("site", [])).map((h) => ({ ...h, page: "" }));
  const bijlage = await prepared.bijlageHtml("site", toc);
  const tables = tablesOf(bijlage);
  const meta = await prepared.meta("bijlage", "site");
  const provenance = renderer.render(
    "web/provenance",
    { meta, g: model.types.gemeente, minPeerGroup: MIN_PEER_GROUP },
    "web/data",
  );
  const index = siteIndex(survey.codebook, survey.respondents);
  const context = {
    meta,
    g: model.types.gemeente,
    o: model.types.ocmw,
    index,
    downloads: downloadsOf(tables),
    workbook: WORKBOOK,
    errata: reconciliation.rows,
    minPeerGroup: MIN_PEER_GROUP,
  };
  const { title, subtitle, publisher } = survey.codebook.survey;
  const fonts = await Promise.all(fontsToCopy().map(async (f) => ({ path: f.to, content: await readFile(f.from) })));
  return [
    { path: "index.html", content: renderer.render("web/index", context, "web/index.html") },
    { path: "bijlage.html", content: withScrollingTables(bijlage) },
    { path: "errata.md", content: reconciliation.markdown },
    { path: "assets/filter.js", content: await readFile(join(prepared.templatesDir, "web", "filter.js")) },
    ...fonts,
    {
      path: WORKBOOK,
      content: await tablesWorkbook(tables, {
        title: `${title} ${subtitle}`,
        publisher,
        about: paragraphs(provenance),
        date,
      }),
    },
    ...tables.flatMap((t) => csvFiles(t, downloadPaths(t.id))),
  ];
}

/** A respondent's page and its figures as CSV. */
export async function ficheFiles(prepared: Prepared, id: string): Promise<WebFile[]> {
  const { html } = await prepared.ficheHtml(id, "site");
  return [
    { path: `fiches/${id}.html`, content: withScrollingTables(html) },
    ...csvFiles(respondentTable(id, tablesOf(html)), downloadPaths(`fiches/${id}`)),
  ];
}

function sitePart(prepared: Prepared, date: Date, templateKey: string, codeVersion: string): WebPart {
  const { model, reconciliation, survey, settings } = prepared;
  const data = {
    model,
    errata: reconciliation.rows,
    markdown: reconciliation.markdown,
    index: siteIndex(survey.codebook, survey.respondents),
    settings,
    date: date.toISOString(),
  };
  return {
    name: "index.html",
    key: inputKey(codeVersion, templateKey, sha256(stableJson(data))),
    make: () => siteFiles(prepared, date),
  };
}

function ficheParts(prepared: Prepared, date: Date, templateKey: string, codeVersion: string): WebPart[] {
  return [...prepared.survey.respondents]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id }) => ({
      name: `fiches/${id}.html`,
      key: inputKey(
        codeVersion,
        templateKey,
        sha256(stableJson({ sheet: buildFactSheet(prepared.survey, id, prepared.groups), date: date.toISOString() })),
      ),
      make: () => ficheFiles(prepared, id),
    }));
}

/** The PDFs beside their pages, so the folder stands alone; keyed by their own checksum. */
async function pdfParts(prepared: Prepared, { outDir, ficheFile }: WebOptions, missing: string[]): Promise<WebPart[]> {
  const ids = prepared.survey.respondents.map((r) => r.id).sort();
  const copies = [
    { from: "bijlage.pdf", path: "bijlage.pdf" },
    ...ids.map((id) => ({ from: ficheFile(id), path: `fiches/${id}.pdf` })),
  ];
  const read = await inParallel(copies, ({ from }) => readFile(join(outDir, from)).catch(() => undefined));
  const parts: WebPart[] = [];
  copies.forEach(({ from, path }, i) => {
    const content = read[i];
    if (content) parts.push({ name: path, key: sha256(content), make: async () => [{ path, content }] });
    else missing.push(from);
  });
  return parts;
}

async function unchanged(outDir: string, entries: ManifestEntry[]): Promise<boolean> {
  const hashes = await inParallel(entries, (entry) => readFile(join(outDir, entry.path)).then(sha256, () => undefined));
  return entries.length > 0 && entries.every((entry, i) => hashes[i] === entry.sha256);
}

/**
 * The pages first, then, once `printed` settles (the PDFs of this build are written), the copies of
 * the PDFs: the pages need no browser, so a build makes them while Chromium prints.
 */
export async function buildWeb(prepared: Prepared, options: WebOptions, printed?: Promise<void>): Promise<WebResult> {
  const { date, codeVersion } = options;
  const templateKey = await hashFiles(prepared.templatesDir, ["bijlage", "fiche", "shared", "styles", "charts", "web"]);
  const result: WebResult = { entries: [], written: 0, unchanged: 0, missingPdfs: [], failed: [] };
  const pages = [
    sitePart(prepared, date, templateKey, codeVersion),
    ...ficheParts(prepared, date, templateKey, codeVersion),
  ];
  await makeParts(pages, options, result);
  await printed;
  await makeParts(await pdfParts(prepared, options, result.missingPdfs), options, result);
  return result;
}

/** Makes and writes the parts whose key or files changed since the last build, adding them to `result`. */
async function makeParts(parts: WebPart[], options: WebOptions, result: WebResult): Promise<void> {
  const { outDir } = options;
  const previousWeb = options.previous.filter((e) => e.kind === "web");
  const keptBefore = parts.map((part) => previousWeb.filter((e) => e.inputKey === part.key));
  const kept = options.force ? [] : await inParallel(keptBefore, (before) => unchanged(outDir, before));
  for (const [i, part] of parts.entries()) {
    const before = keptBefore[i]!;
    if (kept[i]) {
      result.entries.push(...before);
      result.unchanged++;
      continue;
    }
    let files: WebFile[];
    try {
      files = await part.make();
    } catch (error) {
      // Like a document that fails to print: the others are made, and its last good files stay listed.
      result.entries.push(...before);
      result.failed.push({ path: `${WEB_DIR}/${part.name}`, message: (error as Error).message });
      continue;
    }
    for (const file of files) {
      const path = `${WEB_DIR}/${file.path}`;
      await writeAtomic(join(outDir, path), file.content);
      result.entries.push({
        path,
        kind: "web",
        sha256: sha256(file.content),
        bytes: Buffer.byteLength(file.content),
        inputKey: part.key,
        buildMs: 0,
      });
    }
    result.written++;
  }
}
