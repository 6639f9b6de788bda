/** One CSV row read by column name, and errors that point at its cells. */
import { DataError } from "../errors.ts";
import type { Table, TableRow } from "../load/table.ts";

export class RowReader {
  constructor(
    private readonly table: Table,
    readonly row: TableRow,
    private readonly columns: ReadonlyMap<string, number>,
  ) {}

  /** The trimmed cell; "" for a column this respondent type's file does not have. */
  value(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? "" : (this.row.cells[index] ?? "").trim();
  }

  fail(column: string, problem: string, expected: string): DataError {
    const index = this.columns.get(column);
    if (index === undefined) throw new Error(`no column "${column}" in ${this.table.file}`);
    const location = { file: this.table.file, line: this.row.line, column: index + 1, field: column };
    return new DataError({ ...location, value: this.row.cells[index] ?? "", expected }, problem);
  }
}
