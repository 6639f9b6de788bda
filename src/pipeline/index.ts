/**
 * `build`: the data folder → every output of this build. Each output comes from a producer
 * (src/outputs/producer.ts: a document, a page of the web edition, the errata…) that returns its files;
 * they leave the build through one output folder (output-folder.ts), and the manifest lists them. A build
 * runs in five phases, each a function with its own inputs and outputs:
 *
 *   1. plan      data → model → the documents of this build (jobs.ts); then, holding the output
 *                folder's lock (lock.ts), which of them need printing: a producer whose input key and
 *                files are unchanged is not run again (produce.ts)
 *   2. shared    the outputs every build with the bijlage writes: errata.md, the web copy's fonts
 *   3. print     the documents to print, through one browser, finished, checked and written;
 *                a document that fails does not stop the others
 *   4. web       the web edition (web.ts), from the same model: its pages while Chromium prints (3),
 *                then the copies of the PDFs it links to
 *   5. manifest  what was made, kept and left alone → manifest.json and fiches/index.csv; after
 *                a build that succeeded, what a rebuild with nothing changed would say (up-to-date.ts)
 *
 * The stages inside a document (load → validate → aggregate → charts → templates → print) are in
 * src/documents/; the exit code says whether something failed.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError, OutputError } from "../errors.ts";
import { exitOnSignals } from "../exit-on-signal.ts";
import { makes } from "../outputs/kinds.ts";
import type { Producer } from "../outputs/producer.ts";
import { Printer } from "../print/printer.ts";
import { StageTimer } from "../timings.ts";
import { fontsToCopy, printAssetDirs } from "../documents/context.ts";
import { prepare, type Prepared } from "../documents/prepare.ts";
import { writeFicheIndex } from "./fiche-index.ts";
import { sha256 } from "./inputs.ts";
import { documentJobs, ficheFiles, type DocumentJob, type PrintTools } from "./jobs.ts";
import { lockOutput } from "./lock.ts";
import { readManifest, serializeManifest, type Manifest, type ManifestEntry } from "./manifest.ts";
import type { BuildOptions } from "./options.ts";
import { OutputFolder } from "./output-folder.ts";
import { runPool } from "./pool.ts";
import {
  changed,
  emptyOutcome,
  previousOutputs,
  produce,
  type Failure,
  type Outcome,
  type PreviousOutputs,
} from "./produce.ts";
import { createProgress } from "./progress.ts";
import { inShard } from "./shard.ts";
import { buildStamp, forgetUpToDate, recordUpToDate, type Stamp } from "./up-to-date.ts";
import { buildWeb, WEB_DIR, type WebOutcome } from "./web.ts";
import * as msg from "../messages.ts";

/** Finishing and checking PDFs loads pdf-lib: only a build that prints needs it. */
const finishing = () => import("../finish/index.ts");

export type { BuildOptions } from "./options.ts";

export interface BuildResult {
  /** Requests documents tried to make and did not get (see src/print/pdf.ts), by document. */
  blocked: { path: string; url: string; reason: string }[];
  printed: string[];
  skipped: string[];
  failed: Failure[];
  timer: StageTimer;
  printMs: number;
  /** Parts of the web edition written and left unchanged, when it was built. */
  web?: { written: number; unchanged: number };
}

/** What phase 1 decides: everything the later phases act on. */
interface BuildPlan {
  prepared: Prepared;
  date: Date;
  /** The documents of this build (after --ids, --only and --shard). */
  selected: DocumentJob[];
  toPrint: DocumentJob[];
  previous: Manifest | undefined;
  /** What each producer made in the last build. */
  before: PreviousOutputs;
  /** Of the code (src/, package-lock.json): part of every input key. */
  codeVersion: string;
  /** Warnings on the data and on the printed claims, as logged. */
  notices: string[];
}

const log = (options: BuildOptions, line: string) => {
  if (!options.quiet) console.error(line);
};

