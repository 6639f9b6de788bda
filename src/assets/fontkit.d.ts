// fontkit 2 ships no types; this declares the part of its API the font metrics use.
declare module "fontkit" {
  export interface GlyphPosition {
    xAdvance: number;
  }
  export interface GlyphRun {
    advanceWidth: number;
    positions: GlyphPosition[];
  }
  export interface Font {
    unitsPerEm: number;
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }
  export function openSync(path: string): Font;
}
