/**
 * Looking inside printed PDFs from tests, with pdf.js (no poppler needed in CI).
 */
import { OPS, PDFDateString, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { OutlineEntry } from "../../src/finish/outline.ts";
import { readPdf } from "./read.ts";

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  creationDate?: Date;
  modDate?: Date;
  /** The catalog's /Lang. */
  language?: string;
  /** ViewerPreferences /DisplayDocTitle: viewers show the title, not the file name. */
  displayDocTitle: boolean;
  pages: number;
}

export interface PdfFont {
  /** The font's PostScript name with any subset prefix ("AAAAAA+") removed. */
  name: string;
  embedded: boolean;
}

type InfoDictionary = Partial<
  Record<
    "Title" | "Author" | "Subject" | "Keywords" | "Creator" | "Producer" | "CreationDate" | "ModDate" | "Language",
    string
  >
>;

async function metadataOf(doc: PDFDocumentProxy) {
  return (await doc.getMetadata()) as unknown as { info: InfoDictionary; hasStructTree?: boolean };
}

const toDate = (value: string | undefined) => (value ? (PDFDateString.toDateObject(value) ?? undefined) : undefined);

/** The text of each page, lines separated by "\n". */
export function pdfText(pdf: Uint8Array): Promise<string[]> {
  return readPdf(pdf, async (doc) => {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { items } = await (await doc.getPage(n)).getTextContent();
      pages.push(items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    return pages;
  });
}

type OutlineNode = Awaited<ReturnType<PDFDocumentProxy["getOutline"]>>[number];

async function pageOf(doc: PDFDocumentProxy, node: OutlineNode): Promise<number> {
  const dest = typeof node.dest === "string" ? await doc.getDestination(node.dest) : node.dest;
  const target = dest?.[0];
  if (target === undefined) throw new Error(`outline entry "${node.title}" has no destination`);
  return (typeof target === "number" ? target : await doc.getPageIndex(target)) + 1;
}

async function flatten(doc: PDFDocumentProxy, nodes: OutlineNode[], level: number): Promise<OutlineEntry[]> {
  const entries: OutlineEntry[] = [];
  for (const node of nodes) {
    entries.push({ title: node.title, level, page: await pageOf(doc, node) });
    entries.push(...(await flatten(doc, node.items, level + 1)));
  }
  return entries;
}

/**
 * The outline (bookmarks) with levels and 1-based page numbers, as pdf.js reads it: a reader
 * independent of src/finish/outline.ts, which the build uses to number its table of contents.
 */
export function pdfOutline(pdf: Uint8Array): Promise<OutlineEntry[]> {
  return readPdf(pdf, async (doc) => flatten(doc, (await doc.getOutline()) ?? [], 1));
}

export function pdfInfo(pdf: Uint8Array): Promise<PdfInfo> {
  return readPdf(pdf, async (doc) => {
    const { info } = await metadataOf(doc);
    const preferences = (await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
    return {
      title: info.Title,
      author: info.Author,
      subject: info.Subject,
      keywords: info.Keywords,
      creator: info.Creator,
      producer: info.Producer,
      creationDate: toDate(info.CreationDate),
      modDate: toDate(info.ModDate),
      language: info.Language,
      displayDocTitle: preferences?.DisplayDocTitle === true,
      pages: doc.numPages,
    };
  });
}

/** Every font drawn with on any page, once each. */
export function pdfFonts(pdf: Uint8Array): Promise<PdfFont[]> {
  return readPdf(pdf, async (doc) => {
    const fonts = new Map<string, PdfFont>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { fnArray, argsArray } = await page.getOperatorList();
      fnArray.forEach((op, i) => {
        if (op !== OPS.setFont) return;
        const font = page.commonObjs.get((argsArray[i] as [string])[0]) as { name: string; missingFile?: boolean };
        const name = font.name.replace(/^[A-Z]{6}\+/, "");
        fonts.set(name, { name, embedded: !font.missingFile });
      });
    }
    return [...fonts.values()];
  });
}

/** A tagged PDF: MarkInfo /Marked true and a structure tree (StructTreeRoot). */
export function isTagged(pdf: Uint8Array): Promise<boolean> {
  return readPdf(
    pdf,
    async (doc) => (await doc.getMarkInfo())?.Marked === true && (await metadataOf(doc)).hasStructTree === true,
  );
}

export function pageCount(pdf: Uint8Array): Promise<number> {
  return readPdf(pdf, async (doc) => doc.numPages);
}

/** Width and height of each page in PDF points (1/72 inch); A4 is 595.28 × 841.89. */
export function pageSizes(pdf: Uint8Array): Promise<{ width: number; height: number }[]> {
  return readPdf(pdf, async (doc) => {
    const sizes: { width: number; height: number }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const [x0, y0, x1, y1] = (await doc.getPage(n)).view as [number, number, number, number];
      sizes.push({ width: x1 - x0, height: y1 - y0 });
    }
    return sizes;
  });
}

export interface PdfLine {
  text: string;
  /** Distance of the line's baseline from the top of the page, as a fraction of the page height. */
  top: number;
}

/** The text of each page as lines with their vertical position, top to bottom. */
export function pdfLines(pdf: Uint8Array): Promise<PdfLine[][]> {
  return readPdf(pdf, async (doc) => {
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.getViewport({ scale: 1 }).height;
      const byY = new Map<number, string[]>();
      for (const item of (await page.getTextContent()).items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const y = Math.round(item.transform[5] as number);
        byY.set(y, [...(byY.get(y) ?? []), item.str]);
      }
      pages.push(
        [...byY.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([y, parts]) => ({ text: parts.join(" "), top: 1 - y / height })),
      );
    }
    return pages;
  });
}
