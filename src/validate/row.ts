/** One CSV row read by column name, and errors that point at its cells. */
import { DataError, formatLocation } from "../errors.ts";
import { tableSource, type Table, type TableRow } from "../load/table.ts";

export class RowReader {
  constructor(
    private readonly table: Table,
    readonly row: TableRow,
    private readonly columns: ReadonlyMap<string, number>,
    /** Where warnings about this row go: input that was accepted after a change. */
    private readonly warnings: string[] = [],
  ) {}

  /** The trimmed cell; "" for a column this respondent type's file does not have. */
  value(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? "" : (this.row.cells[index] ?? "").trim();
  }

  /** `value`: what to show of the cell, where the whole of it would not help (1 MB of text). */
  fail(column: string, problem: string, expected: string, value = this.cell(column)): DataError {
    return new DataError({ ...this.locate(column), value, expected }, problem);
  }

  warn(column: string, problem: string): void {
    this.warnings.push(formatLocation(this.locate(column), problem));
  }

  private cell(column: string): string {
    return this.row.cells[this.index(column)] ?? "";
  }

  private index(column: string): number {
    const index = this.columns.get(column);
    if (index === undefined) throw new Error(`no column "${column}" in ${this.table.file}`);
    return index;
  }

  private locate(column: string) {
    return { ...tableSource(this.table), line: this.row.line, column: this.index(column) + 1, field: column };
  }
}
