/** A respondent while the generator decides its answers, with the latent score behind its profile. */
import type { Ranked, RespondentType } from "../../src/model/survey.ts";
import type { Random } from "./random.ts";

export type DraftAnswer = string | null | string[] | Ranked<string>[];

export interface Draft {
  type: RespondentType;
  /** Latent engagement with diversity policy: drives every "more attention" answer, so profiles hang together. */
  engagement: number;
  answers: Record<string, DraftAnswer>;
}

export const has = (d: Draft, questionId: string, code: string): boolean => {
  const answer = d.answers[questionId];
  return Array.isArray(answer) ? (answer as string[]).includes(code) : answer === code;
};

/** Weight of a respondent for an answer: e^score, where score adds the engagement and what else makes it likely. */
export const weight = (score: number) => Math.exp(score);

/**
 * Gives each code its count from the pool, in the order given: earlier codes draw first, each with the weight
 * for that code. The pool must be used up exactly.
 */
export function assignCounts(
  rng: Random,
  pool: Draft[],
  questionId: string,
  counts: Map<string, number>,
  score: (code: string, d: Draft) => number = (_, d) => d.engagement,
): void {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total !== pool.length) throw new Error(`${questionId}: counts add up to ${total} for ${pool.length} respondents`);
  let left = pool;
  for (const [code, k] of counts) {
    const chosen = new Set(rng.sample(left, k, (d) => weight(score(code, d))));
    for (const d of chosen) d.answers[questionId] = code;
    left = left.filter((d) => !chosen.has(d));
  }
}
