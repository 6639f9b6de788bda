/**
 * The documents of a build: what each one is, its input key, its metadata, and how to print it.
 * In a fixed order (the bijlage, then the fact sheets by id) so that shards split them alike.
 */
import { buildFactSheet } from "../aggregate/factsheet.ts";
import { UsageError } from "../errors.ts";
import type { BlockedRequest } from "../print/pdf.ts";
import type { Printer } from "../print/printer.ts";
import type { Prepared } from "../documents/prepare.ts";
import { hashFiles, inputKey, sha256, stableJson } from "./inputs.ts";
import { ficheFileNames } from "./fiche-index.ts";
import type { BuildOptions } from "./options.ts";
import * as msg from "../messages.ts";

export interface DocumentJob {
  path: string;
  kind: "bijlage" | "fiche";
  id?: string;
  /** Extra columns for fiches/index.csv. */
  respondentType?: string;
  vrindClass?: string;
  name?: string;
  nis?: string;
  inputKey: string;
  title: string;
  subject: string;
  /** Prints the document; returns the PDF as printed, the HTML that was printed and the requests it was refused. */
  produce(printer: Printer): Promise<{ pdf: Uint8Array; html: string; webHtml?: string; blocked: BlockedRequest[] }>;
}

/** What every job's key depends on besides its own model: the code and the source date. */
interface KeyContext {
  codeVersion: string;
  date: Date;
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

export const includesBijlage = (options: BuildOptions) => (!options.only || options.only === "bijlage") && !options.ids;
const includesFiches = (options: BuildOptions) => !options.only || options.only === "fiches";
/** The web edition links to every document, so it is made only from the whole survey. */
export const includesWeb = (options: BuildOptions) =>
  (!options.only || options.only === "web") && !options.ids && !options.shard;

export async function documentJobs(
  prepared: Prepared,
  options: BuildOptions,
  keys: KeyContext,
): Promise<DocumentJob[]> {
  const jobs: DocumentJob[] = [];
  if (includesBijlage(options)) jobs.push(await bijlageJob(prepared, keys));
  if (includesFiches(options)) jobs.push(...(await ficheJobs(prepared, options, keys)));
  return jobs;
}

async function bijlageJob(prepared: Prepared, { codeVersion, date }: KeyContext): Promise<DocumentJob> {
  const { model, reconciliation, settings } = prepared;
  const { title, subtitle, fieldwork } = prepared.survey.codebook.survey;
  const templateKey = await hashFiles(prepared.templatesDir, ["bijlage", "shared", "styles/report.css", "charts"]);
  const modelKey = sha256(stableJson({ model, errata: reconciliation.rows, settings, date: date.toISOString() }));
  return {
    path: "bijlage.pdf",
    kind: "bijlage",
    inputKey: inputKey(codeVersion, templateKey, modelKey),
    title: `${title} ${subtitle}`,
    subject: `Bijlage: resultaten van de VVSG-enquête van ${fieldwork}${provenanceNote(prepared)}`,
    async produce(printer) {
      let blocked: BlockedRequest[] = [];
      const { outlinePages, printWithToc } = await import("../finish/outline.ts");
      const printed = await printWithToc(
        (toc) => prepared.bijlageHtml("print", toc),
        async (html) => {
          const result = await printer.print(html, "bijlage.pdf");
          blocked = result.blocked;
          return result.pdf;
        },
        (pdf) => outlinePages(pdf),
        settings.firstPage,
      );
      return { pdf: printed.pdf, html: printed.html, webHtml: await prepared.bijlageHtml("web", printed.toc), blocked };
    },
  };
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
    return {
      path,
      kind: "fiche",
      id: respondent.id,
      respondentType: respondent.type,
      vrindClass: respondent.answers.vrind,
      name: respondent.name,
      nis: respondent.nis,
      // The sheet holds every figure the document shows, its
      // comparisons included: when those move, it is printed again.
      inputKey: inputKey(codeVersion, templateKey, sha256(stableJson({ sheet, date: date.toISOString() }))),
      title: sheet.header.documentTitle,
      subject:
        `Antwoorden van ${sheet.header.type.singular} ${sheet.header.label} naast alle ${sheet.all.label} ` +
        `en vergelijkbare besturen${provenanceNote(prepared)}`,
      async produce(printer) {
        // The sheet is built again here rather than kept from the key above: holding every sheet
        // until it prints would make memory grow with the batch.
        const { html } = await prepared.ficheHtml(respondent.id, "print");
        const printed = await printer.print(html, path);
        return { pdf: printed.pdf, html, blocked: printed.blocked };
      },
    };
  });
}
