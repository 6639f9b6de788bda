/**
 * Chromium builds outline titles from the laid-out lines of a heading: it drops the space at each
 * line break ("bij lokalebesturen?"), and for some headings (tight line height, near a page break)
 * writes the text twice ("InhoudInhoud"). We know every heading's text from the HTML, so the titles
 * are written again from it, in document order, after checking that each item is that heading.
 */
import { PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import { RenderError } from "../errors.ts";
import type { PdfFile } from "./pdf-file.ts";

/** Text that is the same whether or not a line break swallowed its spaces. */
export const compact = (title: string) => title.replace(/\s+/g, "").toLowerCase();

/** Whether Chromium's outline title `written` is the heading `title`, allowing for its two faults. */
export const isTitle = (written: string, title: string) => compact(title) !== "" && compact(written).endsWith(compact(title));

export function decodeText(value: PDFObject | undefined): string {
  return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : "";
}

export interface OutlineItem {
  ref: PDFRef;
  item: PDFDict;
  /** 1 for a top-level entry, 2 for its children, … */
  level: number;
}

/** The outline items in document order, depth first. */
export function outlineItems(file: PdfFile): OutlineItem[] {
  const outlines = file.resolve(file.catalog.get(PDFName.of("Outlines")));
  const found: OutlineItem[] = [];
  const seen = new Set<number>();
  const walk = (first: PDFObject | undefined, level: number) => {
    for (let ref = first; ref instanceof PDFRef; ) {
      // A loop in the outline would otherwise never end.
      if (seen.has(ref.objectNumber)) throw new RenderError(`outline item ${ref.objectNumber} occurs twice`, "printed PDF");
      seen.add(ref.objectNumber);
      const item = file.dict(ref, "an outline item");
      found.push({ ref, item, level });
      walk(item.get(PDFName.of("First")), level + 1);
      ref = item.get(PDFName.of("Next"));
    }
  };
  if (outlines instanceof PDFDict) walk(outlines.get(PDFName.of("First")), 1);
  return found;
}

export function retitleOutline(file: PdfFile, titles: string[], document: string): void {
  const outline = outlineItems(file);
  if (outline.length !== titles.length) {
    throw new RenderError(`the PDF outline has ${outline.length} entries, the document ${titles.length} headings`, document);
  }
  outline.forEach(({ ref, item }, i) => {
    const written = decodeText(item.get(PDFName.of("Title")));
    if (!isTitle(written, titles[i]!)) throw new RenderError(`outline entry ${i + 1} reads "${written}", expected "${titles[i]}"`, document);
    if (written === titles[i]) return;
    item.set(PDFName.of("Title"), PDFHexString.fromText(titles[i]!));
    file.set(ref, item);
  });
}
