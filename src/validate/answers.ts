/** Reads one respondent's answers from a row, question by question, as the codebook defines them. */
import {
  optionsFor,
  question,
  questionsFor,
  type Codebook,
  type MultipleQuestion,
  type Question,
  type RankedQuestion,
  type RespondentTypeCode,
  type SingleQuestion,
} from "../model/codebook.ts";
import { NOT_TICKED, TICKED } from "../model/rows.ts";
import type { Answers, Ranked } from "../model/survey.ts";
import { readFreeText } from "./free-text.ts";
import type { RowReader } from "./row.ts";
import * as msg from "../messages.ts";

const oneOf = (codes: string[]) => `one of ${codes.join(", ")}`;
const rankColumns = (q: RankedQuestion, rank: number) => ({
  category: `${q.column}${rank}_categorie`,
  description: `${q.column}${rank}_omschrijving`,
});

/** The codes a row gives for a question of any kind: what an askedIf condition is tested against. */
function givenCodes(q: Question, row: RowReader): string[] {
  if (q.kind === "single") return [row.value(q.column)];
  if (q.kind === "multiple")
    return q.options.map((o) => o.code).filter((code) => row.value(`${q.column}_${code}`) === TICKED);
  return Array.from({ length: q.ranks }, (_, i) => row.value(rankColumns(q, i + 1).category));
}

/** Why the question was not put to this respondent, or undefined when it was. */
function notAskedBecause(codebook: Codebook, q: Question, row: RowReader): string | undefined {
  if (!q.askedIf) return undefined;
  const wanted = [q.askedIf.is].flat();
  const condition = question(codebook, q.askedIf.q);
  if (givenCodes(condition, row).some((code) => wanted.includes(code))) return undefined;
  return `asked only when ${condition.column} is ${wanted.join(" or ")}`;
}

function readSingle(q: SingleQuestion, codes: string[], notAsked: string | undefined, row: RowReader): string | null {
  const value = row.value(q.column);
  if (notAsked) {
    if (value) throw row.fail(q.column, msg.answerNotAsked(), msg.expectEmpty(notAsked));
    return null;
  }
  if (!value) {
    if (q.required === false) return null;
    throw row.fail(q.column, msg.requiredAnswerEmpty(), oneOf(codes));
  }
  if (!codes.includes(value)) throw row.fail(q.column, msg.unknownAnswerCode(), oneOf(codes));
  return value;
}

function readMultiple(q: MultipleQuestion, codes: string[], notAsked: string | undefined, row: RowReader): string[] {
  const ticked: string[] = [];
  for (const code of codes) {
    const column = `${q.column}_${code}`;
    const value = row.value(column);
    if (value !== TICKED && value !== NOT_TICKED)
      throw row.fail(column, msg.notZeroOne(), msg.expectZeroOne(TICKED, NOT_TICKED));
    if (value === NOT_TICKED) continue;
    if (notAsked) throw row.fail(column, msg.tickedNotAsked(), msg.expectNotTicked(NOT_TICKED, notAsked));
    ticked.push(code);
  }
  return ticked;
}

/** Ranks are filled from 1 without gaps; each item is a category and its description. */
function readRanked(
  q: RankedQuestion,
  codes: string[],
  notAsked: string | undefined,
  row: RowReader,
): Ranked<string>[] {
  const items: Ranked<string>[] = [];
  for (let rank = 1; rank <= q.ranks; rank++) {
    const columns = rankColumns(q, rank);
    const category = row.value(columns.category);
    const description = readFreeText(row, columns.description, q.maxLength);
    if (!category && !description) continue;
    const filled = category ? columns.category : columns.description;
    if (notAsked) throw row.fail(filled, msg.answerNotAsked(), msg.expectEmpty(notAsked));
    if (items.length !== rank - 1) throw row.fail(filled, msg.rankSkipped(rank), msg.expectRankFirst(rank));
    if (!category) throw row.fail(columns.category, msg.descriptionWithoutCategory(), oneOf(codes));
    if (!codes.includes(category)) throw row.fail(columns.category, msg.unknownAnswerCode(), oneOf(codes));
    if (!description) throw row.fail(columns.description, msg.categoryWithoutDescription(), msg.expectDescription());
    items.push({ rank, category, description });
  }
  return items;
}

export function readAnswers(codebook: Codebook, type: RespondentTypeCode, row: RowReader): Answers {
  const answers: Record<string, unknown> = {};
  for (const q of questionsFor(codebook, type)) {
    const notAsked = notAskedBecause(codebook, q, row);
    const codes = optionsFor(q, type).map((o) => o.code);
    if (q.kind === "single") answers[q.id] = readSingle(q, codes, notAsked, row);
    else if (q.kind === "multiple") answers[q.id] = readMultiple(q, codes, notAsked, row);
    else answers[q.id] = readRanked(q, codes, notAsked, row);
  }
  // The codebook is what Answers was generated from (scripts/codegen.ts), so the shapes agree.
  return answers as unknown as Answers;
}
