/**
 * Turns a table into typed respondents, refusing the first row that breaks the codebook
 * with one DataError that points at its cell. Pure: reads the table, writes nothing.
 */
import { DataError } from "../errors.ts";
import { tableSource, type Table, type TableRow } from "../load/table.ts";
import type { Codebook, RespondentTypeCode } from "../model/codebook.ts";
import type { Respondent } from "../model/survey.ts";
import { readAnswers } from "./answers.ts";
import { locateColumns } from "./header.ts";
import { identityReader } from "./identity.ts";
import { RowReader } from "./row.ts";
import * as msg from "../messages.ts";

function checkCellCount(table: Table, row: TableRow): void {
  const expected = table.header.length;
  const found = row.cells.length;
  if (found === expected) return;
  const location = { ...tableSource(table), line: row.line, expected: `${expected} cells, as in the header` };
  if (found < expected)
    throw new DataError({ ...location, column: found + 1, field: table.header[found]!.trim() }, msg.tooFewCells(found));
  throw new DataError({ ...location, column: expected + 1, value: row.cells[expected] }, msg.tooManyCells(found));
}

/** `warnings`: where to put what was accepted after a change (a tab read as a space). */
export function validateTable(
  codebook: Codebook,
  type: RespondentTypeCode,
  table: Table,
  warnings: string[] = [],
): Respondent[] {
  const typeInfo = codebook.respondentTypes.find((t) => t.code === type);
  if (!typeInfo) throw new Error(`codebook has no respondent type "${type}"`);
  const columns = locateColumns(codebook, type, table);
  if (table.rows.length === 0) {
    const location = {
      ...tableSource(table),
      line: table.headerLine + 1,
      column: 1,
      expected: `one row per ${typeInfo.singular} after the header`,
    };
    throw new DataError(location, msg.headerWithoutRows());
  }
  const readIdentity = identityReader(codebook, typeInfo, table, columns);
  const idPattern = new RegExp(typeInfo.idPattern);
  const firstLineOf = new Map<string, number>();
  return table.rows.map((row) => {
    checkCellCount(table, row);
    const reader = new RowReader(table, row, columns, warnings);
    const id = reader.value("id");
    if (!idPattern.test(id)) throw reader.fail("id", msg.badId(typeInfo.singular), msg.expectId(typeInfo.idPattern));
    const first = firstLineOf.get(id);
    if (first !== undefined) throw reader.fail("id", msg.duplicateId(first), msg.expectUniqueId());
    firstLineOf.set(id, row.line);
    const identity = readIdentity(reader);
    return {
      id,
      ...identity,
      type,
      answers: readAnswers(codebook, type, reader),
      source: { file: table.file, line: row.line },
    };
  });
}
