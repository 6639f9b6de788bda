/**
 * Reads one sheet of an Excel workbook (.xlsx) into the same table a CSV file gives, so that
 * validation and its messages are the same; a location names the sheet, row and column letter.
 */
import ExcelJS from "exceljs";
import { DataError } from "../errors.ts";
import { notAWorkbook, sheetNotFound } from "../messages.ts";
import { isBlank, type Table, type TableRow } from "./table.ts";
import * as msg from "../messages.ts";

type CellValue = ExcelJS.CellValue;

/** A cell as the text a CSV export would hold: numbers as typed, formulas by their result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value).replace(/\r\n?/g, "\n");
  if ("richText" in value)
    return value.richText
      .map((run) => run.text)
      .join("")
      .replace(/\r\n?/g, "\n");
  if ("formula" in value || "sharedFormula" in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as CellValue);
  if ("error" in value) return value.error;
  if ("text" in value) return cellText(value.text as CellValue);
  return "";
}

/** The cells of a row up to its last filled one: Excel stores no empty cells at the end. */
function rowCells(row: ExcelJS.Row): string[] {
  const cells = Array.from({ length: row.cellCount }, (_, i) => cellText(row.getCell(i + 1).value));
  while (cells.at(-1) === "") cells.pop();
  return cells;
}

async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new DataError({ file: path }, notAWorkbook((error as Error).message.split("\n")[0]!));
  }
  return workbook;
}

/** `sheet`: the one to read, as the codebook names it; else the first. */
export async function readWorkbook(path: string, sheet?: string): Promise<Table> {
  const workbook = await openWorkbook(path);
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet)
    throw new DataError(
      { file: path },
      sheetNotFound(
        sheet ?? "(first)",
        workbook.worksheets.map((w) => w.name),
      ),
    );
  const rows: TableRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, line) => rows.push({ line, cells: rowCells(row) }));
  const location = { file: path, sheet: worksheet.name, line: 1, column: 1 };
  const [header, ...body] = rows.filter((row) => !isBlank(row.cells));
  if (!header) throw new DataError({ ...location, expected: msg.expectTable("row") }, msg.emptySheet());
  const width = header.cells.length;
  return {
    file: path,
    sheet: worksheet.name,
    header: header.cells,
    headerLine: header.line,
    rows: body.map((row) => ({
      line: row.line,
      cells: [...row.cells, ...Array<string>(Math.max(0, width - row.cells.length)).fill("")],
    })),
  };
}
