/**
 * A table of contents with the page numbers of the printed PDF. Chromium cannot number pages
 * ahead of layout, so we print, read where each heading landed from the PDF outline, fill the
 * numbers in and print again, until the numbers stand still (they do after one round, since the
 * entries take the same room with or without their numbers).
 */
import { isTitle } from "../print/outline-titles.ts";

export interface Heading {
  id: string;
  level: number;
  title: string;
}

export interface TocEntry extends Heading {
  /** The page number as printed in the footer ("" before the first print). */
  page: string;
}

export interface OutlineItem {
  title: string;
  level: number;
  page: number;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'", "#x3D": "=", "#x60": "`", shy: "" };

export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? m)
    .replace(/\s+/g, " ")
    .trim();
}

/** Every heading in document order, as Chromium puts them in the outline. */
export function allHeadings(html: string): { id: string | undefined; level: number; title: string }[] {
  return [...html.matchAll(/<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1>/g)].map((m) => ({
    id: /\bid="([^"]+)"/.exec(m[2]!)?.[1],
    level: Number(m[1]),
    title: textOf(m[3]!),
  }));
}

/** Headings with an id, in document order, up to `maxLevel`; the TOC's own heading left out. */
export function headingsOf(html: string, maxLevel = 2, exclude: string[] = ["inhoud"]): Heading[] {
  return allHeadings(html).filter((h): h is Heading => h.id !== undefined && h.level <= maxLevel && !exclude.includes(h.id));
}


/**
 * Pairs each heading with the first outline item after the previous match whose title agrees: the
 * outline holds every heading (h1–h6) in document order, the TOC only some of them.
 */
export function pagesOf(headings: Heading[], outline: OutlineItem[], firstPage: number): TocEntry[] {
  let cursor = 0;
  return headings.map((h) => {
    const index = outline.findIndex((o, i) => i >= cursor && isTitle(o.title, h.title));
    if (index < 0) throw new Error(`heading "${h.title}" (#${h.id}) is missing from the PDF outline`);
    cursor = index + 1;
    return { ...h, page: String(outline[index]!.page + firstPage - 1) };
  });
}

export async function printWithToc(
  render: (toc: TocEntry[]) => Promise<string> | string,
  print: (html: string) => Promise<Uint8Array>,
  readOutline: (pdf: Uint8Array) => Promise<OutlineItem[]> | OutlineItem[],
  firstPage: number,
): Promise<{ html: string; pdf: Uint8Array; toc: TocEntry[] }> {
  const headings = headingsOf(await render([]));
  let toc: TocEntry[] = headings.map((h) => ({ ...h, page: "" }));
  for (let round = 0; round < 3; round++) {
    const html = await render(toc);
    const pdf = await print(html);
    const next = pagesOf(headings, await readOutline(pdf), firstPage);
    if (next.every((entry, i) => entry.page === toc[i]!.page)) return { html, pdf, toc };
    toc = next;
  }
  throw new Error("the table of contents did not settle after three prints");
}
