/** Free text as the fact sheets print it: nothing hidden in it, no longer than the codebook allows. */
import { firstHidden } from "../hidden-characters.ts";
import { HIDDEN_EXPECTED, hiddenCharacter, TAB_REPLACED, textLimit, textTooLong } from "../messages.ts";
import type { RowReader } from "./row.ts";

/** Enough of a refused cell to find it by, not the megabyte it may hold. */
const SHOWN = 60;
const excerpt = (text: string) => (text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text);

export function readFreeText(row: RowReader, column: string, maxLength: number | undefined): string {
  let text = row.value(column);
  // A tab is what a stray keystroke in a spreadsheet leaves; it means a space.
  if (text.includes("\t")) {
    text = text.replace(/\t/g, " ");
    row.warn(column, TAB_REPLACED);
  }
  const hidden = firstHidden(text);
  if (hidden) throw row.fail(column, hiddenCharacter(hidden), HIDDEN_EXPECTED, excerpt(text));
  const length = [...text].length;
  if (maxLength !== undefined && length > maxLength)
    throw row.fail(column, textTooLong(length, maxLength), textLimit(maxLength), excerpt(text));
  return text;
}
