/**
 * What a chart is drawn from: one row per bar (category, and series where groups are compared),
 * with the counts behind it. Tallies from the aggregate stage fit as they are. Labels are formatted
 * here with the report's own nl-BE rules, so a bar says exactly what the text says ("48,6%").
 */
import { formatNumber, formatTenths } from "../format/number.ts";
import type { ChartMeta } from "./spec.ts";

export interface ChartRow {
  /** The category, as the codebook labels it. */
  label: string;
  count: number;
  base: number;
  /** count/base in tenths of a percent; null where the base is empty. */
  tenths: number | null;
  /** The group the row belongs to where a chart compares groups ("alle gemeenten"). */
  series?: string;
  /** The answer of the one respondent a fact sheet is about (count 1 or 0 of base 1). */
  subject?: boolean;
}

/** A row as the spec sees it: the numbers plus their printed labels. */
export interface ChartDatum {
  label: string;
  series: string;
  subject: boolean;
  /** Position of the category on the axis, from 0. */
  order: number;
  count: number;
  base: number;
  /** Percent (0–100), 0 where the base is empty so a bar has a length. */
  share: number;
  tenths: number | null;
  shareLabel: string;
  countLabel: string;
  /** The subject's answer in words (from the spec), empty for other rows. */
  answer: string;
}

export const shareLabel = (tenths: number | null) => (tenths === null ? "–" : `${formatTenths(tenths)}%`);

function checkRow(row: ChartRow): string | undefined {
  if (typeof row.label !== "string" || row.label.trim() === "") return "has no label";
  if (!Number.isInteger(row.count) || !Number.isInteger(row.base) || row.count < 0 || row.count > row.base)
    return `needs whole counts with 0 ≤ count ≤ base, got ${row.count}/${row.base}`;
  if (row.tenths !== null && !Number.isInteger(row.tenths)) return `needs tenths as a whole number, got ${row.tenths}`;
  return undefined;
}

/** Problems with the rows for this spec, each naming the row; empty when they can be drawn. */
export function rowProblems(rows: ChartRow[], meta: ChartMeta): string[] {
  if (rows.length === 0) return ["there are no rows to draw"];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const problem = checkRow(row);
    if (problem) problems.push(`row ${i + 1} (${JSON.stringify(row.label)}) ${problem}`);
    if (row.subject && !meta.subject) problems.push(`row ${i + 1} is a subject row, but the spec shows no subject`);
  });
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.series ?? ""}\u0000${row.label}`;
    if (seen.has(key))
      problems.push(
        `${JSON.stringify(row.label)} appears twice${row.series ? ` in ${JSON.stringify(row.series)}` : ""}`,
      );
    seen.add(key);
  }
  return problems;
}

/**
 * The series "descending" sorts by: the broadest group compared (largest base, so all gemeenten
 * rather than the peers within them), the first given where bases tie.
 */
function referenceSeries(rows: ChartRow[]): string {
  let best = { series: "", base: -1 };
  for (const row of rows.filter((r) => !r.subject)) {
    if (row.base > best.base) best = { series: row.series ?? "", base: row.base };
  }
  return best.series;
}

/**
 * Categories in axis order: as given, or by the reference series' share, largest first. Ties keep
 * the given (codebook) order so every build draws the same chart; empty bases go last.
 */
export function categoryOrder(rows: ChartRow[], sort: ChartMeta["sort"]): string[] {
  const given = [...new Set(rows.map((r) => r.label))];
  if (sort === "given") return given;
  const reference = referenceSeries(rows);
  const shareOf = new Map(
    rows.filter((r) => !r.subject && (r.series ?? "") === reference).map((r) => [r.label, r.tenths ?? -1]),
  );
  return given
    .map((label, i) => ({ label, i, tenths: shareOf.get(label) ?? -1 }))
    .sort((a, b) => b.tenths - a.tenths || a.i - b.i)
    .map((c) => c.label);
}

export function toDatums(rows: ChartRow[], meta: ChartMeta): ChartDatum[] {
  const order = categoryOrder(rows, meta.sort);
  const position = new Map(order.map((label, i) => [label, i]));
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => position.get(a.row.label)! - position.get(b.row.label)! || a.i - b.i)
    .map(({ row }) => ({
      label: row.label,
      series: row.series ?? "",
      subject: row.subject ?? false,
      order: position.get(row.label)!,
      count: row.count,
      base: row.base,
      share: row.tenths === null ? 0 : row.tenths / 10,
      tenths: row.tenths,
      shareLabel: shareLabel(row.tenths),
      countLabel: formatNumber(row.count),
      answer: row.subject && meta.subject ? (row.count > 0 ? meta.subject.yes : meta.subject.no) : "",
    }));
}
