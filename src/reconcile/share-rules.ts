/**
 * Which count of a base a printed share can stand for. The bijlage rounds half-up to 0,1 %
 * (34 of 70 → 48,6 %), but in places cuts off instead (13 of 70 → 18,5 %); a share neither way
 * gives belongs to another count, or to none at all.
 */
import { shareTenths, truncatedTenths } from "../format/number.ts";

export type ShareVerdict =
  | { kind: "rounded" }
  /** The share is count/base cut off where the print otherwise rounds half-up. */
  | { kind: "truncated"; roundedTenths: number }
  /** The share is right for other counts of the base, not for this one. */
  | { kind: "other-count"; counts: number[] }
  /** No count of the base gives this share, rounded or cut off. */
  | { kind: "impossible" };

/** Counts k of the base whose share, rounded half-up, is the printed one. */
export function countsRoundingTo(tenths: number, base: number): number[] {
  const found: number[] = [];
  for (let k = 0; k <= base; k++) if (shareTenths(k, base) === tenths) found.push(k);
  return found;
}

function countsTruncatingTo(tenths: number, base: number): number[] {
  const found: number[] = [];
  for (let k = 0; k <= base; k++) if (truncatedTenths(k, base) === tenths) found.push(k);
  return found;
}

export function judgeShare(printedTenths: number, count: number, base: number): ShareVerdict {
  const rounded = shareTenths(count, base);
  if (printedTenths === rounded) return { kind: "rounded" };
  if (printedTenths === truncatedTenths(count, base)) return { kind: "truncated", roundedTenths: rounded };
  const others = countsRoundingTo(printedTenths, base);
  const cutOff = countsTruncatingTo(printedTenths, base);
  if (others.length > 0 || cutOff.length > 0)
    return { kind: "other-count", counts: others.length > 0 ? others : cutOff };
  return { kind: "impossible" };
}

/** The count a share of the base stands for, where the print gives only the share: the count nearest share × base. */
export function nearestCount(tenths: number, base: number): number {
  return Math.floor((2 * tenths * base + 1000) / 2000);
}

/** Percent as written in data/printed-figures.json (18.5) → tenths (185), free of binary fractions. */
export const percentToTenths = (percent: number): number => Math.round(percent * 10);
