/**
 * A chart spec plus rows → inline SVG with the words around it. Vega-Lite compiles the spec, vega
 * lays it out in Node (no browser, no canvas) with the body font's metrics, and the result is
 * checked before anyone prints it: no cut label, no overlapping labels.
 */
import { createHash } from "node:crypto";
import type * as Vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { RenderError } from "../errors.ts";
import { altText, dataTable, type ChartTable } from "./describe.ts";
import { outside, overlappingPairs, textBoxes, type SceneMark } from "./layout.ts";
import { useBodyFontMetrics } from "./metrics.ts";
import { rowProblems, toDatums, type ChartDatum, type ChartRow } from "./rows.ts";
import { loadSpec, type LoadedSpec } from "./spec.ts";
import { accessibleSvg } from "./svg.ts";
import { theme } from "./theme.ts";
import * as msg from "../messages.ts";

export type { ChartRow } from "./rows.ts";
export type { ChartTable } from "./describe.ts";

export interface ChartOptions {
  /** Names the chart: the SVG's <title> and the caption the template prints. */
  title: string;
  /** What is measured, of whom: opens the SVG's <desc>, followed by the alt sentence. */
  description: string;
  /** Total width in CSS px; set it to the column width so 12 px text prints at 9 pt. */
  width?: number;
  /** Where the specs are: templates/charts of the templates in use (default: the project's). */
  chartDir?: string;
}

export interface Chart {
  svg: string;
  title: string;
  /** What the chart shows, in a sentence computed from the rows. */
  alt: string;
  table: ChartTable;
}

/** The A4 text column (about 159 mm) in CSS px. */
export const DEFAULT_WIDTH = 600;

type Config = Record<string, unknown>;
const isPlain = (v: unknown): v is Config => typeof v === "object" && v !== null && !Array.isArray(v);

/** The theme under the spec's own config, one level deep (axis, legend, …), the spec winning. */
function withTheme(specConfig: Config | undefined): Config {
  const merged: Config = { ...theme };
  for (const [key, value] of Object.entries(specConfig ?? {})) {
    const base = merged[key];
    merged[key] = isPlain(base) && isPlain(value) ? { ...base, ...value } : value;
  }
  return merged;
}

/**
 * Vega-Lite says it drops "fit-y" whenever the height is set by a step, even for autosize "fit-x",
 * which asks for no fit-y: the one warning that says nothing about the spec.
 */
const HARMLESS = /^Dropping "fit-y"/;

/**
 * vega and vega-lite, loaded with the first chart rather than with this module: a build with
 * nothing to print, and validate, never load them (some 0.3 s).
 */
let libraries: Promise<{ vega: typeof Vega; compile: typeof import("vega-lite").compile }> | undefined;
const loadVega = () =>
  (libraries ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => ({
    vega,
    compile: vegaLite.compile,
  })));