/**
 * `stamp`: the inputs as the CLI's up-to-date check read them. It is taken before the data is read, so
 * that the record of this build never vouches for inputs edited while it ran.
 */
export async function build(options: BuildOptions, stamp = buildStamp(options)): Promise<BuildResult> {
  const timer = new StageTimer();
  const folder = new OutputFolder(options.outDir);
  const printers = lazyPrinter(options);
  let unlock = async (): Promise<void> => undefined;
  try {
    // With --force, or no earlier build, every document is printed: the browser starts now and
    // gets ready while this thread loads the data and hashes the inputs.
    const startPrinter = () => {
      if (options.only !== "web") printers.get();
    };
    if (options.force || !existsSync(folder.pathOf("manifest.json"))) startPrinter();
    stamp.catch(() => undefined); // a refused build says why in phase 1
    const selection = await selectDocuments(options, timer, stamp); // 1
    // Taken once the data and the options are known good, so that a refused build writes nothing.
    unlock = await lockOutput(options.outDir);
    await forgetUpToDate(options.outDir);
    const plan = await comparePrevious(selection, options, folder, startPrinter);
    const shared = await writeSharedOutputs(plan, options, folder); // 2
    const blocked: BuildResult["blocked"] = [];
    const printing = printDocuments(plan, options, folder, { printer: printers.get, blocked }, timer); // 3
    const pdfsWritten = printing.then(
      () => undefined,
      () => undefined,
    );
    const webEdition = buildWebEdition(plan, options, folder, pdfsWritten); // 4, while 3 runs
    // A build stopped while printing lets the web edition end before the lock is given back.
    const printed = await printing.finally(() => webEdition.catch(() => undefined));
    const web = await webEdition;
    await writeManifest(plan, options, folder, [shared, printed, ...(web ? [web] : [])]); // 5
    const written = new Set(printed.written);
    const skipped = plan.selected.filter((job) => !written.has(job.name)).map((job) => job.name);
    const failed = [...printed.failed, ...(web?.failed ?? [])];
    if (failed.length === 0) await recordUpToDate(options, await stamp, noChangeLog(plan, options, web));
    const webCounts = web && { written: web.written.length, unchanged: web.unchanged };
    return { blocked, printed: printed.written, failed, skipped, timer, printMs: timer.ms.print, web: webCounts };
  } finally {
    await printers.close();
    await unlock();
  }
}

/** The build's printer, started on first use; one passed in (the benchmark's warm runs) is left open. */
function lazyPrinter(options: BuildOptions) {
  let printer = options.printer;
  return {
    get: (): Printer => {
      if (!printer) {
        printer = new Printer({
          assetDirs: printAssetDirs(),
          pages: options.concurrency,
          onRetry: (name, attempt, error) => log(options, msg.printRetry(name, attempt, error)),
        });
        void printer.start();
      }
      return printer;
    },
    close: async () => {
      if (!options.printer) await printer?.close();
    },
  };
}

// 1. Plan ------------------------------------------------------------------------------------------

type Selection = Pick<BuildPlan, "prepared" | "date" | "selected" | "codeVersion" | "notices">;

/** The data through the stages to the documents of this build; nothing is written. */
async function selectDocuments(options: BuildOptions, timer: StageTimer, stamp: Promise<Stamp>): Promise<Selection> {
  const prepared = await prepare({ dataDir: options.dataDir, templatesDir: options.templatesDir, timer });
  const notices = [
    ...(prepared.survey.warnings ?? []).map(msg.dataWarning),
    ...prepared.model.failedClaims.map((claim) => msg.claimNoLongerHolds(claim.section, claim.statement)),
  ];
  for (const notice of notices) log(options, notice);
  const { date, codeVersion } = await stamp;
  const selected = inShard(await documentJobs(prepared, options, { codeVersion, date }), options.shard);
  return { prepared, date, selected, codeVersion, notices };
}

