/**
 * A table as CSV, in two dialects: "excel" for Belgian Excel (UTF-8 with BOM, ';', figures as the
 * report prints them: "48,6%") and "plain" for programs (UTF-8, ',', shares as percent numbers with
 * a decimal point under a heading that says "(%)").
 */
import { cellValue, type DataTable } from "./tables.ts";

export type CsvDialect = "excel" | "plain";

const BOM = "\uFEFF";

function field(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Columns whose every figure is a share (the label column never is): "plain" writes them as numbers. */
function shareColumns(table: DataTable): boolean[] {
  return table.columns.map((_, c) => {
    const values = table.rows
      .map((row) => cellValue(row[c] ?? ""))
      .filter((v) => !(v.kind === "text" && /^[–—-]?$/.test(v.text)));
    // A column of dashes only is a comparison group too small to show: still a column of shares.
    return c > 0 && values.every((v) => v.kind === "share");
  });
}

function plainCell(text: string, isShare: boolean): string {
  const value = cellValue(text);
  if (value.kind === "number") return String(value.value);
  if (!isShare) return text;
  // A share left out (a group too small to show) is an empty field to a program, not a dash.
  return value.kind === "share" ? (value.tenths / 10).toFixed(1) : "";
}

/** Rows end in CRLF (RFC 4180), the last one too. */
export function toCsv(table: DataTable, dialect: CsvDialect): string {
  const separator = dialect === "excel" ? ";" : ",";
  const shares = shareColumns(table);
  const header = table.columns.map((c, i) => (dialect === "plain" && shares[i] ? `${c} (%)` : c));
  const rows = table.rows.map((row) =>
    row.map((cell, i) => (dialect === "plain" ? plainCell(cell, shares[i]!) : cell)),
  );
  const lines = [header, ...rows].map((cells) => cells.map((c) => field(c, separator)).join(separator));
  return `${dialect === "excel" ? BOM : ""}${lines.join("\r\n")}\r\n`;
}
