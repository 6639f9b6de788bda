/**
 * `npm run bench`: the speed and memory targets, measured in one run on this machine.
 *
 *   floor     Chromium alone printing exactly the HTML the build printed (--keep-html), warm browser,
 *             same concurrency: the cost no pipeline can go under.
 *   pipeline  the full build, cold (bijlage + every fact sheet, --force), with its stages.
 *   naive     a browser launched for every document.
 *   warm      the bijlage alone, and the fact sheets alone, with a browser already running.
 *   --scale N[,M…]  fact sheets for N synthetic respondents (scripts/synthesize.ts): seconds per 1,000
 *             and peak memory, to show time grows linearly and memory stays flat. --scale-only skips
 *             the rest (a 10,000-respondent run takes about 40 minutes on 2 cores).
 *
 * Memory is the peak proportional set size (PSS) of this process and every Chromium process under
 * it, sampled from /proc once a second: reading PSS costs about 10 ms of CPU per process, and sampling
 * faster would slow the very build it measures. PSS, not RSS: Chromium's processes share most of their pages
 * (one binary, forked from one zygote), and adding their RSS would count those pages once per process.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { build, type BuildOptions } from "../src/build/index.ts";
import { printAssetDirs, projectRoot } from "../src/build/context.ts";
import { runPool } from "../src/build/pool.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { printPdf } from "../src/print/pdf.ts";
import { Printer } from "../src/print/printer.ts";
import { synthesize } from "./synthesize.ts";

const { values } = parseArgs({ options: { scale: { type: "string" }, "scale-only": { type: "boolean", default: false }, concurrency: { type: "string" } } });
const concurrency = Number(values.concurrency ?? availableParallelism());
const dataDir = join(projectRoot, "data");

/** Proportional memory of this process and all its descendants, in bytes. */
async function treeMemory(): Promise<number> {
  const pids = await readdir("/proc").then((names) => names.filter((n) => /^\d+$/.test(n)));
  const parent = new Map<number, number>();
  const pss = new Map<number, number>();
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        parent.set(Number(pid), Number(fields[1]));
        const kb = /^Pss:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, "utf8"));
        pss.set(Number(pid), Number(kb?.[1] ?? 0) * 1024);
      } catch {
        // The process ended while we looked.
      }
    }),
  );
  let total = 0;
  for (const [pid, bytes] of pss) {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakBytes: number }> {
  let peakBytes = await treeMemory();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakBytes = Math.max(peakBytes, await treeMemory());
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const started = performance.now();
  try {
    const value = await work();
    return { value, seconds: (performance.now() - started) / 1000, peakBytes };
  } finally {
    sampling = false;
    await sampler;
  }
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => join(e.parentPath, e.name)).sort();
}

/**
 * Chromium alone: print every file with a warm browser, on as many pages as the build uses and fed
 * the same way (twice as many files in hand as pages), so that no page waits for this process.
 */
async function floor(files: string[]): Promise<number> {
  const printer = new Printer({ assetDirs: printAssetDirs(), pages: concurrency });
  try {
    const html = await Promise.all(files.map((file) => readFile(file, "utf8")));
    await runPool(html.slice(0, concurrency), concurrency, async (doc) => void (await printer.print(doc, "warm-up")));
    const started = performance.now();
    await runPool(html.keys(), 2 * concurrency, async (i) => void (await printer.print(html[i]!, files[i]!)));
    return (performance.now() - started) / 1000;
  } finally {
    await printer.close();
  }
}

/** The naive way: a fresh browser for every document. */
async function naive(files: string[]): Promise<number> {
  const started = performance.now();
  await runPool(files, concurrency, async (file) => {
    const browser = await launchBrowser();
    try {
      await printPdf(browser, await readFile(file, "utf8"), { assetDirs: printAssetDirs(), name: file });
    } finally {
      await browser.close();
    }
  });
  return (performance.now() - started) / 1000;
}

