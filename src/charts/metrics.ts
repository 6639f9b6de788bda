/**
 * Vega lays out axes, legends and autosize from text widths. Without a canvas in Node it guesses
 * 0.8 em per character, so labels would be placed for a font the page never uses; this hands it
 * the body font's real advances instead.
 */
import type * as Vega from "vega";
import { measureText } from "../assets/fonts.ts";

interface TextItem {
  fontWeight?: string | number;
  fontStyle?: string;
}

/** CSS font-weight as vega items carry it ("bold", 600, "600") to a number. */
function numericWeight(weight: string | number | undefined): number {
  if (weight === undefined || weight === "normal" || weight === "lighter") return 400;
  if (weight === "bold" || weight === "bolder") return 700;
  const n = Number(weight);
  return Number.isFinite(n) ? n : 400;
}

/** Width of one line of an item's text, trimmed as vega trims it before drawing. */
export function textWidth(vega: typeof Vega, item: TextItem, text: unknown): number {
  const line = text == null ? "" : String(text).trim();
  return measureText(line, {
    size: vega.fontSize(item),
    weight: numericWeight(item.fontWeight),
    italic: item.fontStyle === "italic" || item.fontStyle === "oblique",
  });
}

/** Idempotent; vega keeps one textMetrics object per process. */
export function useBodyFontMetrics(vega: typeof Vega): void {
  vega.textMetrics.width = (item: TextItem, text: unknown) => textWidth(vega, item, text);
}