/** Collects what vega and vega-lite would print, so a chart that draws with warnings fails instead. */
function strictLogger(vega: typeof Vega, messages: string[]) {
  let level = vega.Warn;
  const note = (...args: unknown[]) => {
    const message = args.map(String).join(" ");
    if (!HARMLESS.test(message)) messages.push(message);
    return logger;
  };
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error: note,
    warn: note,
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

interface Drawing {
  svg: string;
  width: number;
  height: number;
  root: SceneMark;
  /** Where the scenegraph's (0, 0) lies in the SVG. */
  origin: [number, number];
}

/**
 * Compiled and parsed specs, by their JSON. Data come in at run time ("rows"), so every fact sheet
 * draws the same spec: it is compiled once, not once a sheet (`npm run bench` shows the charts stage). Bounded,
 * for the preview, which sees a new version of a spec at every edit.
 */
const runtimes = new Map<string, Vega.Runtime>();
const RUNTIMES_KEPT = 64;

/** The value kept under `key`, or a new one made and kept; a full cache starts again from empty. */
function kept<V>(cache: Map<string, V>, limit: number, key: string, make: () => V): V {
  const found = cache.get(key);
  if (found !== undefined) return found;
  const made = make();
  if (cache.size >= limit) cache.clear();
  cache.set(key, made);
  return made;
}

function compiled(
  { vega, compile }: Awaited<ReturnType<typeof loadVega>>,
  spec: TopLevelSpec,
  fail: (message: string) => never,
): Vega.Runtime {
  return kept(runtimes, RUNTIMES_KEPT, JSON.stringify(spec), () => {
    const messages: string[] = [];
    let runtime: Vega.Runtime;
    try {
      runtime = vega.parse(compile(spec, { logger: strictLogger(vega, messages) }).spec);
    } catch (error) {
      fail(msg.specDoesNotCompile((error as Error).message));
    }
    if (messages.length) fail(msg.specWarnings(messages));
    return runtime;
  });
}

async function draw(
  spec: TopLevelSpec,
  datums: ChartDatum[],
  width: number,
  fail: (message: string) => never,
): Promise<Drawing> {
  const libraries = await loadVega();
  const { vega } = libraries;
  useBodyFontMetrics(vega);
  const messages: string[] = [];
  const logger = strictLogger(vega, messages);
  const sized = {
    ...spec,
    width,
    // resize: value labels past the bar ends move when the width is fitted, so lay out again.
    autosize: { type: "fit-x", contains: "padding", resize: true },
    config: withTheme((spec as { config?: Config }).config),
  } as TopLevelSpec;
  const runtime = compiled(libraries, sized, fail);
  const view = new vega.View(runtime, { renderer: "none", logger });
  try {
    view.data("rows", datums);
    await view.runAsync();
    if (messages.length) fail(msg.vegaWarns(messages));
    // Clip and gradient ids count up per process; reset them so equal rows give equal SVG.
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    const padding = view.padding() as { left: number; top: number };
    const [x, y] = view.origin();
    const size = (name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(svg)?.[1]);
    return {
      svg,
      width: size("width"),
      height: size("height"),
      root: (view.scenegraph() as unknown as { root: SceneMark }).root,
      origin: [padding.left + x, padding.top + y],
    };
  } finally {
    view.finalize();
  }
}

/**
 * Finished charts by a hash of their spec, rows and options: an unchanged chart is not laid out
 * again (the preview at every reload, a second build in one process). Bounded: a build of many fact
 * sheets draws each chart once.
 */
const drawn = new Map<string, Promise<Chart>>();
const CHARTS_KEPT = 512;

/** Forgets every finished chart (the benchmark's cold builds draw theirs anew). */
export function forgetCharts(): void {
  drawn.clear();
}

export async function renderChart(specName: string, rows: ChartRow[], options: ChartOptions): Promise<Chart> {
  const document = `chart "${options.title}" (${specName})`;
  const loaded = await loadSpec(specName, document, options.chartDir);
  const key = createHash("sha256")
    .update(JSON.stringify([loaded.spec, specName, options, rows]))
    .digest("hex");
  const chart = kept(drawn, CHARTS_KEPT, key, () => drawChart(specName, rows, options, document, loaded));
  // A chart that failed is drawn again next time: the preview shows the error until the spec is fixed.
  chart.catch(() => drawn.delete(key));
  return chart;
}

async function drawChart(
  specName: string,
  rows: ChartRow[],
  options: ChartOptions,
  document: string,
  { file, spec, meta }: LoadedSpec,
): Promise<Chart> {
  const fail = (message: string): never => {
    throw new RenderError(msg.chartFailed(document, message), document, { file });
  };
  const problems = rowProblems(rows, meta);
  if (problems.length) fail(problems.join("; "));

  const datums = toDatums(rows, meta);
  const { svg, width, height, root, origin } = await draw(spec, datums, options.width ?? DEFAULT_WIDTH, fail);

  const boxes = textBoxes(root, origin);
  const collisions = overlappingPairs(boxes);
  if (collisions.length) fail(msg.labelsOverlap(collisions.map(([a, b]) => [a.text, b.text])));
  const cut = outside(boxes, width, height);
  if (cut.length) fail(msg.labelsCut(cut.map((b) => b.text)));
  if (svg.includes("…") && !rows.some((r) => r.label.includes("…") || r.series?.includes("…")))
    fail(msg.labelEllipsis());

  const alt = altText(datums, meta);
  // Not from chartDir: the same chart gets the same id in any checkout.
  const named = { ...options, chartDir: undefined };
  const id = `chart-${createHash("sha256")
    .update(JSON.stringify([specName, named, rows]))
    .digest("hex")
    .slice(0, 12)}`;
  return {
    svg: accessibleSvg(svg, id, options.title, `${options.description} ${alt}`),
    title: options.title,
    alt,
    table: dataTable(datums, meta),
  };
}
