/**
 * One respondent's figures as one table: every row of its fact sheet (its answers, its initiatives,
 * its attention per beleidsdomein), its own answer beside the shares of its comparison groups, under
 * the headings of the sheet's answer tables.
 */
import type { DataTable } from "./tables.ts";

/** Part, question, the respondent's answer, all of its type, its VRIND peers. */
const WIDTH = 4;

/** An initiatives row is rank, initiative, shares: its rank becomes its label, the initiative its answer. */
function comparisonRow(table: DataTable, row: string[]): string[] {
  const cells = table.id === "tabel-initiatieven" ? [`${table.columns[0]} ${row[0]}`, ...row.slice(1)] : row;
  // A chart's table leaves out the peers it does not show; the answer tables show "–" there.
  return [table.caption, ...cells, ...Array<string>(Math.max(0, WIDTH - cells.length)).fill("–")];
}

export function respondentTable(id: string, tables: DataTable[]): DataTable {
  const answers = tables.find((t) => t.columns.length === WIDTH && t.id !== "tabel-initiatieven");
  if (!answers) throw new Error(`the fact sheet of ${id} has no answer table`);
  return {
    id,
    caption: `Fiche ${id}`,
    columns: ["Onderdeel", ...answers.columns],
    rows: tables.flatMap((t) => t.rows.map((row) => comparisonRow(t, row))),
  };
}
