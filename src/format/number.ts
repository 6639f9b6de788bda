/**
 * Dutch (nl-BE) figures as the bijlage prints them: "48,6%", "10%", "1.234", "zeventig".
 * Shares are kept as whole tenths of a percent so rounding is exact (half-up, as the print rounds),
 * never at the mercy of binary floating point.
 */

/** count/base as tenths of a percent, rounded half-up: shareTenths(34, 70) = 486. */
export function shareTenths(count: number, base: number): number {
  if (!Number.isInteger(count) || !Number.isInteger(base) || base <= 0 || count < 0) {
    throw new RangeError(`a share needs whole counts and a positive base, got ${count}/${base}`);
  }
  return Math.floor((2000 * count + base) / (2 * base));
}

/** count/base as tenths of a percent, cut off (not rounded): what a truncating typesetter prints. */
export function truncatedTenths(count: number, base: number): number {
  return Math.floor((1000 * count) / base);
}

/** 486 → "48,6"; 100 → "10" (the print drops ",0"). */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  const whole = formatNumber(Math.floor(abs / 10));
  const decimal = abs % 10;
  return decimal === 0 ? `${sign}${whole}` : `${sign}${whole},${decimal}`;
}

export function formatPercent(count: number, base: number): string {
  return `${formatTenths(shareTenths(count, base))}%`;
}

/** Thousands grouped with a dot, as in Belgian Dutch: 10000 → "10.000". */
export function formatNumber(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`formatNumber takes whole numbers, got ${n}`);
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return n < 0 ? `-${grouped}` : grouped;
}

const UNITS = [
  "nul",
  "één",
  "twee",
  "drie",
  "vier",
  "vijf",
  "zes",
  "zeven",
  "acht",
  "negen",
  "tien",
  "elf",
  "twaalf",
  "dertien",
  "veertien",
  "vijftien",
  "zestien",
  "zeventien",
  "achttien",
  "negentien",
];
const TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"];

/** Units inside a compound lose the accent of "één": eenentwintig, honderdeen. */
const unitInCompound = (n: number) => (n === 1 ? "een" : UNITS[n]!);

function below100(n: number): string {
  if (n < 20) return UNITS[n]!;
  const unit = n % 10;
  const tens = TENS[Math.floor(n / 10)]!;
  if (unit === 0) return tens;
  const unitWord = unitInCompound(unit);
  // A diaeresis keeps the vowels apart: tweeëntwintig, drieëndertig.
  const joiner = unitWord.endsWith("e") ? "ën" : "en";
  return `${unitWord}${joiner}${tens}`;
}

function below1000(n: number): string {
  if (n < 100) return below100(n);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 1 ? "honderd" : `${unitInCompound(hundreds)}honderd`;
  return rest === 0 ? head : `${head}${rest === 1 ? "een" : below100(rest)}`;
}

/** A whole number in Dutch words, as the print writes small counts: 70 → "zeventig", 19 → "negentien". */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`numberWord takes 0…999999, got ${n}`);
  if (n < 1000) return below1000(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? "duizend" : `${below1000(thousands)}duizend`;
  return rest === 0 ? head : `${head} ${rest === 1 ? "een" : below1000(rest)}`;
}

/** Sentence case in Dutch: "één" → "Eén", "ijver" → "IJver". */
export function capitalize(text: string): string {
  if (text.startsWith("één")) return `Eén${text.slice(3)}`;
  if (text.startsWith("ij")) return `IJ${text.slice(2)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const IRREGULAR_ORDINALS: Record<number, string> = { 1: "eerste", 3: "derde", 8: "achtste" };

/**
 * Dutch ordinal in words: 1 → "eerste", 3 → "derde", 8 → "achtste", 20 → "twintigste", 101 → "honderdeerste".
 */
export function ordinalWord(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n >= 1_000_000) throw new RangeError(`ordinalWord takes 1…999999, got ${n}`);
  // Only the last part takes the ordinal ending, spelled apart after the thousands as numberWord spells it.
  const belowThousand = n % 1000;
  if (n > 1000 && belowThousand > 0) return `${numberWord(n - belowThousand)} ${ordinalWord(belowThousand)}`;
  const belowHundred = n % 100;
  if (n > 100 && belowHundred > 0) return `${numberWord(n - belowHundred)}${ordinalWord(belowHundred)}`;
  return IRREGULAR_ORDINALS[n] ?? `${numberWord(n)}${n < 20 ? "de" : "ste"}`;
}
