/**
 * Reads a respondent type's answers from a data folder, as a table of rows with their places in the
 * file: its CSV file, or the Excel workbook of the same name. What the rows mean is validate/'s concern.
 */
import { access } from "node:fs/promises";
import { basename, join } from "node:path";
import { DataError } from "../errors.ts";
import type { RespondentTypeInfo } from "../model/codebook.ts";
import { readTable, type Table } from "./table.ts";
import * as msg from "../messages.ts";

export { readTable, type Table, type TableRow, type Delimiter } from "./table.ts";
export type { Encoding } from "./decode.ts";

export const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A respondent type's CSV file, or the Excel workbook of the same name; never both. */
export async function readSource(dataDir: string, type: RespondentTypeInfo): Promise<Table> {
  const csv = join(dataDir, type.file);
  const xlsx = csv.replace(/(\.csv)?$/i, ".xlsx");
  const [hasCsv, hasXlsx] = await Promise.all([exists(csv), exists(xlsx)]);
  if (hasCsv && hasXlsx)
    throw new DataError(
      { file: xlsx, expected: msg.expectOneFilePerType() },
      msg.ambiguousInput([type.file, basename(xlsx)]),
    );
  // exceljs takes a while to load: only a folder with a workbook pays for it.
  return hasXlsx ? (await import("./workbook.ts")).readWorkbook(xlsx, type.sheet) : readTable(csv);
}