const base = (out: string): BuildOptions => ({ dataDir, outDir: out, keepHtml: false, force: true, concurrency, quiet: true });
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);

async function main(): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), "vvsg-bench-"));
  try {
    console.log(`benchmark: ${concurrency} documents at a time, ${availableParallelism()} cores, Node ${process.version}\n`);
    if (!values["scale-only"]) await standard(out);
    if (values.scale) await scale(values.scale);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function standard(out: string): Promise<void> {
  const cold = await measured(() => build({ ...base(out), keepHtml: true }));
  const docs = cold.value.printed.length;
  console.log(`pipeline, cold (load → print, ${docs} documents):`);
  line("wall time", s(cold.seconds));
  for (const [stage, ms] of Object.entries(cold.value.timer.ms)) line(`  ${stage}`, s(ms / 1000));
  line("peak memory (node + Chromium, PSS)", mib(cold.peakBytes));
  line("peak memory (node alone, RSS)", mib(cold.value.timer.peakRss));
  if (cold.value.failed.length) throw new Error(`the build failed: ${cold.value.failed.map((f) => f.path).join(", ")}`);

  const kept = await htmlFiles(join(out, "html"));
  const ficheHtml = kept.filter((f) => relative(join(out, "html"), f).startsWith("fiches/"));
  const floorAll = await floor(kept);
  const floorFiches = await floor(ficheHtml);
  console.log(`\nChromium's floor (the same ${kept.length} HTML files, warm browser):`);
  line("all documents", s(floorAll));
  line(`fact sheets only (${ficheHtml.length})`, s(floorFiches));

  const printer = new Printer({ assetDirs: printAssetDirs(), pages: concurrency });
  try {
    await build({ ...base(out), only: "bijlage", printer }); // starts the browser: the runs below are warm
    const bijlage = await measured(() => build({ ...base(out), only: "bijlage", printer }));
    const fiches = await measured(() => build({ ...base(out), only: "fiches", printer }));
    console.log("\nwarm browser:");
    line("bijlage alone (target < 2 s)", s(bijlage.seconds));
    line(`fact sheets alone (${ficheHtml.length})`, s(fiches.seconds));
    line("fact sheets / floor (target ≤ 1.3)", (fiches.seconds / floorFiches).toFixed(2));
  } finally {
    await printer.close();
  }

  const naiveSeconds = await naive(kept);
  console.log("\nnaive baseline (a browser per document):");
  line("all documents", s(naiveSeconds));

  const nothing = await measured(() => build({ ...base(out), force: false }));
  console.log("\nratios:");
  line("pipeline cold / floor (target ≤ 1.3)", (cold.seconds / floorAll).toFixed(2));
  line("naive / pipeline cold (target ≥ 8)", (naiveSeconds / cold.seconds).toFixed(1));
  line("peak memory (target < 1 GiB)", mib(cold.peakBytes));
  line("rebuild, nothing changed / cold (target ≤ 0.1)", `${(nothing.seconds / cold.seconds).toFixed(3)} (${s(nothing.seconds)})`);
}

async function scale(sizes: string): Promise<void> {
  console.log("\nscale (fact sheets of synthetic respondents, cold):");
  for (const n of sizes.split(",").map(Number)) {
    const scaleData = await mkdtemp(join(tmpdir(), "vvsg-scale-data-"));
    const scaleOut = await mkdtemp(join(tmpdir(), "vvsg-scale-out-"));
    try {
      await synthesize({ from: dataDir, to: scaleData, respondents: n, seed: 2008 });
      const run = await measured(() => build({ ...base(scaleOut), dataDir: scaleData, only: "fiches" }));
      line(`${n} respondents`, `${s(run.seconds)}, ${(run.seconds / (n / 1000)).toFixed(1)} s per 1,000, peak ${mib(run.peakBytes)}`);
    } finally {
      await rm(scaleData, { recursive: true, force: true });
      await rm(scaleOut, { recursive: true, force: true });
    }
  }
}

await main();
