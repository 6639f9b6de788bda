import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  capitalize,
  formatNumber,
  formatPercent,
  formatTenths,
  numberWord,
  ordinalWord,
  shareTenths,
  truncatedTenths,
} from "../src/format/number.ts";

describe("shares as the bijlage prints them", () => {
  it("rounds half-up to one decimal with a decimal comma", () => {
    expect(formatPercent(34, 70)).toBe("48,6%");
    expect(formatPercent(13, 70)).toBe("18,6%");
    expect(formatPercent(35, 62)).toBe("56,5%");
    expect(formatPercent(1, 8)).toBe("12,5%");
    expect(formatPercent(1, 16)).toBe("6,3%"); // 6,25 → 6,3: half goes up
  });

  it("drops a trailing ,0 as the print does", () => {
    expect(formatPercent(7, 70)).toBe("10%");
    expect(formatPercent(35, 70)).toBe("50%");
    expect(formatPercent(0, 70)).toBe("0%");
    expect(formatPercent(70, 70)).toBe("100%");
  });

  it("is exact half-up for every count and base (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (base, k) => {
        const count = k % (base + 1);
        const tenths = shareTenths(count, base);
        // tenths is the integer t with |1000·count/base − t| ≤ ½, ties upwards, checked in integers
        expect(2 * base * tenths - 2000 * count).toBeLessThanOrEqual(base);
        expect(2000 * count - 2 * base * tenths).toBeLessThan(base);
        expect(tenths).toBeGreaterThanOrEqual(truncatedTenths(count, base));
      }),
    );
  });

  it("formats any share with at most one decimal and a comma (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (tenths) => {
        expect(formatTenths(tenths)).toMatch(/^\d+(,\d)?$/);
        expect(Number(formatTenths(tenths).replace(",", "."))).toBeCloseTo(tenths / 10, 10);
      }),
    );
  });

  it("refuses a share of nothing", () => {
    expect(() => shareTenths(1, 0)).toThrow(RangeError);
    expect(() => shareTenths(1.5, 3)).toThrow(RangeError);
  });
});

describe("numbers", () => {
  it("groups thousands with a dot", () => {
    expect(formatNumber(10000)).toBe("10.000");
    expect(formatNumber(132)).toBe("132");
    expect(formatNumber(1234567)).toBe("1.234.567");
  });

  it("writes the words the print writes", () => {
    const printed: [number, string][] = [
      [70, "zeventig"],
      [19, "negentien"],
      [10, "tien"],
      [5, "vijf"],
      [9, "negen"],
      [7, "zeven"],
      [3, "drie"],
      [11, "elf"],
      [8, "acht"],
      [2, "twee"],
      [4, "vier"],
      [13, "dertien"],
      [15, "vijftien"],
      [14, "veertien"],
      [12, "twaalf"],
      [40, "veertig"],
      [6, "zes"],
      [1, "één"],
    ];
    for (const [n, word] of printed) expect(numberWord(n)).toBe(word);
  });

  it("joins compounds with en, and ën after an e", () => {
    expect(numberWord(21)).toBe("eenentwintig");
    expect(numberWord(22)).toBe("tweeëntwintig");
    expect(numberWord(33)).toBe("drieëndertig");
    expect(numberWord(190)).toBe("honderdnegentig");
    expect(numberWord(101)).toBe("honderdeen");
    expect(numberWord(2008)).toBe("tweeduizend acht");
  });

  it("writes ordinals for the ranks of initiatives", () => {
    expect([1, 2, 3, 4, 8, 10, 20, 21, 100, 101].map(ordinalWord)).toEqual([
      "eerste",
      "tweede",
      "derde",
      "vierde",
      "achtste",
      "tiende",
      "twintigste",
      "eenentwintigste",
      "honderdste",
      "honderdeerste",
    ]);
  });

  it("capitalises at the start of a sentence", () => {
    expect(capitalize(numberWord(70))).toBe("Zeventig");
    expect(capitalize(numberWord(1))).toBe("Eén");
    expect(capitalize("ijzer")).toBe("IJzer");
  });

  it("writes every number below a million as letters only (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(numberWord(n)).toMatch(/^[a-zëé ]+$/);
      }),
    );
  });
});

/**
 * Dutch number words as the Taalunie writes them, read off independently: the words below twenty and
 * the tens are listed; every other number up to 1000 is built by the spelling rules and compared.
 */
