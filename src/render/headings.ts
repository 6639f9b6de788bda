/**
 * The headings of a document's HTML, in document order, with their text as Chromium puts it in the
 * PDF outline. Plain string work, so the web edition and a rebuild with nothing to print can read
 * headings without loading a PDF library (the outline itself is src/finish/outline.ts).
 */

export interface Heading {
  id: string;
  level: number;
  title: string;
}

export interface TocEntry extends Heading {
  /** The page number as printed in the footer ("" before the first print). */
  page: string;
}

/** The entities Handlebars escapes to, and those the templates write. */
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#x27": "'",
  "#39": "'",
  "#x3D": "=",
  "#x60": "`",
  shy: "",
};

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
  return allHeadings(html).filter(
    (h): h is Heading => h.id !== undefined && h.level <= maxLevel && !exclude.includes(h.id),
  );
}
