/** Counts with their base: the unit every figure in the reports is made of. */
import { formatTenths, shareTenths } from "../format/number.ts";

export interface Share {
  count: number;
  base: number;
  /** count/base in tenths of a percent, half-up; null where the base is empty. */
  tenths: number | null;
}

export interface Tally extends Share {
  code: string;
  label: string;
  /** The label as it stands in a sentence, with its article where the codebook gives one. */
  phrase: string;
  /** false where the print gives no figure for this option (the data chose one). */
  printed: boolean;
}

export function share(count: number, base: number): Share {
  return { count, base, tenths: base > 0 ? shareTenths(count, base) : null };
}

/** A share as the report prints it: "48,6%", or a dash where the base is empty. */
export const formatShare = (s: Share) => (s.tenths === null ? "–" : `${formatTenths(s.tenths)}%`);

/** Strictly more than half, computed on counts (not on a rounded share). */
export const isMajority = (s: Share) => 2 * s.count > s.base;

/** Larger count first; ties keep the codebook order so lists read the same on every build. */
export function byCountDescending<T extends Tally>(tallies: T[]): T[] {
  return tallies
    .map((t, i) => ({ t, i }))
    .sort((a, b) => b.t.count - a.t.count || a.i - b.i)
    .map(({ t }) => t);
}