describe("number words from 0 to 1000 (every number)", () => {
  const BELOW_TWENTY = [
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
  const TENS: Record<number, string> = {
    20: "twintig",
    30: "dertig",
    40: "veertig",
    50: "vijftig",
    60: "zestig",
    70: "zeventig",
    80: "tachtig",
    90: "negentig",
  };
  /** Inside a compound "één" is written "een": eenentwintig, honderdeen. */
  const plain = (word: string) => (word === "één" ? "een" : word);

  it("writes the words below twenty and the tens as listed", () => {
    BELOW_TWENTY.forEach((word, n) => expect(numberWord(n)).toBe(word));
    for (const [n, word] of Object.entries(TENS)) expect(numberWord(Number(n))).toBe(word);
  });

  it("puts the unit before the ten, joined by en, or ën after a final e", () => {
    for (let n = 21; n < 100; n++) {
      if (n % 10 === 0) continue;
      const unit = plain(BELOW_TWENTY[n % 10]!);
      const joiner = unit.endsWith("e") ? "ën" : "en";
      expect(numberWord(n), String(n)).toBe(`${unit}${joiner}${TENS[n - (n % 10)]}`);
    }
  });

  it("writes the hundreds as one word: (unit)honderd, then the rest", () => {
    for (let n = 100; n < 1000; n++) {
      const hundreds = Math.floor(n / 100);
      const rest = n % 100;
      const head = `${hundreds === 1 ? "" : plain(BELOW_TWENTY[hundreds]!)}honderd`;
      expect(numberWord(n), String(n)).toBe(rest === 0 ? head : `${head}${plain(numberWord(rest))}`);
    }
    expect(numberWord(1000)).toBe("duizend");
  });

  it("agrees with spellings one can look up", () => {
    const spelled: [number, string][] = [
      [100, "honderd"],
      [101, "honderdeen"],
      [111, "honderdelf"],
      [122, "honderdtweeëntwintig"],
      [200, "tweehonderd"],
      [263, "tweehonderddrieënzestig"],
      [300, "driehonderd"],
      [481, "vierhonderdeenentachtig"],
      [999, "negenhonderdnegenennegentig"],
    ];
    for (const [n, word] of spelled) expect(numberWord(n)).toBe(word);
  });
});

describe("number words beyond a thousand", () => {
  it("writes the thousands apart from the rest", () => {
    expect(numberWord(1001)).toBe("duizend een");
    expect(numberWord(1100)).toBe("duizend honderd");
    expect(numberWord(2000)).toBe("tweeduizend");
    expect(numberWord(21_000)).toBe("eenentwintigduizend");
    expect(numberWord(999_999)).toBe("negenhonderdnegenennegentigduizend negenhonderdnegenennegentig");
  });

  it("refuses what it cannot write: negative, fractional, a million or more", () => {
    for (const n of [-1, 1.5, 1_000_000]) expect(() => numberWord(n), String(n)).toThrow(RangeError);
    for (const n of [0, -1, 2.5, 1_000_000]) expect(() => ordinalWord(n), String(n)).toThrow(RangeError);
    expect(ordinalWord(999_999)).toBe("negenhonderdnegenennegentigduizend negenhonderdnegenennegentigste");
  });
});

describe("ordinals", () => {
  it("ends in -de below twenty and -ste from twenty on, with eerste, derde and achtste apart", () => {
    expect([2, 5, 7, 9, 12, 19].map(ordinalWord)).toEqual([
      "tweede",
      "vijfde",
      "zevende",
      "negende",
      "twaalfde",
      "negentiende",
    ]);
    expect([30, 99, 200, 1000, 1100].map(ordinalWord)).toEqual([
      "dertigste",
      "negenennegentigste",
      "tweehonderdste",
      "duizendste",
      "duizend honderdste",
    ]);
  });

  it("puts the ordinal of the last part after the hundreds or thousands", () => {
    expect([102, 103, 108, 1001, 2003].map(ordinalWord)).toEqual([
      "honderdtweede",
      "honderdderde",
      "honderdachtste",
      "duizend eerste",
      "tweeduizend derde",
    ]);
    expect([1101, 1208, 21_305].map(ordinalWord)).toEqual([
      "duizend honderdeerste",
      "duizend tweehonderdachtste",
      "eenentwintigduizend driehonderdvijfde",
    ]);
  });
});

describe("signs and limits", () => {
  it("writes a negative figure with a minus sign", () => {
    expect(formatTenths(-15)).toBe("-1,5");
    expect(formatTenths(-20)).toBe("-2");
    expect(formatNumber(-1234)).toBe("-1.234");
  });

  it("refuses a fraction where a whole number is meant, and a negative count", () => {
    expect(() => formatNumber(1.5)).toThrow(RangeError);
    expect(() => shareTenths(-1, 5)).toThrow(RangeError);
    expect(() => shareTenths(1, -5)).toThrow(RangeError);
    expect(shareTenths(0, 1)).toBe(0);
  });

  it("capitalises only the start of a sentence", () => {
    expect(capitalize("nummer één")).toBe("Nummer één");
    expect(capitalize("eenentwintig")).toBe("Eenentwintig");
  });
});