/** Which of the selected documents need printing, against the manifest of the last build. */
async function comparePrevious(
  selection: Selection,
  options: BuildOptions,
  folder: OutputFolder,
  onChange: () => void,
): Promise<BuildPlan> {
  const previous = await readManifest(folder.pathOf("manifest.json"));
  const before = previousOutputs(previous);
  // The browser starts as soon as one document is known to print, while the rest are checked.
  const { selected } = selection;
  const toPrint = options.force ? selected : await changed(selected, before, folder, onChange);
  return { ...selection, toPrint, previous, before };
}

// 2. Shared outputs --------------------------------------------------------------------------------

function sharedProducers({ prepared }: BuildPlan): Producer[] {
  const errata = prepared.reconciliation.markdown;
  return [
    {
      name: "errata.md",
      inputKey: sha256(errata),
      make: async () => [{ path: "errata.md", kind: "errata", content: errata }],
    },
    {
      name: "assets/fonts",
      inputKey: "",
      make: () =>
        Promise.all(
          fontsToCopy().map(async (f) => ({ path: f.to, kind: "asset" as const, content: await readFile(f.from) })),
        ),
    },
  ];
}

async function writeSharedOutputs(plan: BuildPlan, options: BuildOptions, folder: OutputFolder): Promise<Outcome> {
  const outcome = emptyOutcome();
  if (!makes("errata", options)) return outcome;
  for (const producer of sharedProducers(plan)) {
    outcome.names.push(producer.name);
    outcome.entries.push(...(await produce(producer, undefined, folder)));
    outcome.written.push(producer.name);
  }
  return outcome;
}

// 3. Print -----------------------------------------------------------------------------------------

async function printDocuments(
  plan: BuildPlan,
  options: BuildOptions,
  folder: OutputFolder,
  { printer, blocked }: { printer: () => Printer; blocked: BuildResult["blocked"] },
  timer: StageTimer,
): Promise<Outcome> {
  const outcome = { ...emptyOutcome(), names: plan.selected.map((job) => job.name) };
  const { toPrint, selected } = plan;
  if (toPrint.length === 0) return outcome;
  const skipped = selected.length - toPrint.length;
  log(options, msg.printing(toPrint.length, selected.length, skipped, options.concurrency));
  const progress = options.quiet ? { done() {}, finish() {} } : createProgress("print", toPrint.length);
  const { finishPdf } = await finishing();
  // Compiled before the first document, so a template that does not parse stops the build (exit 4).
  await plan.prepared.renderer();
  const started = performance.now();
  // An output that cannot be written, or a browser that cannot be had, stops the batch: the
  // documents after it would fail alike.
  let stopped: OutputError | EnvironmentError | undefined;
  try {
    // Twice as many documents in hand as Chromium prints: while it prints, this process makes the
    // next documents' HTML and finishes the last ones' PDFs, so no page waits for either.
    await runPool(toPrint, 2 * options.concurrency, async (job) => {
      if (stopped) return;
      const tools: PrintTools = {
        printer: printer(),
        finishPdf,
        onBlocked: (request) => {
          blocked.push({ path: job.name, ...request });
          log(options, msg.blockedRequest(job.name, request.url, request.reason));
        },
      };
      try {
        outcome.entries.push(...(await produce(job, tools, folder)));
        outcome.written.push(job.name);
        progress.done(job.name, true);
      } catch (error) {
        if (error instanceof OutputError || error instanceof EnvironmentError) {
          stopped ??= error;
          return;
        }
        outcome.failed.push({ path: job.name, message: (error as Error).message });
        progress.done(job.name, false);
      }
      timer.sample();
    });
  } finally {
    progress.finish();
  }
  // Thrown before the manifest is written: the one from the last build still describes the outputs it kept.
  if (stopped) throw stopped;
  timer.ms.print = performance.now() - started;
  return outcome;
}

