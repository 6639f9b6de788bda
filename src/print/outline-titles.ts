/**
 * Chromium builds outline titles from the laid-out lines of a heading: it drops the space at each
 * line break ("bij lokalebesturen?"), and for some headings (tight line height, near a page break)
 * writes the text twice ("InhoudInhoud"). We know every heading's text from the HTML, so the titles
 * are written again from it, in document order, after checking that each item is that heading.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from "pdf-lib";
import { RenderError } from "../errors.ts";

/** Text that is the same whether or not a line break swallowed its spaces. */
export const compact = (title: string) => title.replace(/\s+/g, "").toLowerCase();

/** Whether Chromium's outline title `written` is the heading `title`, allowing for its two faults. */
export const isTitle = (written: string, title: string) => compact(title) !== "" && compact(written).endsWith(compact(title));

function decode(value: unknown): string {
  return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : "";
}

/** The outline items in document order, depth first. */
function items(doc: PDFDocument): PDFDict[] {
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  const found: PDFDict[] = [];
  const walk = (first: unknown) => {
    for (let ref = first; ref instanceof PDFRef; ) {
      const item = doc.context.lookup(ref, PDFDict);
      found.push(item);
      walk(item.get(PDFName.of("First")));
      ref = item.get(PDFName.of("Next"));
    }
  };
  walk(outlines?.get(PDFName.of("First")));
  return found;
}

export function retitleOutline(doc: PDFDocument, titles: string[], document: string): void {
  const outline = items(doc);
  if (outline.length !== titles.length) {
    throw new RenderError(`the PDF outline has ${outline.length} entries, the document ${titles.length} headings`, document);
  }
  outline.forEach((item, i) => {
    const written = decode(item.get(PDFName.of("Title")));
    if (!isTitle(written, titles[i]!)) throw new RenderError(`outline entry ${i + 1} reads "${written}", expected "${titles[i]}"`, document);
    item.set(PDFName.of("Title"), PDFHexString.fromText(titles[i]!));
  });
}
