/**
 * The optional columns that name a respondent: its name as printed and its NIS code. A real survey
 * may have them; a reconstruction never does, so that reconstructed answers are never joined to a
 * real municipality.
 */
import { DataError } from "../errors.ts";
import type { Table } from "../load/table.ts";
import type { Codebook, IdentityColumns, RespondentTypeInfo } from "../model/codebook.ts";
import type { RowReader } from "./row.ts";
import * as msg from "../messages.ts";

type Key = keyof IdentityColumns;
export type Identity = Partial<Record<Key, string>>;

const NIS = /^[0-9]{5}$/;
const RULES: Record<Key, { test: (value: string) => boolean; what: string; expected: string }> = {
  name: { test: (v) => v !== "", what: "name", expected: "the name as it is printed, as Aalst" },
  nis: { test: (v) => NIS.test(v), what: "NIS code", expected: "a NIS code of five digits, as 41002" },
};

/** The identity columns the codebook declares, by key. */
export function identityColumnNames(codebook: Codebook): string[] {
  return codebook.identity ? [codebook.identity.name.column, codebook.identity.nis.column] : [];
}

function refuseInReconstruction(
  codebook: Codebook,
  table: Table,
  columns: ReadonlyMap<string, number>,
  column: string,
): void {
  if (codebook.survey.provenance !== "reconstructed") return;
  const location = { file: table.file, line: table.headerLine, column: columns.get(column)! + 1, field: column };
  throw new DataError({ ...location, expected: msg.expectNoIdentity(column) }, msg.namedReconstruction());
}

/** Checks the file's identity columns and returns a reader of them that refuses a bad or repeated value. */
export function identityReader(
  codebook: Codebook,
  type: RespondentTypeInfo,
  table: Table,
  columns: ReadonlyMap<string, number>,
): (reader: RowReader) => Identity {
  const declared = codebook.identity;
  const present = declared ? (Object.keys(RULES) as Key[]).filter((key) => columns.has(declared[key].column)) : [];
  for (const key of present) refuseInReconstruction(codebook, table, columns, declared![key].column);
  const firstLine = new Map<string, number>();
  return (reader) => {
    const identity: Identity = {};
    for (const key of present) {
      const column = declared![key].column;
      const value = reader.value(column);
      const rule = RULES[key];
      if (!rule.test(value))
        throw reader.fail(
          column,
          value === "" ? msg.missingIdentity(rule.what) : msg.badIdentity(rule.what),
          rule.expected,
        );
      const first = firstLine.get(`${key}\0${value}`);
      if (first !== undefined)
        throw reader.fail(
          column,
          msg.duplicateIdentity(rule.what, first),
          msg.expectUniqueIdentity(rule.what, type.singular),
        );
      firstLine.set(`${key}\0${value}`, reader.row.line);
      identity[key] = value;
    }
    return identity;
  };
}
