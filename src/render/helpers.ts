/**
 * The only formatting the templates may do: Dutch figures and Dutch lists of things the model
 * already decided. No helper computes a figure; they turn model values into words.
 */
import Handlebars, { type HelperDelegate, type HelperOptions } from "handlebars";
import { capitalize, formatNumber, formatTenths, numberWord, ordinalWord } from "../format/number.ts";
import { formatShare, type Share } from "../aggregate/share.ts";
import { joinDutch } from "../format/list.ts";
import { fill } from "../format/fill.ts";

/** What {{sectionHeading}} needs of a document's outline (DocumentOutline, src/documents/outline.ts). */
interface HeadingPrinter {
  print(id: string): { level: number; html: string; number?: string };
}

function isShare(value: unknown): value is Share {
  return typeof value === "object" && value !== null && "count" in value && "base" in value && "tenths" in value;
}

function requireShare(value: unknown, helper: string): Share {
  if (!isShare(value))
    throw new Error(`{{${helper}}} needs a share (count, base, tenths), got ${JSON.stringify(value)}`);
  return value;
}

function requireCount(value: unknown, helper: string): number {
  if (typeof value === "number") return value;
  if (isShare(value)) return value.count;
  throw new Error(`{{${helper}}} needs a number or a share, got ${JSON.stringify(value)}`);
}

function requireList(value: unknown, helper: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`{{${helper}}} needs a list, got ${JSON.stringify(value)}`);
  return value;
}

export const helpers: Record<string, HelperDelegate> = {
  /** {{pct share}} → 48,6% */
  pct(value: unknown) {
    return formatShare(requireShare(value, "pct"));
  },
  /** {{num 1234}} → 1.234 */
  num(value: unknown) {
    return formatNumber(requireCount(value, "num"));
  },
  /** {{word 70}} → zeventig */
  word(value: unknown) {
    return numberWord(requireCount(value, "word"));
  },
  /** {{Word 70}} → Zeventig, at the start of a sentence */
  Word(value: unknown) {
    return capitalize(numberWord(requireCount(value, "Word")));
  },
  capitalize(value: unknown) {
    return capitalize(String(value));
  },
  /** {{plural n "gemeente" "gemeenten"}} */
  plural(value: unknown, singular: unknown, pluralForm: unknown) {
    return requireCount(value, "plural") === 1 ? String(singular) : String(pluralForm);
  },
  /** {{#join items}}…{{/join}}: each item rendered, joined as a Dutch list; {{else}} when empty. */
  join(this: unknown, items: unknown, options: HelperOptions) {
    const list = requireList(items, "#join");
    if (list.length === 0) return options.inverse(this);
    const conjunction = typeof options.hash.conjunction === "string" ? options.hash.conjunction : "en";
    return joinDutch(
      list.map((item, index) => options.fn(item, { data: { ...options.data, index, first: index === 0 } }).trim()),
      conjunction,
    );
  },
  /** {{fill text id=header.id}}: a text from the data folder with its placeholders filled in. */
  fill(text: unknown, options: HelperOptions) {
    if (typeof text !== "string") throw new Error(`{{fill}} needs a text, got ${JSON.stringify(text)}`);
    return fill(text, options.hash as Record<string, string | number>);
  },
  /** {{ordinal 3}} → derde */
  ordinal(value: unknown) {
    return ordinalWord(requireCount(value, "ordinal"));
  },
  /** {{#join (first list 2)}}: the first n items. */
  first(items: unknown, n: unknown) {
    return requireList(items, "first").slice(0, requireCount(n, "first"));
  },
  /** {{#join (skip list 2)}}: all items after the first n. */
  skip(items: unknown, n: unknown) {
    return requireList(items, "skip").slice(requireCount(n, "skip"));
  },
  /** {{#join (tail list)}}: all but the first item, where the first was named in the sentence before. */
  tail(items: unknown) {
    return requireList(items, "tail").slice(1);
  },
  /** Text inside a CSS string in a <style> element: HTML escaping would be wrong there, CSS escaping is needed. */
  cssString(value: unknown) {
    const escaped = String(value).replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
    return new Handlebars.SafeString(escaped);
  },
  eq(a: unknown, b: unknown) {
    return a === b;
  },
  gt(a: unknown, b: unknown) {
    return requireCount(a, "gt") > requireCount(b, "gt");
  },
  /** True when the share is exactly one half, where the print said "meer dan de helft". */
  isHalf(value: unknown) {
    const s = requireShare(value, "isHalf");
    return 2 * s.count === s.base;
  },
  /** {{difference relation}} → 23,4 procentpunten */
  points(value: unknown) {
    if (typeof value !== "number") throw new Error(`{{points}} needs tenths of a percentage point`);
    return formatTenths(value);
  },
  /**
   * {{sectionHeading "s2-3" class="chapter"}}: a heading the document's outline declares, at its level with its
   * title, noted as printed (src/documents/outline.ts) for the table of contents, the PDF outline and links.
   */
  sectionHeading(id: unknown, options: HelperOptions) {
    const outline = (options.data as { root: { outline?: HeadingPrinter } }).root.outline;
    if (!outline) throw new Error(`{{sectionHeading}} needs the document's outline in the context`);
    const { level, html, number } = outline.print(String(id));
    const className = typeof options.hash.class === "string" ? ` class="${options.hash.class}"` : "";
    const slot = number ? `<span class="section-number">${number}</span>` : "";
    return new Handlebars.SafeString(`<h${level} id="${id}"${className}>${slot}${html}</h${level}>`);
  },
  add(a: unknown, b: unknown) {
    return requireCount(a, "add") + requireCount(b, "add");
  },
};