// 4. Web edition ---------------------------------------------------------------------------------

async function buildWebEdition(
  plan: BuildPlan,
  options: BuildOptions,
  folder: OutputFolder,
  pdfsWritten: Promise<void>,
): Promise<WebOutcome | undefined> {
  if (!makes("web", options)) return undefined;
  const { prepared, date, codeVersion, before } = plan;
  const ficheFile = ficheFiles(prepared, options);
  const web = await buildWeb(
    prepared,
    { folder, date, codeVersion, before, force: options.force, ficheFile },
    pdfsWritten,
  );
  log(options, msg.webBuilt(web.written.length, web.unchanged, join(options.outDir, WEB_DIR)));
  for (const notice of webNotices(web)) log(options, notice);
  return web;
}

const webNotices = (web: WebOutcome) =>
  web.missingPdfs.length ? [msg.webMissingPdfs(web.missingPdfs.length, web.missingPdfs[0]!)] : [];

// 5. Manifest --------------------------------------------------------------------------------------

async function writeManifest(plan: BuildPlan, options: BuildOptions, folder: OutputFolder, outcomes: Outcome[]) {
  const partial = Boolean(options.ids || options.only || options.shard);
  const names = outcomes.flatMap((o) => o.names);
  const fresh = outcomes.flatMap((o) => o.entries);
  const manifest = composeManifest(plan.date, plan.previous, names, fresh, partial);
  await folder.write({ path: "manifest.json", kind: "manifest", content: serializeManifest(manifest) }, "");
  await writeFicheIndex(folder, manifest);
}

/**
 * The manifest after a build: the entries it wrote; for a producer it looked at and did not run (unchanged,
 * or failed, whose last good files stay) the entries its last run left; and, after a partial build (some
 * ids, one kind, one shard), every entry of the producers it did not look at. A full build drops the
 * entries of documents that no longer exist.
 */
export function composeManifest(
  date: Date,
  previous: Manifest | undefined,
  names: string[],
  fresh: ManifestEntry[],
  partial: boolean,
): Manifest {
  const before = previousOutputs(previous);
  const entries = new Map(fresh.map((e) => [e.path, e]));
  const looked = new Set(names.flatMap((name) => [name, ...before.of(name).map((e) => e.path)]));
  const kept = names.filter((name) => !entries.has(name)).flatMap((name) => before.of(name));
  const untouched = partial ? (previous?.entries ?? []).filter((e) => !looked.has(e.path)) : [];
  for (const entry of [...kept, ...untouched]) if (!entries.has(entry.path)) entries.set(entry.path, entry);
  return { sourceDate: date.toISOString(), entries: [...entries.values()] };
}

/** What this build would say if it ran again with nothing changed, up to its stage times. */
function noChangeLog(plan: BuildPlan, options: BuildOptions, web: WebOutcome | undefined): string[] {
  const webLog = web
    ? [msg.webBuilt(0, web.written.length + web.unchanged, join(options.outDir, WEB_DIR)), ...webNotices(web)]
    : [];
  return [...plan.notices, ...webLog, msg.built(0, plan.selected.length, 0, options.outDir)];
}

export async function runBuild(options: BuildOptions, stamp?: Promise<Stamp>): Promise<number> {
  exitOnSignals();
  const result = await build(options, stamp);
  const { timer } = result;
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const stages = Object.entries(timer.ms).map(([stage, ms]) => `${stage} ${seconds(ms)}`);
  console.error(msg.built(result.printed.length, result.skipped.length, result.failed.length, options.outDir));
  console.error(msg.stageTimes(stages, Math.round(timer.peakRss / 2 ** 20)));
  if (result.failed.length > 0) {
    console.error(msg.documentsFailed(result.failed.length));
    for (const f of result.failed) console.error(`  ${f.path}: ${f.message}`);
    return 1;
  }
  return 0;
}
