/**
 * Sources of support (a multiple question asked of those who seek support): exact counts per source,
 * only where a source is possible, and at least one source for everybody who said ja.
 */
import { weight, type Draft } from "./draft.ts";
import type { Random } from "./random.ts";

export function assignSources(
  rng: Random,
  seekers: Draft[],
  counts: Map<string, number>,
  possible: (source: string, d: Draft) => boolean,
  score: (d: Draft) => number,
): void {
  const ticked = new Map<Draft, Set<string>>(seekers.map((d) => [d, new Set()]));
  for (const [source, k] of counts) {
    const pool = seekers.filter((d) => possible(source, d));
    for (const d of rng.sample(pool, k, (m) => weight(score(m)))) ticked.get(d)!.add(source);
  }
  // Someone who seeks support names a source: move a tick from a respondent who names several.
  for (const d of seekers) {
    if (ticked.get(d)!.size > 0) continue;
    const donor = rng
      .shuffle(seekers)
      .find((other) => [...ticked.get(other)!].some((s) => ticked.get(other)!.size > 1 && possible(s, d)));
    if (!donor) throw new Error("cannot give every respondent who seeks support a source");
    const source = [...ticked.get(donor)!].find((s) => possible(s, d))!;
    ticked.get(donor)!.delete(source);
    ticked.get(d)!.add(source);
  }
  for (const [d, sources] of ticked) d.answers.ondersteuning_bron = [...counts.keys()].filter((s) => sources.has(s));
}
