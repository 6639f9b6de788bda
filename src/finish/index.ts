/**
 * The per-document step after printing: the PDF is finished (metadata, tags, identifier; see
 * src/finish/metadata.ts) with what the printed HTML says, then checked (src/conform/). A PDF that
 * fails a checkpoint is not written: the build reports it as a failed document.
 */
import { assertConforms } from "../conform/index.ts";
import { finalizePdf, type FinalPdf, type PdfMetadata } from "./metadata.ts";
import { allHeadings, textOf } from "../render/headings.ts";

/**
 * What each element a link can lead to is called: headings by their text, figures by their
 * caption, anything else as the link itself says (its aria-label, else its text).
 */
export function linkLabels(html: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const link of html.matchAll(/<a\b[^>]*\bhref="#([^"]+)"([^>]*)>([\s\S]*?)<\/a>/g)) {
    const label = /\baria-label="([^"]*)"/.exec(link[0])?.[1] ?? link[3]!;
    labels.set(link[1]!, textOf(label));
  }
  for (const heading of allHeadings(html)) if (heading.id) labels.set(heading.id, heading.title);
  for (const figure of html.matchAll(
    /<figure\b[^>]*\bid="([^"]+)"[^>]*>\s*<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/g,
  )) {
    labels.set(figure[1]!, textOf(figure[2]!));
  }
  return labels;
}

export type FinishPdf = typeof finishPdf;

/** The finished, checked PDF of the document printed from `html`; `path` names it in a failure. */
export function finishPdf(printed: { pdf: Uint8Array; html: string }, path: string, meta: PdfMetadata): FinalPdf {
  const outlineTitles = allHeadings(printed.html).map((h) => h.title);
  const final = finalizePdf(printed.pdf, { ...meta, outlineTitles, linkLabels: linkLabels(printed.html) });
  assertConforms(final.pdf, path);
  return final;
}
