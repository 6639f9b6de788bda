/**
 * The body font, Source Sans 3 from @fontsource (never a system font): the files a printed page
 * may load, the @font-face rules that load them, and text widths taken from the font's own
 * advances and kerning, so that charts laid out in Node match what Chromium prints.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as fontkit from "fontkit";
import { EnvironmentError } from "../errors.ts";
import * as msg from "../messages.ts";

export const FONT_FAMILY = "Source Sans 3";

const PACKAGE = "@fontsource/source-sans-3";

export type FontStyle = "normal" | "italic";

/**
 * Dutch needs only latin: ë, ï, é and the other accented vowels lie in U+00C0–00FF. latin-ext is
 * kept for names from elsewhere (ł, ő, ş …); unicode-range lets the printer skip it when unused.
 */
const SUBSETS = ["latin", "latin-ext"] as const;
export type Subset = (typeof SUBSETS)[number];

/** The faces the reports use: body, emphasis, semibold headings and labels, bold. */
const FACES: { weight: number; style: FontStyle }[] = [
  { weight: 400, style: "normal" },
  { weight: 400, style: "italic" },
  { weight: 600, style: "normal" },
  { weight: 700, style: "normal" },
];

export interface FontFile {
  weight: number;
  style: FontStyle;
  subset: Subset;
  /** CSS unicode-range of the subset, as @fontsource publishes it. */
  unicodeRange: string;
  path: string;
}

export interface TextStyle {
  /** Font size in CSS px. */
  size: number;
  weight?: number;
  italic?: boolean;
}

/**
 * fontkit is loaded on the first measurement, not with this module: a build with nothing to print
 * needs the font files' paths only, and loading fontkit takes it some 0.1 s. Required, since
 * measuring is synchronous (vega asks for widths while it lays out).
 */
let fontkitModule: typeof fontkit | undefined;
const openFont = (path: string) =>
  (fontkitModule ??= createRequire(import.meta.url)("fontkit") as typeof fontkit).openSync(path);

let packageDirectory: string | undefined;

function packageDir(): string {
  if (packageDirectory) return packageDirectory;
  try {
    packageDirectory = dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  } catch {
    throw new EnvironmentError(msg.fontPackageMissing(PACKAGE));
  }
  return packageDirectory;
}

function filesDir(): string {
  return join(packageDir(), "files");
}

let unicodeRanges: Record<string, string> | undefined;

function unicodeRange(subset: Subset): string {
  unicodeRanges ??= JSON.parse(readFileSync(join(packageDir(), "unicode.json"), "utf8")) as Record<string, string>;
  const range = unicodeRanges[subset];
  if (!range) throw new EnvironmentError(msg.fontSubsetMissing(PACKAGE, subset));
  return range;
}

/** Every woff2 file the reports may load, per face and subset, latin first. */
export function fontFiles(): FontFile[] {
  return FACES.flatMap(({ weight, style }) =>
    SUBSETS.map((subset) => ({
      weight,
      style,
      subset,
      unicodeRange: unicodeRange(subset),
      path: join(filesDir(), `source-sans-3-${subset}-${weight}-${style}.woff2`),
    })),
  );
}

/**
 * One @font-face rule per file. font-display: block, because a printed page must never be laid
 * out in a fallback font.
 */
export function fontFaceCss(urlFor: (path: string) => string): string {
  return fontFiles()
    .map((f) =>
      [
        "@font-face {",
        `  font-family: "${FONT_FAMILY}";`,
        `  font-style: ${f.style};`,
        `  font-weight: ${f.weight};`,
        "  font-display: block;",
        `  src: url("${urlFor(f.path)}") format("woff2");`,
        `  unicode-range: ${f.unicodeRange.split(",").join(", ")};`,
        "}",
      ].join("\n"),
    )
    .join("\n");
}

/** The directories a printed page may read fonts from, for the print stage's request filter. */
export function assetDirs(): string[] {
  return [filesDir()];
}

/**
 * The face CSS font matching picks among those we ship: italic first (the browser synthesises
 * bolder italics from 400 italic, without changing advances), then the nearest weight the way CSS
 * resolves it (≤ 500 falls back to lighter, above to heavier).
 */
function faceFor(weight: number, italic: boolean): { weight: number; style: FontStyle } {
  if (italic) return { weight: 400, style: "italic" };
  return { weight: weight <= 500 ? 400 : weight <= 600 ? 600 : 700, style: "normal" };
}

const facesOpened = new Map<string, fontkit.Font[]>();

/** The face's subset fonts, latin first, opened once. */
function fontsFor(face: { weight: number; style: FontStyle }): fontkit.Font[] {
  const key = `${face.weight} ${face.style}`;
  let fonts = facesOpened.get(key);
  if (!fonts) {
    fonts = fontFiles()
      .filter((f) => f.weight === face.weight && f.style === face.style)
      .map((f) => {
        try {
          return openFont(f.path);
        } catch (error) {
          throw new EnvironmentError(msg.fontUnreadable(f.path, (error as Error).message));
        }
      });
    facesOpened.set(key, fonts);
  }
  return fonts;
}

/** Widths in em per face and text; vega measures the same labels over and over. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 20_000;

const emsWide = (font: fontkit.Font, run: string) => font.layout(run).advanceWidth / font.unitsPerEm;

/** Text width in em for one face, subset by subset as a browser lays it out. */
function textEms(text: string, fonts: fontkit.Font[]): number {
  // Each subset is its own font to the browser: kerning applies within a run of one subset only.
  let width = 0;
  let run = "";
  let runFont: fontkit.Font | undefined;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    // A character no subset has is measured with the first font's .notdef, as the printer would draw it.
    const font = fonts.find((f) => f.hasGlyphForCodePoint(codePoint)) ?? fonts[0]!;
    if (runFont && font !== runFont) {
      width += emsWide(runFont, run);
      run = "";
    }
    runFont = font;
    run += char;
  }
  return runFont ? width + emsWide(runFont, run) : width;
}

/** Width in CSS px of one line of text in the body font, with real advances and kerning. */
export function measureText(text: string, style: TextStyle): number {
  if (text === "" || style.size <= 0) return 0;
  const face = faceFor(style.weight ?? 400, style.italic ?? false);
  const key = `${face.weight} ${face.style} ${text}`;
  let ems = widthCache.get(key);
  if (ems === undefined) {
    ems = textEms(text, fontsFor(face));
    if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
    widthCache.set(key, ems);
  }
  return ems * style.size;
}
