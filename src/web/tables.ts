/**
 * The tables of a rendered page as data: caption, headings and cells, exactly as the page (and so the
 * PDF) prints them. The downloads are read from the rendered tables rather than built a second time
 * from the model, so a spreadsheet can never show a figure, label or order the report does not.
 */
import { textOf } from "../render/headings.ts";

export interface DataTable {
  /** The table's anchor in its page ("tabel-f3"); also names its download. */
  id: string;
  caption: string;
  columns: string[];
  /** Cells as printed; the first holds the row's label. */
  rows: string[][];
}

/** A cell as a spreadsheet holds it: a whole number, a share (in tenths of a percent), or text. */
export type CellValue =
  { kind: "number"; value: number } | { kind: "share"; tenths: number } | { kind: "text"; text: string };

/** A fact sheet sets a question's section number apart by its width; in text a space does that. */
const cellText = (html: string) => textOf(html.replace(/(<span class="section-number">[^<]*<\/span>)/g, "$1 "));

const cellsOf = (row: string) =>
  [...row.matchAll(/<(th|td)\b([^>]*)>([\s\S]*?)<\/\1>/g)].map((m) => ({ attributes: m[2]!, text: cellText(m[3]!) }));

/**
 * Body rows; a row of one cell spanning the table (a multiple-choice question above its options)
 * names the rows after it in its group: "Beleidsdomeinen: cultuur".
 */
function bodyRows(body: string): string[][] {
  let group = "";
  const rows: string[][] = [];
  for (const [, row] of body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
    const cells = cellsOf(row!);
    if (cells.length === 1 && /\bcolspan=/.test(cells[0]!.attributes)) {
      group = cells[0]!.text;
      continue;
    }
    const texts = cells.map((c) => c.text);
    rows.push(group ? [`${group}: ${texts[0]}`, ...texts.slice(1)] : texts);
  }
  return rows;
}

/** Every table with an id, in page order. */
export function tablesOf(html: string): DataTable[] {
  return [...html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)].flatMap((m) => {
    const id = /\bid="([^"]+)"/.exec(m[1]!)?.[1];
    if (!id) return [];
    const inner = m[2]!;
    const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(inner)?.[1] ?? "";
    const bodies = [...inner.matchAll(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/g)].map((b) => b[1]!);
    return [
      {
        id,
        caption: textOf(/<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(inner)?.[1] ?? ""),
        columns: cellsOf(head).map((c) => c.text),
        rows: bodies.flatMap(bodyRows),
      },
    ];
  });
}

const SHARE = /^(\d{1,3}(?:\.\d{3})*)(?:,(\d))?%$/;
const WHOLE = /^\d{1,3}(?:\.\d{3})*$/;

/** Reads a printed figure back ("48,6%", "10%", "1.234"); anything else stays text. */
export function cellValue(text: string): CellValue {
  const share = SHARE.exec(text);
  if (share) return { kind: "share", tenths: Number(share[1]!.replace(/\./g, "")) * 10 + Number(share[2] ?? 0) };
  if (WHOLE.test(text)) return { kind: "number", value: Number(text.replace(/\./g, "")) };
  return { kind: "text", text };
}
