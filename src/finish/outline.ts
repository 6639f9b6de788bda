/**
 * The document outline, from both ends: the headings of the HTML, and the outline Chromium writes
 * from them into the PDF (h1–h6, in document order).
 *
 * - Reading: each outline entry with its destination resolved to a page number, so a table of
 *   contents can carry real page numbers. Read with our own reader (pdf-file.ts), not pdf.js: pdf.js's
 *   legacy build (the one that runs on Node 20) installs a Uint8Array.fromBase64 written in
 *   JavaScript, which puppeteer then prefers for decoding every printed PDF.
 * - Retitling: Chromium builds outline titles from the laid-out lines of a heading. It drops the
 *   space at each line break ("bij lokalebesturen?"), and for some headings (tight line height, near
 *   a page break) writes the text twice ("InhoudInhoud"). We know every heading's text from the HTML,
 *   so the titles are written again from it, after checking that each item is that heading.
 * - The table of contents: Chromium cannot number pages ahead of layout, so we print, read where each
 *   heading landed, fill the numbers in and print again, until the numbers stand still (they do after
 *   one round, since the entries take the same room with or without their numbers).
 *
 * The headings themselves are read from the HTML by src/render/headings.ts, which needs no PDF library.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import { RenderError } from "../errors.ts";
import type { Heading, TocEntry } from "../render/headings.ts";
import { PdfFile } from "../pdf/incremental.ts";
import * as msg from "../messages.ts";

export interface OutlineEntry {
  title: string;
  /** 1 for a top-level entry, 2 for its children, … */
  level: number;
  /** 1-based page number within the PDF. */
  page: number;
}

/**
 * The destination array of an outline item: given directly, through a GoTo action, or by name in the catalog's /Dests.
 */
function destination(file: PdfFile, item: PDFDict): PDFArray | undefined {
  const action = file.resolve(item.get(PDFName.of("A")));
  let dest: PDFObject | undefined = file.resolve(
    item.get(PDFName.of("Dest")) ?? (action instanceof PDFDict ? action.get(PDFName.of("D")) : undefined),
  );
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
  return outlineNodes(file).map(({ item, level }) => {
    const title = decodeText(item.get(PDFName.of("Title")));
    const target = destination(file, item)?.get(0);
    // A destination names its page by reference or, in some writers, by index.
    const page =
      target instanceof PDFRef
        ? pageNumbers.get(target.objectNumber)
        : target instanceof PDFNumber
          ? target.asNumber() + 1
          : undefined;
    if (page === undefined) throw new RenderError(msg.outlineNoDestination(title), "printed PDF");
    return { title, level, page };
  });
}

/** Text that is the same whether or not a line break swallowed its spaces. */
const compact = (title: string) => title.replace(/\s+/g, "").toLowerCase();

/** Whether Chromium's outline title `written` is the heading `title`, allowing for its two faults. */
const isTitle = (written: string, title: string) => compact(title) !== "" && compact(written).endsWith(compact(title));

function decodeText(value: PDFObject | undefined): string {
  return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : "";
}

/** An outline item as it stands in the file, to read or rewrite. */
interface OutlineNode {
  ref: PDFRef;
  item: PDFDict;
  /** 1 for a top-level entry, 2 for its children, … */
  level: number;
}

/** The outline items in document order, depth first. */
function outlineNodes(file: PdfFile): OutlineNode[] {
  const outlines = file.resolve(file.catalog.get(PDFName.of("Outlines")));
  const found: OutlineNode[] = [];
  const seen = new Set<number>();
  const walk = (first: PDFObject | undefined, level: number) => {
    for (let ref = first; ref instanceof PDFRef;) {
      // A loop in the outline would otherwise never end.
      if (seen.has(ref.objectNumber)) throw new RenderError(msg.outlineLoop(ref.objectNumber), "printed PDF");
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
  const outline = outlineNodes(file);
  if (outline.length !== titles.length) {
    throw new RenderError(msg.outlineCount(outline.length, titles.length), document);
  }
  outline.forEach(({ ref, item }, i) => {
    const written = decodeText(item.get(PDFName.of("Title")));
    if (!isTitle(written, titles[i]!)) throw new RenderError(msg.outlineTitle(i + 1, written, titles[i]!), document);
    if (written === titles[i]) return;
    item.set(PDFName.of("Title"), PDFHexString.fromText(titles[i]!));
    file.set(ref, item);
  });
}

/**
 * Pairs each heading with the first outline item after the previous match whose title agrees: the
 * outline holds every heading (h1–h6) in document order, the TOC only some of them.
 */
export function pagesOf(headings: Heading[], outline: OutlineEntry[], firstPage: number): TocEntry[] {
  let cursor = 0;
  return headings.map((h) => {
    const index = outline.findIndex((o, i) => i >= cursor && isTitle(o.title, h.title));
    if (index < 0) throw new RenderError(msg.headingNotInOutline(h.title, h.id), "bijlage");
    cursor = index + 1;
    return { ...h, page: String(outline[index]!.page + firstPage - 1) };
  });
}

/** A rendering of the document: its HTML, and the headings its table of contents lists. */
export interface TocRendering {
  html: string;
  outline: { tocHeadings(): Heading[] };
}

export async function printWithToc<R extends TocRendering>(
  render: (toc: TocEntry[]) => Promise<R> | R,
  print: (html: string) => Promise<Uint8Array>,
  readOutline: (pdf: Uint8Array) => Promise<OutlineEntry[]> | OutlineEntry[],
  firstPage: number,
): Promise<{ rendered: R; pdf: Uint8Array; toc: TocEntry[] }> {
  const headings = (await render([])).outline.tocHeadings();
  let toc: TocEntry[] = headings.map((h) => ({ ...h, page: "" }));
  for (let round = 0; round < 3; round++) {
    const rendered = await render(toc);
    const pdf = await print(rendered.html);
    const next = pagesOf(headings, await readOutline(pdf), firstPage);
    if (next.every((entry, i) => entry.page === toc[i]!.page)) return { rendered, pdf, toc };
    toc = next;
  }
  throw new RenderError(msg.tocUnsettled(), "bijlage");
}
