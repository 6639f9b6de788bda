/**
 * How a respondent's answers lie in a CSV row. The validator reads rows in this layout;
 * the generator (scripts/generate-data.ts) writes them; both go through columnsFor().
 */
import { columnsFor, optionsFor, questionsFor, type Codebook, type RespondentTypeCode } from "./codebook.ts";
import type { Respondent } from "./survey.ts";

export const TICKED = "1";
export const NOT_TICKED = "0";

export function respondentToRow(codebook: Codebook, respondent: Respondent): Record<string, string> {
  const row: Record<string, string> = { id: respondent.id };
  const answers = respondent.answers as unknown as Record<string, unknown>;
  for (const q of questionsFor(codebook, respondent.type)) {
    const answer = answers[q.id];
    if (q.kind === "single") row[q.column] = (answer as string | null | undefined) ?? "";
    else if (q.kind === "multiple") {
      const ticked = new Set(answer as string[]);
      for (const o of optionsFor(q, respondent.type))
        row[`${q.column}_${o.code}`] = ticked.has(o.code) ? TICKED : NOT_TICKED;
    } else {
      const items = answer as { rank: number; category: string; description: string }[];
      for (let rank = 1; rank <= q.ranks; rank++) {
        const item = items.find((i) => i.rank === rank);
        row[`${q.column}${rank}_categorie`] = item?.category ?? "";
        row[`${q.column}${rank}_omschrijving`] = item?.description ?? "";
      }
    }
  }
  return row;
}

const quote = (cell: string) =>
  /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;

/** RFC 4180 CSV, UTF-8, LF line ends: the form of the files in data/. */
export function respondentsToCsv(codebook: Codebook, type: RespondentTypeCode, respondents: Respondent[]): string {
  const columns = columnsFor(codebook, type);
  const lines = [columns.join(",")];
  for (const r of respondents) {
    const row = respondentToRow(codebook, r);
    lines.push(columns.map((c) => quote(row[c] ?? "")).join(","));
  }
  return lines.join("\n") + "\n";
}
