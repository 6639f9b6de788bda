/**
 * `npm run bench`: the speed and memory targets, measured in one run on this machine.
 *
 *   floor     Chromium alone printing exactly the HTML the build printed (--keep-html), warm browser,
 *             same concurrency: the cost no pipeline can go under.
 *   pipeline  the full build, cold (bijlage + every fact sheet, --force, no browser running), with its
 *             stages: in this process, with the modules loaded, and as a user runs it: `npm run build`
 *             in a new process.
 *   CLI       as a user runs it, in new processes: a rebuild with nothing changed (`npm run build`
 *             and `node bin/vvsg-rapporten.mjs build`), `npm run validate`, and npm's own start-up
 *             (`npm run env`, a script that does next to nothing).
 *   naive     a browser launched for every document.
 *   warm      the bijlage alone, and the fact sheets alone, with a browser already running.
 *   --scale N[,M…]  fact sheets for N synthetic respondents (scripts/synthesize.ts): seconds per 1,000
 *             and peak memory, to show time grows linearly and memory stays flat. --scale-only skips
 *             the rest (a 10,000-respondent run takes about 10 minutes on 2 cores).
 *
 * --runs N (default 3): how often each timing is taken; the median and the range are shown.
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
import { execa } from "execa";
import { build, type BuildOptions, type BuildResult } from "../src/pipeline/index.ts";
import { forgetCharts } from "../src/charts/render.ts";
import { printAssetDirs, projectRoot } from "../src/documents/context.ts";
import { runPool } from "../src/pipeline/pool.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { printPdf } from "../src/print/pdf.ts";
import { Printer } from "../src/print/printer.ts";
import { synthesize } from "./synthesize.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    "scale-only": { type: "boolean", default: false },
    concurrency: { type: "string" },
    runs: { type: "string", default: "3" },
  },
});
const concurrency = Number(values.concurrency ?? availableParallelism());
const dataDir = join(projectRoot, "data");

/** Proportional memory of a process (this one by default) and all its descendants, in bytes. */
async function treeMemory(root = process.pid): Promise<number> {
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
      if (p === root) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

interface Measured<T> {
  value: T;
  seconds: number;
  peakBytes: number;
}

/** `work`'s wall time and the peak memory of the process tree under `root` (this process by default) meanwhile. */
async function measured<T>(work: () => Promise<T>, root?: () => number | undefined): Promise<Measured<T>> {
  let peakBytes = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const pid = root ? root() : process.pid;
      if (pid) peakBytes = Math.max(peakBytes, await treeMemory(pid));
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
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
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

const base = (out: string): BuildOptions => ({
  dataDir,
  outDir: out,
  keepHtml: false,
  force: true,
  concurrency,
  quiet: true,
});
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

async function main(): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), "vvsg-bench-"));
  try {
    console.log(
      `benchmark: ${concurrency} documents at a time, ${availableParallelism()} cores, Node ${process.version}\n`,
    );
    if (!values["scale-only"]) await standard(out);
    if (values.scale) await scale(values.scale);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** "6.10 s (5.90–6.80)": the median of the runs and their range. */
const spread = (values: number[]) =>
  `${s(median(values))} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;

/**
 * The CLI in a new process, as a user or CI runs it (`npm run build`): its wall time, the stage
 * times it prints, and the peak memory of its own process tree (not this process's).
 */
async function cliBuild(out: string): Promise<{ seconds: number; stages: string; peakBytes: number }> {
  const child = execa(
    "npm",
    ["run", "-s", "build", "--", "--data", dataDir, "--out", out, "--force", "--concurrency", String(concurrency)],
    { cwd: projectRoot, reject: false },
  );
  const {
    value: run,
    seconds,
    peakBytes,
  } = await measured(
    async () => await child,
    () => child.pid,
  );
  if (run.exitCode !== 0) throw new Error(`the CLI build failed:\n${run.stderr}`);
  return { seconds, stages: /^stages \(s\): (.*?);/m.exec(run.stderr)?.[1] ?? "", peakBytes };
}

/**
 * Every timing is taken RUNS times, the runs of the pipeline and the floor alternating: this
 * machine's speed drifts by some 15 % over minutes, and a ratio of two single runs drifts with it.
 */
async function standard(out: string): Promise<void> {
  const runs = Number(values.runs);
  const cold: Measured<BuildResult>[] = [];
  const cli: { seconds: number; stages: string; peakBytes: number }[] = [];
  const floorAll: number[] = [];
  const floorFiches: number[] = [];
  const warmBijlage: number[] = [];
  const warmFiches: number[] = [];
  let kept: string[] = [];
  let ficheHtml: string[] = [];
  for (let run = 0; run < runs; run++) {
    const runOut = join(out, `run-${run}`);
    forgetCharts();
    const result = await measured(() => build({ ...base(runOut), keepHtml: true }));
    if (result.value.failed.length)
      throw new Error(`the build failed: ${result.value.failed.map((f) => f.path).join(", ")}`);
    cold.push(result);
    cli.push(await cliBuild(join(out, `cli-${run}`)));
    kept = await htmlFiles(join(runOut, "html"));
    ficheHtml = kept.filter((f) => relative(join(runOut, "html"), f).startsWith("fiches/"));
    floorAll.push(await floor(kept));
    floorFiches.push(await floor(ficheHtml));
    // A browser of its own for the warm runs, closed before the next cold run starts.
    const printer = new Printer({ assetDirs: printAssetDirs(), pages: concurrency });
    try {
      await build({ ...base(runOut), only: "bijlage", printer }); // starts the browser: the runs below are warm
      warmBijlage.push((await measured(() => build({ ...base(runOut), only: "bijlage", printer }))).seconds);
      warmFiches.push((await measured(() => build({ ...base(runOut), only: "fiches", printer }))).seconds);
    } finally {
      await printer.close();
    }
  }

  const coldSeconds = cold.map((c) => c.seconds);
  const typical = cold.find((c) => c.seconds === median(coldSeconds))!;
  const peakBytes = Math.max(...cold.map((c) => c.peakBytes), ...cli.map((c) => c.peakBytes));
  console.log(
    `pipeline, cold (${typical.value.printed.length} documents, --force, a browser not yet started; ` +
      `${runs} runs, median and range):`,
  );
  line("in this process (modules loaded)", spread(coldSeconds));
  for (const [stage, ms] of Object.entries(typical.value.timer.ms)) line(`  ${stage}`, s(ms / 1000));
  line("the CLI in a new process (npm run build)", spread(cli.map((c) => c.seconds)));
  line("  its stages (median run)", cli.find((c) => c.seconds === median(cli.map((r) => r.seconds)))!.stages);
  line("peak memory (node + Chromium, PSS, either way)", mib(peakBytes));
  line("peak memory (node alone, RSS)", mib(Math.max(...cold.map((c) => c.value.timer.peakRss))));
  console.log("  (charts and templates are summed over the documents in hand at once, so they overlap print)");

  console.log(`\nChromium's floor (the same ${kept.length} HTML files, warm browser):`);
  line("all documents", spread(floorAll));
  line(`fact sheets only (${ficheHtml.length})`, spread(floorFiches));

  console.log("\nwarm browser:");
  line("bijlage alone (target < 2 s)", spread(warmBijlage));
  line(`fact sheets alone (${ficheHtml.length})`, spread(warmFiches));

  const naiveSeconds = await naive(kept);
  console.log("\nnaive baseline (a browser per document, once):");
  line("all documents", s(naiveSeconds));

  const nothingOut = join(out, "run-0");
  const nothing = await measured(() => build({ ...base(nothingOut), force: false }));
  const user = await asUser(join(out, "cli-0"), runs);
  const cliCold = median(cli.map((c) => c.seconds));
  console.log(`\nthe CLI as a user runs it, in new processes (${runs} runs each, alternating, median and range):`);
  line("npm run build, nothing changed", spread(user.npmBuild));
  line("node bin/vvsg-rapporten.mjs build, nothing changed", spread(user.binBuild));
  line("npm run validate", spread(user.validate));
  line("npm's own start-up (npm run env)", spread(user.npm));
  console.log("\nratios (of medians):");
  line("the CLI cold (npm run build) / floor (target ≤ 1.3)", (cliCold / median(floorAll)).toFixed(2));
  line("  pipeline cold in this process / floor", (median(coldSeconds) / median(floorAll)).toFixed(2));
  line("npm run build, nothing changed (target ≤ 0.5 s)", s(median(user.npmBuild)));
  line("  / the CLI cold (target ≤ 0.05)", (median(user.npmBuild) / cliCold).toFixed(3));
  line("node bin/… build, nothing changed (target ≤ 0.3 s)", s(median(user.binBuild)));
  line("npm run validate (target ≤ 0.4 s)", s(median(user.validate)));
  line("fact sheets warm / their floor (target ≤ 1.3)", (median(warmFiches) / median(floorFiches)).toFixed(2));
  line("naive / pipeline cold (target ≥ 8)", (naiveSeconds / median(coldSeconds)).toFixed(1));
  line("  naive / the CLI in a new process", (naiveSeconds / median(cli.map((c) => c.seconds))).toFixed(1));
  line("peak memory (target < 1 GiB)", mib(peakBytes));
  line(
    "rebuild, nothing changed, full comparison / cold (≤ 0.1)",
    `${(nothing.seconds / median(coldSeconds)).toFixed(3)} (${s(nothing.seconds)})`,
  );
}

