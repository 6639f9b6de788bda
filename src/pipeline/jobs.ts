/**
 * The documents of a build, each a producer of its files (src/outputs/producer.ts): its input key, and
 * how it is printed, finished and checked into its PDF, the bijlage's web copy, and with --keep-html the
 * HTML that was printed. In a fixed order (the bijlage, then the fact sheets by id) so that shards split
 * them alike.
 */
import { buildFactSheet } from "../aggregate/factsheet.ts";
import { UsageError } from "../errors.ts";
import type { FinishPdf } from "../finish/index.ts";
import { keywords } from "../model/codebook.ts";
import { makes, type OutputKind } from "../outputs/kinds.ts";
import type { FileFacts, OutputFile, Producer } from "../outputs/producer.ts";
import type { BlockedRequest } from "../print/pdf.ts";
import type { Printer } from "../print/printer.ts";
import type { Prepared, RenderedDocument } from "../documents/prepare.ts";
import { hashFiles, inputKey, sha256, stableJson } from "./inputs.ts";
import { ficheFileNames } from "./fiche-index.ts";
import type { BuildOptions } from "./options.ts";
import { checkPageLimit } from "./page-limit.ts";
import * as msg from "../messages.ts";

/** What printing a document needs from the build: the browser, the finishing step, and an ear for refusals. */
export interface PrintTools {
  printer: Printer;
  finishPdf: FinishPdf;
  /** A request the document made and did not get. */
  onBlocked(request: BlockedRequest): void;
}

export interface DocumentJob extends Producer<PrintTools> {
  kind: "bijlage" | "fiche";
  /** For fact sheets: the respondent, for the manifest and fiches/index.csv. */
  facts: FileFacts;
}

/** How a document came out of the browser: the PDF, what was printed, and the bijlage's web copy. */
interface Printed {
  pdf: Uint8Array;
  rendered: RenderedDocument;
  webHtml?: string;
}

/** What every job's key depends on besides its own model: the code and the source date. */
interface KeyContext {
  codeVersion: string;
  date: Date;
}

/** The web copy of a printed document. */
export const htmlOf = (path: string) => path.replace(/\.pdf$/, ".html");

/** A document's producer: prints it (`print`), then finishes, checks and measures it into its files. */
function documentJob(
  prepared: Prepared,
  options: BuildOptions,
  date: Date,
  job: Omit<DocumentJob, "make"> & { title: string; subject: string },
  print: (tools: PrintTools) => Promise<Printed>,
): DocumentJob {
  const { title, subject, ...producer } = job;
  return {
    ...producer,
    async make(tools) {
      const printed = await print(tools);
      const { outline, linkLabels, html } = printed.rendered;
      const { pdf, pages } = tools.finishPdf(printed.pdf, job.name, {
        outlineTitles: outline.printed.map((h) => h.title),
        linkLabels,
        title,
        author: prepared.survey.codebook.survey.publisher,
        subject,
        language: "nl-BE",
        date,
        keywords: keywords(prepared.survey.codebook.survey),
      });
      checkPageLimit(job, pages);
      const file = (path: string, kind: OutputKind, content: string | Uint8Array, facts?: FileFacts): OutputFile => ({
        path,
        kind,
        content,
        facts,
      });
      return [
        file(job.name, job.kind, pdf, { ...job.facts, pages }),
        ...(printed.webHtml ? [file(htmlOf(job.name), "html", printed.webHtml)] : []),
        ...(makes("printed", options) ? [file(`html/${htmlOf(job.name)}`, "printed", html)] : []),
      ];
    },
  };
}

/** The reconstruction's label, in brackets after a subject, when the data folder declares one. */
function provenanceNote(prepared: Prepared): string {
  const { reconstruction } = prepared.survey.codebook.survey;
  return reconstruction ? ` (${reconstruction.label})` : "";
}

/** Where each respondent's fact sheet stands in the output folder, as `--name-files-by` names it. */
export function ficheFiles(prepared: Prepared, options: BuildOptions): (id: string) => string {
  const names = ficheFileNames(prepared.survey.respondents, options.nameFilesBy);
  return (id) => `fiches/${names.get(id)}.pdf`;
}

