/**
 * Where each heading landed: the PDF outline Chromium writes from h1–h6, with every destination
 * resolved to a page number, so a table of contents can carry real page numbers.
 *
 * Read with our own reader (pdf-file.ts), not with pdf.js: pdf.js's legacy build (the one that
 * runs on Node 20) installs a Uint8Array.fromBase64 written in JavaScript, which puppeteer then
 * prefers for decoding every printed PDF, at several milliseconds a document.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import { RenderError } from "../errors.ts";
import { decodeText, outlineItems } from "./outline-titles.ts";
import { PdfFile } from "./pdf-file.ts";

export interface OutlineEntry {
  title: string;
  /** 1 for a top-level entry, 2 for its children, … */
  level: number;
  /** 1-based page number within the PDF. */
  page: number;
}

/** The destination array of an outline item: given directly, through a GoTo action, or by name in the catalog's /Dests. */
function destination(file: PdfFile, item: PDFDict): PDFArray | undefined {
  const action = file.resolve(item.get(PDFName.of("A")));
  let dest: PDFObject | undefined = file.resolve(item.get(PDFName.of("Dest")) ?? (action instanceof PDFDict ? action.get(PDFName.of("D")) : undefined));
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
    const dests = file.resolve(file.catalog.get(PDFName.of("Dests")));
    const named = dests instanceof PDFDict ? file.resolve(dests.get(PDFName.of(dest.decodeText()))) : undefined;
    dest = named instanceof PDFDict ? file.resolve(named.get(PDFName.of("D"))) : named;
  }
  return dest instanceof PDFArray ? dest : undefined;
}

/** The outline in document order, depth first. Empty when the PDF has none. */
export function outlinePages(pdf: Uint8Array): OutlineEntry[] {
  const file = new PdfFile(pdf, "printed PDF");
  const pageNumbers = new Map(file.pageRefs().map((ref, index) => [ref.objectNumber, index + 1]));
  return outlineItems(file).map(({ item, level }) => {
    const title = decodeText(item.get(PDFName.of("Title")));
    const target = destination(file, item)?.get(0);
    // A destination names its page by reference or, in some writers, by index.
    const page = target instanceof PDFRef ? pageNumbers.get(target.objectNumber) : target instanceof PDFNumber ? target.asNumber() + 1 : undefined;
    if (page === undefined) throw new RenderError(`outline entry "${title}" has no destination`, "printed PDF");
    return { title, level, page };
  });
}
