/**
 * The bijlage's tables as one XLSX workbook (exceljs): a sheet saying where the figures come from,
 * then a sheet per table with its caption, headings, whole numbers as numbers and shares as
 * percentages. The same tables and date give the same bytes: exceljs stamps the package with the
 * clock, so its dates are set to the build date, in the document properties and in the zip.
 */
import type ExcelJS from "exceljs";
import { cellValue, type DataTable } from "./tables.ts";

export interface WorkbookInfo {
  title: string;
  publisher: string;
  /** What the figures are and where they come from, a paragraph a row. */
  about: string[];
  date: Date;
}

export const ABOUT_SHEET = "Over deze gegevens";
const SHARE_FORMAT = "0.0%";
const WHOLE_FORMAT = "#,##0";
const WIDEST = 60;

function addTable(workbook: ExcelJS.Workbook, table: DataTable): void {
  const sheet = workbook.addWorksheet(table.id.slice(0, 31), { views: [{ state: "frozen", ySplit: 3 }] });
  sheet.addRow([table.caption]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(table.columns).font = { bold: true };
  for (const cells of table.rows) {
    const row = sheet.addRow(
      cells.map((text, i) => {
        const value = i === 0 ? { kind: "text" as const, text } : cellValue(text);
        return value.kind === "share" ? value.tenths / 1000 : value.kind === "number" ? value.value : value.text;
      }),
    );
    cells.forEach((text, i) => {
      const kind = i === 0 ? "text" : cellValue(text).kind;
      if (kind !== "text") row.getCell(i + 1).numFmt = kind === "share" ? SHARE_FORMAT : WHOLE_FORMAT;
    });
  }
  table.columns.forEach((heading, i) => {
    const longest = Math.max(heading.length, ...table.rows.map((r) => (r[i] ?? "").length));
    sheet.getColumn(i + 1).width = Math.min(WIDEST, longest + 2);
  });
}

function addAbout(workbook: ExcelJS.Workbook, info: WorkbookInfo, tables: DataTable[]): void {
  const sheet = workbook.addWorksheet(ABOUT_SHEET);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 100;
  sheet.addRow([info.title]).font = { bold: true, size: 13 };
  for (const paragraph of info.about) sheet.addRow([paragraph]);
  sheet.addRow([]);
  sheet.addRow(["Blad", "Tabel"]).font = { bold: true };
  for (const table of tables) sheet.addRow([table.id.slice(0, 31), table.caption]);
}

export async function tablesWorkbook(tables: DataTable[], info: WorkbookInfo): Promise<Uint8Array> {
  // Loaded when a workbook is made, not with the build: a rebuild with nothing changed never needs it.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.creator = info.publisher;
  workbook.lastModifiedBy = info.publisher;
  workbook.title = info.title;
  workbook.created = info.date;
  workbook.modified = info.date;
  addAbout(workbook, info, tables);
  for (const table of tables) addTable(workbook, table);
  return withZipDates(new Uint8Array(await workbook.xlsx.writeBuffer()), info.date);
}

/** A date and time as a zip stores them (MS-DOS format, two seconds' precision), in UTC. */
function dosDateTime(date: Date): { time: number; day: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/** Sets every entry's modification time, in the central directory and in each local header. */
export function withZipDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  let end = out.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file: no end of central directory");
  const { time, day } = dosDateTime(date);
  let at = view.getUint32(end + 16, true);
  for (let entry = view.getUint16(end + 10, true); entry > 0; entry--) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`not a zip file: no central directory entry at ${at}`);
    const local = view.getUint32(at + 42, true);
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, day, true);
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, day, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
