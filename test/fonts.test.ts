import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as fontkit from "fontkit";
import { assetDirs, fontFaceCss, fontFiles, FONT_FAMILY, measureText } from "../src/assets/fonts.ts";

const fileOf = (subset: string, weight: number, style: string) =>
  fontFiles().find((f) => f.subset === subset && f.weight === weight && f.style === style)!;

/** Code points a CSS unicode-range ("U+0000-00FF,U+0131") covers. */
function inRange(range: string, codePoint: number): boolean {
  return range.split(",").some((part) => {
    const [from, to = from] = part.trim().replace(/^U\+/, "").split("-");
    return codePoint >= parseInt(from!, 16) && codePoint <= parseInt(to!, 16);
  });
}

/** fontkit's own advances (kerning and ligatures applied), scaled to px. */
function fontkitWidth(path: string, text: string, size: number): number {
  const font = fontkit.openSync(path);
  const run = font.layout(text);
  return (run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * size) / font.unitsPerEm;
}

describe("the body font files", () => {
  it("are Source Sans 3 regular, italic, semibold and bold, in latin and latin-ext subsets, all on disk", () => {
    expect(FONT_FAMILY).toBe("Source Sans 3");
    const faces = fontFiles().map((f) => `${f.weight} ${f.style} ${f.subset}`);
    expect(faces).toEqual([
      "400 normal latin",
      "400 normal latin-ext",
      "400 italic latin",
      "400 italic latin-ext",
      "600 normal latin",
      "600 normal latin-ext",
      "700 normal latin",
      "700 normal latin-ext",
    ]);
    for (const f of fontFiles()) {
      expect(f.path).toMatch(/\.woff2$/);
      expect(existsSync(f.path)).toBe(true);
      expect(fontkit.openSync(f.path).familyName).toContain(FONT_FAMILY);
    }
  });

  it("cover Dutch with the latin subset alone: every character of the codebook and Dutch's accents and signs", () => {
    const latin = fileOf("latin", 400, "normal");
    const font = fontkit.openSync(latin.path);
    const dutch = "tweeëntwintig geïntegreerd één café à propos ö ü è ê – … € „“ ‘’";
    const text = readFileSync("data/codebook.json", "utf8") + dutch;
    const letters = [...new Set(text)].filter((c) => c.trim() !== "");
    for (const c of letters) {
      expect(inRange(latin.unicodeRange, c.codePointAt(0)!), c).toBe(true);
      expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), c).toBe(true);
    }
  });

  it("are all inside the directories a printed page may read", () => {
    const dirs = assetDirs();
    for (const f of fontFiles()) expect(dirs).toContain(dirname(f.path));
  });
});

describe("@font-face rules", () => {
  const css = fontFaceCss((path) => `/fonts/${path.split("/").at(-1)}`);

  it("declare one quoted family, one rule per file, with the url the caller chose", () => {
    expect(css.match(/@font-face/g)).toHaveLength(fontFiles().length);
    expect(css.match(/font-family: "Source Sans 3";/g)).toHaveLength(fontFiles().length);
    expect(css).toContain('src: url("/fonts/source-sans-3-latin-700-normal.woff2") format("woff2");');
    expect(css).toContain("font-style: italic;");
    expect(css).toContain("font-display: block;");
  });

  it("give each subset its unicode-range, so the printer embeds only the subsets a page uses", () => {
    const rules = css.split("@font-face").slice(1);
    for (const rule of rules) expect(rule).toMatch(/unicode-range: U\+[0-9A-F]/);
    const latinExt = rules.find((r) => r.includes("latin-ext-400-normal"))!;
    expect(latinExt).toContain("U+0100-02BA");
    expect(latinExt).not.toContain("U+0000-00FF");
  });
});

describe("measureText", () => {
  it("uses the font's real advances: Wmmm is wider than iiii", () => {
    expect(measureText("Wmmm", { size: 12 })).toBeGreaterThan(2 * measureText("iiii", { size: 12 }));
  });

  it("matches fontkit's advances with kerning for Dutch labels", () => {
    const regular = fileOf("latin", 400, "normal").path;
    const bold = fileOf("latin", 700, "normal").path;
    for (const text of [
      "burgerlijke stand/burgerzaken",
      "sensibiliseren en inbedden in de eigen werking",
      "geïntegreerd",
      "48,6%",
      "AVA Tv",
    ]) {
      expect(measureText(text, { size: 12 })).toBeCloseTo(fontkitWidth(regular, text, 12), 6);
      expect(measureText(text, { size: 12, weight: 700 })).toBeCloseTo(fontkitWidth(bold, text, 12), 6);
    }
    // kerning pulls A and V together
    expect(measureText("AV", { size: 100 })).toBeLessThan(
      measureText("A", { size: 100 }) + measureText("V", { size: 100 }),
    );
  });

  it("picks the face CSS would: semibold and bold are wider, 500 falls back to regular, italic to the italic", () => {
    const text = "lokaal sociaal beleid";
    const at = (weight: number, italic = false) => measureText(text, { size: 12, weight, italic });
    expect(at(600)).toBeGreaterThan(at(400));
    expect(at(700)).toBeGreaterThan(at(600));
    expect(at(500)).toBe(at(400));
    expect(at(900)).toBe(at(700));
    expect(at(400, true)).toBeCloseTo(fontkitWidth(fileOf("latin", 400, "italic").path, text, 12), 6);
  });

  it("falls back to latin-ext per character, as the browser picks a subset by unicode-range", () => {
    const latin = fileOf("latin", 400, "normal").path;
    const latinExt = fileOf("latin-ext", 400, "normal").path;
    expect(measureText("ł", { size: 12 })).toBeCloseTo(fontkitWidth(latinExt, "ł", 12), 6);
    expect(measureText("Łódź", { size: 12 })).toBeCloseTo(
      fontkitWidth(latinExt, "Ł", 12) + fontkitWidth(latin, "ód", 12) + fontkitWidth(latinExt, "ź", 12),
      6,
    );
  });

  it("scales linearly with the font size and is never negative (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzëïé AVWT/-,%0123456789") }),
        fc.integer({ min: 1, max: 72 }),
        (text, size) => {
          const width = measureText(text, { size });
          expect(width).toBeGreaterThanOrEqual(0);
          expect(width).toBeCloseTo(size * measureText(text, { size: 1 }), 6);
        },
      ),
    );
  });
});