export async function documentJobs(
  prepared: Prepared,
  options: BuildOptions,
  keys: KeyContext,
): Promise<DocumentJob[]> {
  const jobs: DocumentJob[] = [];
  if (makes("bijlage", options)) jobs.push(await bijlageJob(prepared, options, keys));
  if (makes("fiche", options)) jobs.push(...(await ficheJobs(prepared, options, keys)));
  return jobs;
}

async function bijlageJob(prepared: Prepared, options: BuildOptions, keys: KeyContext): Promise<DocumentJob> {
  const { model, reconciliation, settings } = prepared;
  const { title, subtitle, fieldwork } = prepared.survey.codebook.survey;
  const templateKey = await hashFiles(prepared.templatesDir, ["bijlage", "shared", "styles/report.css", "charts"]);
  const { codeVersion, date } = keys;
  const modelKey = sha256(stableJson({ model, errata: reconciliation.rows, settings, date: date.toISOString() }));
  const job = {
    name: "bijlage.pdf",
    kind: "bijlage" as const,
    facts: {},
    inputKey: inputKey(codeVersion, templateKey, modelKey),
    title: `${title} ${subtitle}`,
    subject: `Bijlage: resultaten van de VVSG-enquête van ${fieldwork}${provenanceNote(prepared)}`,
  };
  return documentJob(prepared, options, date, job, async ({ printer, onBlocked }) => {
    const { outlinePages, printWithToc } = await import("../finish/outline.ts");
    const printed = await printWithToc(
      (toc) => prepared.bijlageHtml("print", toc),
      async (html) => {
        const result = await printer.print(html, job.name);
        result.blocked.forEach(onBlocked);
        return result.pdf;
      },
      (pdf) => outlinePages(pdf),
      settings.firstPage,
    );
    const webHtml = (await prepared.bijlageHtml("web", printed.toc)).html;
    return { pdf: printed.pdf, rendered: printed.rendered, webHtml };
  });
}

async function ficheJobs(
  prepared: Prepared,
  options: BuildOptions,
  { codeVersion, date }: KeyContext,
): Promise<DocumentJob[]> {
  const { survey } = prepared;
  const templateKey = await hashFiles(prepared.templatesDir, [
    "fiche",
    "shared",
    "styles",
    "charts/fiche-domains.vl.json",
  ]);
  for (const id of options.ids ?? []) {
    if (!survey.respondents.some((r) => r.id === id)) throw new UsageError(msg.unknownId(id));
  }
  const wanted = options.ids ? new Set(options.ids) : undefined;
  const ficheFile = ficheFiles(prepared, options);
  const respondents = survey.respondents
    .filter((r) => !wanted || wanted.has(r.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return respondents.map((respondent) => {
    const sheet = buildFactSheet(survey, respondent.id, prepared.groups);
    const path = ficheFile(respondent.id);
    const job = {
      name: path,
      kind: "fiche" as const,
      facts: {
        id: respondent.id,
        respondentType: respondent.type,
        vrindClass: respondent.answers.vrind,
        name: respondent.name,
        nis: respondent.nis,
      },
      // The sheet holds every figure the document shows, its
      // comparisons included: when those move, it is printed again.
      inputKey: inputKey(codeVersion, templateKey, sha256(stableJson({ sheet, date: date.toISOString() }))),
      title: sheet.header.documentTitle,
      subject:
        `Antwoorden van ${sheet.header.type.singular} ${sheet.header.label} naast alle ${sheet.all.label} ` +
        `en vergelijkbare besturen${provenanceNote(prepared)}`,
    };
    return documentJob(prepared, options, date, job, async ({ printer, onBlocked }) => {
      // The sheet is built again here rather than kept from the key above: holding every sheet
      // until it prints would make memory grow with the batch.
      const rendered = await prepared.ficheHtml(respondent.id, "print");
      const printed = await printer.print(rendered.html, path);
      printed.blocked.forEach(onBlocked);
      return { pdf: printed.pdf, rendered };
    });
  });
}
