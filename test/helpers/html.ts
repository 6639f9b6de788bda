/**
 * Reading a hand-written HTML fixture back, as the build never does: its headings (what Chromium puts
 * in the PDF outline) and what each link target is called, for tests that print such a fixture.
 */
import { textOf } from "../../src/render/headings.ts";

export const headingTitles = (html: string) =>
  [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => textOf(m[2]!));

/** Headings by their text, figures by their caption, other targets as the link itself says. */
export function linkLabels(html: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const link of html.matchAll(/<a\b[^>]*\bhref="#([^"]+)"([^>]*)>([\s\S]*?)<\/a>/g)) {
    labels.set(link[1]!, textOf(/\baria-label="([^"]*)"/.exec(link[0])?.[1] ?? link[3]!));
  }
  for (const h of html.matchAll(/<h[1-6]\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h[1-6]>/g))
    labels.set(h[1]!, textOf(h[2]!));
  for (const f of html.matchAll(/<figure\b[^>]*\bid="([^"]+)"[^>]*>\s*<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/g))
    labels.set(f[1]!, textOf(f[2]!));
  return labels;
}
