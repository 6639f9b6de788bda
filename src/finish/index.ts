/**
 * The per-document step after printing: the PDF is finished (metadata, tags, identifier; see
 * src/finish/metadata.ts) with what the document's model says, then checked (src/conform/). A PDF that
 * fails a checkpoint is not written: the build reports it as a failed document.
 */
import { assertConforms } from "../conform/index.ts";
import { finalizePdf, type FinalPdf, type PdfMetadata } from "./metadata.ts";

export type FinishPdf = typeof finishPdf;

/**
 * The finished, checked PDF; `path` names it in a failure. The outline's titles and the links'
 * descriptions come from the document's outline as its templates printed it (src/documents/outline.ts).
 */
export function finishPdf(pdf: Uint8Array, path: string, meta: PdfMetadata): FinalPdf {
  const final = finalizePdf(pdf, meta);
  assertConforms(final.pdf, path);
  return final;
}
