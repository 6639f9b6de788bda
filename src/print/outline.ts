/**
 * Where each heading landed: the PDF outline Chromium writes from h1–h6, with every destination
 * resolved to a page number, so a table of contents can carry real page numbers.
 */
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { RenderError } from "../errors.ts";
import { readPdf } from "./read.ts";

export interface OutlineEntry {
  title: string;
  /** 1 for a top-level entry, 2 for its children, … */
  level: number;
  /** 1-based page number within the PDF. */
  page: number;
}

type OutlineNode = Awaited<ReturnType<PDFDocumentProxy["getOutline"]>>[number];

async function pageOf(doc: PDFDocumentProxy, node: OutlineNode): Promise<number> {
  const dest = typeof node.dest === "string" ? await doc.getDestination(node.dest) : node.dest;
  const target = dest?.[0];
  if (target === undefined) throw new RenderError(`outline entry "${node.title}" has no destination`, "printed PDF");
  // A destination names its page by reference or, in some writers, by index.
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

/** The outline in document order, depth first. Empty when the PDF has none. */
export function outlinePages(pdf: Uint8Array): Promise<OutlineEntry[]> {
  return readPdf(pdf, async (doc) => flatten(doc, (await doc.getOutline()) ?? [], 1));
}
