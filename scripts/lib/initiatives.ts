/**
 * Prioritaire initiatieven: nested ranks (a second only after a first, a third only after a second),
 * categories with the target counts, never the same category twice for one respondent.
 */
import type { Ranked } from "../../src/model/survey.ts";
import { describe } from "./descriptions.ts";
import { weight, type Draft } from "./draft.ts";
import type { Random } from "./random.ts";

const ATTEMPTS = 100;

/** Categories for respondents with 3, 2, 1 slots, drawn by remaining count; null on a dead end. */
function drawCategories(rng: Random, slots: number[], counts: Map<string, number>): string[][] | null {
  const left = new Map(counts);
  const order = slots.map((n, i) => ({ n, i })).sort((a, b) => b.n - a.n || a.i - b.i);
  const result: string[][] = slots.map(() => []);
  for (const { n, i } of order) {
    for (let s = 0; s < n; s++) {
      const open = [...left].filter(([code, c]) => c > 0 && !result[i]!.includes(code));
      if (open.length === 0) return null;
      const [code] = rng.sample(open, 1, ([, c]) => c)[0]!;
      result[i]!.push(code);
      left.set(code, left.get(code)! - 1);
    }
  }
  return result;
}

export function assignInitiatives(
  rng: Random,
  drafts: Draft[],
  ranks: number[],
  categories: Map<string, number>,
  score: (d: Draft) => number,
): void {
  const slots = new Map<Draft, number>(drafts.map((d) => [d, 0]));
  let holders = drafts;
  ranks.forEach((k) => {
    holders = rng.sample(holders, k, (d) => weight(score(d)));
    for (const d of holders) slots.set(d, slots.get(d)! + 1);
  });
  const total = [...categories.values()].reduce((a, b) => a + b, 0);
  const slotTotal = ranks.reduce((a, b) => a + b, 0);
  if (total !== slotTotal) throw new Error(`initiative categories add up to ${total}, ranks to ${slotTotal}`);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const drawn = drawCategories(rng, [...slots.values()], categories);
    if (!drawn) continue;
    [...slots.keys()].forEach((d, i) => {
      d.answers.initiatieven = drawn[i]!.map((category, r): Ranked<string> => ({
        rank: r + 1,
        category,
        description: describe(rng, category),
      }));
    });
    return;
  }
  throw new Error("no way found to give initiative categories without repeating one per respondent");
}
