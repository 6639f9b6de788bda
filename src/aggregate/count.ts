/**
 * Conditions over respondents' answers, and counts of those who meet them. One small language serves
 * the aggregates, the claims of the text and the printed figures in data/printed-figures.json.
 */
import type { Respondent } from "../model/survey.ts";

export type Condition =
  { q: string; is: string | string[] } | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** For a multiple question, `is` means "ticked"; for a single one, "answered with". */
export function matches(respondent: Respondent, condition: Condition): boolean {
  if ("all" in condition) return condition.all.every((c) => matches(respondent, c));
  if ("any" in condition) return condition.any.some((c) => matches(respondent, c));
  if ("not" in condition) return !matches(respondent, condition.not);
  const answer = (respondent.answers as unknown as Record<string, unknown>)[condition.q];
  const wanted = Array.isArray(condition.is) ? condition.is : [condition.is];
  if (Array.isArray(answer))
    return answer.some((a) => wanted.includes(typeof a === "string" ? a : (a as { category: string }).category));
  return typeof answer === "string" && wanted.includes(answer);
}

export function countRespondents(respondents: Respondent[], condition?: Condition): number {
  if (!condition) return respondents.length;
  let count = 0;
  for (const r of respondents) if (matches(r, condition)) count++;
  return count;
}

export interface InitiativeFilter {
  rank?: number;
  category?: string;
}

export function countInitiatives(respondents: Respondent[], filter: InitiativeFilter): number {
  let count = 0;
  for (const r of respondents) {
    for (const item of r.answers.initiatieven) {
      if (
        (filter.rank === undefined || item.rank === filter.rank) &&
        (filter.category === undefined || item.category === filter.category)
      )
        count++;
    }
  }
  return count;
}
