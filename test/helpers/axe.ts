/**
 * axe-core in the project's Chromium: the web edition's accessibility check. axe is injected into the
 * page here, in the test, so the published HTML carries no script of its own.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best practices. */
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending nodes. */
  targets: string[];
}

/** The axe violations of the HTML file at `path`, opened from the file system at `width` CSS pixels. */
export async function axeViolations(browser: Browser, path: string, width = 1280): Promise<AxeViolation[]> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    return await page.evaluate(async (tags) => {
      const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: AxeRawViolation[] }> } })
        .axe;
      type AxeRawViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
      const { violations } = await axe.run({ runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
      }));
    }, WCAG_22_AA);
  } finally {
    await page.close();
  }
}
