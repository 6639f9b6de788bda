/** Checks a file's header against the codebook and finds where each column stands. */
import { DataError } from "../errors.ts";
import { tableSource, type Table } from "../load/table.ts";
import { columnsFor, type Codebook, type RespondentTypeCode } from "../model/codebook.ts";
import { identityColumnNames } from "./identity.ts";
import * as msg from "../messages.ts";

/**
 * Column name → 0-based position. Any order is accepted; every codebook column exactly once, and the
 * optional identity columns (naam, nis) at most once.
 */
export function locateColumns(codebook: Codebook, type: RespondentTypeCode, table: Table): Map<string, number> {
  const expected = columnsFor(codebook, type);
  const names = table.header.map((name) => name.trim());
  const missing = expected.filter((column) => !names.includes(column));
  const known = new Set([...expected, ...identityColumnNames(codebook)]);
  const columns = new Map<string, number>();
  names.forEach((name, index) => {
    const location = {
      ...tableSource(table),
      line: table.headerLine,
      column: index + 1,
      field: name,
      value: table.header[index],
    };
    const first = columns.get(name);
    if (first !== undefined)
      throw new DataError({ ...location, expected: msg.expectColumnOnce(first + 1) }, msg.duplicateColumn());
    if (!known.has(name)) {
      const expectedColumn =
        missing.length > 0 ? `one of the missing columns ${missing.join(", ")}` : "only the codebook's columns";
      throw new DataError({ ...location, expected: expectedColumn }, msg.unknownColumn());
    }
    columns.set(name, index);
  });
  const absent = missing[0];
  if (absent !== undefined) {
    // The position the codebook gives it: where it belongs in a header in codebook order.
    const column = expected.indexOf(absent) + 1;
    throw new DataError(
      { ...tableSource(table), line: table.headerLine, column, field: absent, expected: msg.expectColumn(absent) },
      msg.missingColumn(),
    );
  }
  return columns;
}
