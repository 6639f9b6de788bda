/**
 * Chart specs are Vega-Lite files under templates/charts/, data left out ("data": {"name": "rows"}).
 * Their "usermeta" carries the Dutch words the code needs around the picture: what a category is
 * called, the table headings, and how a respondent's own answer reads.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { RenderError } from "../errors.ts";
import * as msg from "../messages.ts";

export const CHART_DIR = fileURLToPath(new URL("../../templates/charts/", import.meta.url));

export interface ChartMeta {
  /**
   * "descending": largest share first (of the broadest group where
   * groups are compared); "given": the rows' (codebook) order.
   */
  sort: "descending" | "given";
  noun: { singular: string; plural: string };
  table: { category: string; count: string; share: string };
  /**
   * How the fact sheet's own respondent answered, where the chart
   * shows one; "counted" reads "G012 {counted} 8 van de 21 …".
   */
  subject?: { yes: string; no: string; counted: string };
}

export interface LoadedSpec {
  file: string;
  spec: TopLevelSpec;
  meta: ChartMeta;
}

const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

function metaProblems(meta: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  const noun = meta.noun as Record<string, unknown> | undefined;
  const table = meta.table as Record<string, unknown> | undefined;
  const subject = meta.subject as Record<string, unknown> | undefined;
  need(meta.sort === "descending" || meta.sort === "given", `usermeta.sort "descending" or "given"`);
  need(isText(noun?.singular) && isText(noun?.plural), "usermeta.noun {singular, plural}");
  need(
    isText(table?.category) && isText(table?.count) && isText(table?.share),
    "usermeta.table {category, count, share}",
  );
  need(
    subject === undefined || (isText(subject.yes) && isText(subject.no) && isText(subject.counted)),
    "usermeta.subject {yes, no, counted} or none",
  );
  return problems;
}

/** JSON.parse names an offset; an author wants line and column. */
function jsonErrorAt(text: string, error: Error): { line?: number; column?: number } {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return {};
  const before = text.slice(0, Number(position[1])).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

export async function loadSpec(name: string, document: string, chartDir: string = CHART_DIR): Promise<LoadedSpec> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new RenderError(msg.badSpecName(name), document);
  const file = join(chartDir, `${name}.vl.json`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new RenderError(msg.noSpec(name, file), document, { file });
  }
  let spec: TopLevelSpec & { usermeta?: Record<string, unknown> };
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new RenderError(msg.specNotJson((error as Error).message), document, {
      file,
      ...jsonErrorAt(text, error as Error),
    });
  }
  const data = (spec as { data?: { name?: string } }).data;
  if (data?.name !== "rows") throw new RenderError(msg.specData(), document, { file });
  const problems = metaProblems(spec.usermeta ?? {});
  if (problems.length) throw new RenderError(msg.specLacks(problems), document, { file });
  return { file, spec, meta: spec.usermeta as unknown as ChartMeta };
}
