/**
 * A document's headings as its outline knows them (src/documents/outline.ts), and the table of
 * contents made from them. textOf: an HTML fragment's text, for the web edition's downloads, which
 * still read the rendered tables back (issue 23 makes them from the model).
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