/** Wall time of a command in a new process, in the project's folder. */
async function timed(file: string, args: string[]): Promise<number> {
  const started = performance.now();
  const run = await execa(file, args, { cwd: projectRoot, reject: false });
  if (run.exitCode !== 0) throw new Error(`${file} ${args.join(" ")} failed:\n${run.stderr}`);
  return (performance.now() - started) / 1000;
}

/** The commands a user types that print nothing, each in a new process, alternating. */
async function asUser(out: string, runs: number) {
  const times = { npmBuild: [] as number[], binBuild: [] as number[], validate: [] as number[], npm: [] as number[] };
  const buildArgs = ["--data", dataDir, "--out", out, "--concurrency", String(concurrency)];
  for (let run = 0; run < runs; run++) {
    times.npmBuild.push(await timed("npm", ["run", "-s", "build", "--", ...buildArgs]));
    times.binBuild.push(
      await timed(process.execPath, [join(projectRoot, "bin/vvsg-rapporten.mjs"), "build", ...buildArgs]),
    );
    times.validate.push(await timed("npm", ["run", "-s", "validate", "--", "--data", dataDir]));
    times.npm.push(await timed("npm", ["run", "-s", "env"]));
  }
  return times;
}

async function scale(sizes: string): Promise<void> {
  console.log("\nscale (fact sheets of synthetic respondents, cold):");
  for (const n of sizes.split(",").map(Number)) {
    const scaleData = await mkdtemp(join(tmpdir(), "vvsg-scale-data-"));
    const scaleOut = await mkdtemp(join(tmpdir(), "vvsg-scale-out-"));
    try {
      await synthesize({ from: dataDir, to: scaleData, respondents: n, seed: 2008 });
      const run = await measured(() => build({ ...base(scaleOut), dataDir: scaleData, only: "fiches" }));
      line(
        `${n} respondents`,
        `${s(run.seconds)}, ${(run.seconds / (n / 1000)).toFixed(1)} s per 1,000, peak ${mib(run.peakBytes)}`,
      );
    } finally {
      await rm(scaleData, { recursive: true, force: true });
      await rm(scaleOut, { recursive: true, force: true });
    }
  }
}

await main();
