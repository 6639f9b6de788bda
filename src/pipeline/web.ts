/**
 * The web edition, <out>/web/: an index of every respondent, the bijlage and each fact sheet as
 * responsive pages, the bijlage's tables as CSV and XLSX, each respondent's figures as CSV, and copies
 * of the PDFs, so that the folder can be published as it is. It is made from the same model,
 * templates and figures as the PDFs, without a browser. Each part is a producer with an input key, like
 * a printed document: a rebuild with nothing changed writes nothing, and the same inputs give the same bytes.
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
import { textOf } from "../render/headings.ts";
import type { OutputFile, Producer } from "../outputs/producer.ts";
import type { OutputFolder } from "./output-folder.ts";
import { inParallel } from "./pool.ts";
import { emptyOutcome, produceEach, type Outcome, type PreviousOutputs } from "./produce.ts";

export const WEB_DIR = "web";
const WORKBOOK = "data/bijlage.xlsx";

export interface WebFile {
  /** Relative to <out>/web/. */
  path: string;
  content: string | Uint8Array;
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
  const toc = (await prepared.bijlageHtml("site", [])).outline.tocHeadings().map((h) => ({ ...h, page: "" }));
  const bijlage = (await prepared.bijlageHtml("site", toc)).html;
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

const inWeb = (files: WebFile[]): OutputFile[] =>
  files.map((file) => ({ path: `${WEB_DIR}/${file.path}`, kind: "web", content: file.content }));

function sitePart(prepared: Prepared, date: Date, templateKey: string, codeVersion: string): Producer {
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
    name: `${WEB_DIR}/index.html`,
    inputKey: inputKey(codeVersion, templateKey, sha256(stableJson(data))),
    make: async () => inWeb(await siteFiles(prepared, date)),
  };
}

function ficheParts(prepared: Prepared, date: Date, templateKey: string, codeVersion: string): Producer[] {
  return [...prepared.survey.respondents]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id }) => ({
      name: `${WEB_DIR}/fiches/${id}.html`,
      inputKey: inputKey(
        codeVersion,
        templateKey,
        sha256(stableJson({ sheet: buildFactSheet(prepared.survey, id, prepared.groups), date: date.toISOString() })),
      ),
      make: async () => inWeb(await ficheFiles(prepared, id)),
    }));
}

/** The pages: made from the model, they need no browser, so a build makes them while Chromium prints. */
async function webPages(prepared: Prepared, keys: { date: Date; codeVersion: string }): Promise<Producer[]> {
  const { date, codeVersion } = keys;
  const templateKey = await hashFiles(prepared.templatesDir, ["bijlage", "fiche", "shared", "styles", "charts", "web"]);
  return [sitePart(prepared, date, templateKey, codeVersion), ...ficheParts(prepared, date, templateKey, codeVersion)];
}

/**
 * The PDFs beside their pages, so the folder stands alone; each keyed by its own checksum, and read once
 * this build's PDFs are written. `missing`: the PDFs not built yet, whose links stay broken until they are.
 */
async function pdfCopies(
  prepared: Prepared,
  folder: OutputFolder,
  ficheFile: (id: string) => string,
): Promise<{ producers: Producer[]; missing: string[] }> {
  const ids = prepared.survey.respondents.map((r) => r.id).sort();
  const copies = [
    { from: "bijlage.pdf", path: "bijlage.pdf" },
    ...ids.map((id) => ({ from: ficheFile(id), path: `fiches/${id}.pdf` })),
  ];
  const read = await inParallel(copies, ({ from }) => folder.read(from));
  const producers: Producer[] = [];
  const missing: string[] = [];
  copies.forEach(({ from, path }, i) => {
    const content = read[i];
    if (content)
      producers.push({
        name: `${WEB_DIR}/${path}`,
        inputKey: sha256(content),
        make: async () => inWeb([{ path, content }]),
      });
    else missing.push(from);
  });
  return { producers, missing };
}

export interface WebOutcome extends Outcome {
  /** PDFs the pages link to that are not in <out> (not built yet): their links are broken until they are. */
  missingPdfs: string[];
}

export interface WebOptions {
  folder: OutputFolder;
  date: Date;
  codeVersion: string;
  /** What each part made in the last build: parts whose key and files are unchanged are kept. */
  before: PreviousOutputs;
  force: boolean;
  /** Where a respondent's fact sheet stands in <out> (`--name-files-by`); the web edition files it by id. */
  ficheFile: (id: string) => string;
}

/** The pages first, then, once `pdfsWritten` settles (the PDFs of this build are written), the copies of the PDFs. */
export async function buildWeb(
  prepared: Prepared,
  options: WebOptions,
  pdfsWritten?: Promise<void>,
): Promise<WebOutcome> {
  const web: WebOutcome = { ...emptyOutcome(), missingPdfs: [] };
  await produceEach(await webPages(prepared, options), options, web);
  await pdfsWritten;
  const copies = await pdfCopies(prepared, options.folder, options.ficheFile);
  web.missingPdfs = copies.missing;
  await produceEach(copies.producers, options, web);
  return web;
}
