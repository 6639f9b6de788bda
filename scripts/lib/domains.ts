/**
 * Who pays attention to which beleidsdomein. The print ties attention to an erkende integratiedienst in
 * every domain but burgerzaken, and to urbanisation only for some; independent draws would miss that.
 * So for each domain the generator first splits its count over cells of respondents (with/without a
 * service × urban/not) so that exactly the printed relations hold, then draws within each cell by engagement.
 */
import { shareTenths } from "../../src/format/number.ts";
import { weight, type Draft } from "./draft.ts";
import type { Random } from "./random.ts";

export interface DomainRules {
  /** Domains where the share among respondents with a service must lie at least 10 points higher. */
  serviceRelated: Set<string>;
  /** Domains where the print finds no such relation: kept within 5 points. */
  serviceUnrelated: Set<string>;
  /** Domains where urban respondents must lie at least 10 points higher; in all others they may not. */
  urbanRelated: Set<string>;
}

/**
 * A relation is at least 10 points (100 tenths); the generator keeps a point of room so that nearby readings hold too.
 */
const RELATION = 100;
const ROOM = 10;

interface Cell {
  members: Draft[];
  service: boolean;
  urban: boolean;
}

function splits(sizes: number[], total: number): number[][] {
  if (sizes.length === 0) return total === 0 ? [[]] : [];
  const [first, ...rest] = sizes;
  const out: number[][] = [];
  for (let k = 0; k <= Math.min(first!, total); k++) for (const tail of splits(rest, total - k)) out.push([k, ...tail]);
  return out;
}

function difference(
  cells: Cell[],
  counts: number[],
  inGroup: (c: Cell) => boolean,
  among: (c: Cell) => boolean = () => true,
): number | null {
  let inCount = 0,
    inSize = 0,
    outCount = 0,
    outSize = 0;
  cells.forEach((c, i) => {
    if (!among(c)) return;
    if (inGroup(c)) {
      inCount += counts[i]!;
      inSize += c.members.length;
    } else {
      outCount += counts[i]!;
      outSize += c.members.length;
    }
  });
  return inSize === 0 || outSize === 0 ? null : shareTenths(inCount, inSize) - shareTenths(outCount, outSize);
}

export function tickDomains(
  rng: Random,
  drafts: Draft[],
  counts: Map<string, number>,
  rules: DomainRules,
  isService: (d: Draft) => boolean,
  isUrban: (d: Draft) => boolean,
): void {
  const cells: Cell[] = [];
  for (const d of drafts) {
    const service = isService(d),
      urban = isUrban(d);
    let cell = cells.find((c) => c.service === service && c.urban === urban);
    if (!cell) cells.push((cell = { members: [], service, urban }));
    cell.members.push(d);
  }
  for (const d of drafts) d.answers.beleidsdomeinen = [];
  for (const [code, total] of counts) {
    const candidates = splits(
      cells.map((c) => c.members.length),
      total,
    ).filter((split) => {
      const service = difference(cells, split, (c) => c.service);
      const urban = difference(cells, split, (c) => c.urban);
      if (service !== null && rules.serviceRelated.has(code) && service < RELATION + ROOM) return false;
      if (service !== null && rules.serviceUnrelated.has(code) && Math.abs(service) >= RELATION / 2) return false;
      if (urban !== null && (rules.urbanRelated.has(code) ? urban < RELATION + ROOM : urban >= RELATION - ROOM))
        return false;
      return true;
    });
    if (candidates.length === 0)
      throw new Error(`beleidsdomein ${code}: no split of ${total} respondents meets the printed relations`);
    // Among respondents without a service, urban and other ones should look alike unless the print says otherwise.
    const unevenness = (split: number[]) =>
      Math.abs(
        difference(
          cells,
          split,
          (c) => c.urban,
          (c) => !c.service,
        ) ?? 0,
      );
    const scored = candidates.map((split) => ({ split, score: unevenness(split) + 30 * rng.next() }));
    const { split } = scored.reduce((best, s) => (s.score < best.score ? s : best));
    cells.forEach((cell, i) => {
      for (const d of rng.sample(cell.members, split[i]!, (m) => weight(m.engagement)))
        (d.answers.beleidsdomeinen as string[]).push(code);
    });
  }
}
