import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { capitalize, formatNumber, formatPercent, formatTenths, numberWord, ordinalWord, shareTenths, truncatedTenths } from "../src/format/number.ts";

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
      [70, "zeventig"], [19, "negentien"], [10, "tien"], [5, "vijf"], [9, "negen"], [7, "zeven"], [3, "drie"],
      [11, "elf"], [8, "acht"], [2, "twee"], [4, "vier"], [13, "dertien"], [15, "vijftien"], [14, "veertien"],
      [12, "twaalf"], [40, "veertig"], [6, "zes"], [1, "één"],
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
      "eerste", "tweede", "derde", "vierde", "achtste", "tiende", "twintigste", "eenentwintigste", "honderdste", "honderdeerste",
    ]);
  });

  it("capitalises at the start of a sentence", () => {
    expect(capitalize(numberWord(70))).toBe("Zeventig");
    expect(capitalize(numberWord(1))).toBe("Eén");
    expect(capitalize("ijzer")).toBe("IJzer");
  });

  it("writes every number below a million as letters only (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
      expect(numberWord(n)).toMatch(/^[a-zëé ]+$/);
    }));
  });
});
