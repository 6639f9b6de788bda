/**
 * `build`: the bijlage and the fact sheets, from the data folder to PDFs. One build runs in four
 * phases, each a function with its own inputs and outputs:
 *
 *   1. plan      data → model → the documents of this build (jobs.ts); then, holding the output
 *                folder's lock (lock.ts), which of them need printing: a document whose input key
 *                and file are unchanged is not printed again
 *   2. shared    the outputs every build with the bijlage writes: errata.md, the web copy's fonts
 *   3. print     the documents to print, through one browser, finished and written atomically;
 *                a document that fails does not stop the others
 *   4. web       the web edition (web.ts), from the same model: its pages while Chromium prints (3),
 *                then the copies of the PDFs it links to
 *   5. manifest  what was printed, kept and left alone → manifest.json and fiches/index.csv; after
 *                a build that succeeded, what a rebuild with nothing changed would say (up-to-date.ts)
 *
 * The stages inside a document (load → validate → aggregate → charts → templates → print) are in
 * documents.ts; the exit code says whether something failed.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError, OutputError } from "../errors.ts";
import { exitOnSignals } from "../exit-on-signal.ts";
import { keywords } from "../model/codebook.ts";
import { Printer } from "../print/printer.ts";
import { fontsToCopy, printAssetDirs } from "../documents/context.ts";
import { prepare, type Prepared } from "../documents/prepare.ts";
import { writeFicheIndex } from "./fiche-index.ts";
import { sha256 } from "./inputs.ts";
import { documentJobs, ficheFiles, includesBijlage, includesWeb, type DocumentJob } from "./jobs.ts";
import { lockOutput } from "./lock.ts";
import { readManifest, serializeManifest, type Manifest, type ManifestEntry } from "./manifest.ts";
import type { FinishPdf } from "../finish/index.ts";
import type { BuildOptions } from "./options.ts";
import { checkPageLimit } from "./page-limit.ts";
import { inParallel, runPool } from "./pool.ts";
import { createProgress } from "./progress.ts";
import { inShard } from "./shard.ts";
import { StageTimer } from "../timings.ts";
import { buildStamp, forgetUpToDate, recordUpToDate, type Stamp } from "./up-to-date.ts";
import { buildWeb, WEB_DIR, type WebResult } from "./web.ts";
import { writeAtomic } from "./write.ts";
import * as msg from "../messages.ts";

/** Finishing and checking PDFs loads pdf-lib: only a build that prints needs it. */
const finishing = () => import("../finish/index.ts");

export type { BuildOptions } from "./options.ts";

export interface BuildResult {
  /** Requests documents tried to make and did not get (see src/print/pdf.ts), by document. */
  blocked: { path: string; url: string; reason: string }[];
  printed: string[];
  skipped: string[];
  failed: { path: string; message: string }[];
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
  /** Of the code (src/, package-lock.json): part of every input key. */
  codeVersion: string;
  /** Warnings on the data and on the printed claims, as logged. */
  notices: string[];
}

/** What phase 3 produced: manifest entries of the documents it printed, and of its failures. */
interface PrintOutcome {
  entries: ManifestEntry[];
  printed: string[];
  failed: { path: string; message: string }[];
  blocked: BuildResult["blocked"];
  printMs: number;
}

const log = (options: BuildOptions, line: string) => {
  if (!options.quiet) console.error(line);
};

/** The web copy of a printed document. */
const htmlOf = (path: string) => path.replace(/\.pdf$/, ".html");

/**
 * `stamp`: the inputs as the CLI's up-to-date check read them. It is taken before the data is read, so
 * that the record of this build never vouches for inputs edited while it ran.
 */
export async function build(options: BuildOptions, stamp = buildStamp(options)): Promise<BuildResult> {
  const timer = new StageTimer();
  const manifestPath = join(options.outDir, "manifest.json");
  const printers = lazyPrinter(options);
  let unlock = async (): Promise<void> => undefined;
  try {
    // With --force, or no earlier build, every document is printed: the browser starts now and
    // gets ready while this thread loads the data and hashes the inputs.
    const startPrinter = () => {
      if (options.only !== "web") printers.get();
    };
    if (options.force || !existsSync(manifestPath)) startPrinter();
    stamp.catch(() => undefined); // a refused build says why in phase 1
    const selection = await selectDocuments(options, timer, stamp); // 1
    // Taken once the data and the options are known good, so that a refused build writes nothing.
    unlock = await lockOutput(options.outDir);
    await forgetUpToDate(options.outDir);
    const plan = await comparePrevious(selection, options, manifestPath, startPrinter);
    const shared = await writeSharedOutputs(plan, options); // 2
    const printing = printDocuments(plan, options, printers.get, timer); // 3
    const pdfsWritten = printing.then(
      () => undefined,
      () => undefined,
    );
    const webEdition = buildWebEdition(plan, options, pdfsWritten); // 4, while 3 runs
    // A build stopped while printing lets the web edition end before the lock is given back.
    const outcome = await printing.finally(() => webEdition.catch(() => undefined));
    const web = await webEdition;
    await writeManifest(plan, options, manifestPath, [...shared, ...outcome.entries, ...(web?.entries ?? [])]); // 5
    const printed = new Set(plan.toPrint);
    const skipped = plan.selected.filter((job) => !printed.has(job)).map((job) => job.path);
    const failed = [...outcome.failed, ...(web?.failed ?? [])];
    if (failed.length === 0) await recordUpToDate(options, await stamp, noChangeLog(plan, options, web));
    return { ...outcome, failed, skipped, timer, web: web && { written: web.written, unchanged: web.unchanged } };
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
  manifestPath: string,
  onChange: () => void,
): Promise<BuildPlan> {
  const previous = await readManifest(manifestPath);
  // The browser starts as soon as one document is known to print, while the rest are checked.
  const { selected } = selection;
  const toPrint = options.force ? selected : await changedJobs(selected, previous, options.outDir, onChange);
  return { ...selection, toPrint, previous };
}

/** The jobs whose input key changed since the last build, or whose file is gone or was altered. */
async function changedJobs(
  jobs: DocumentJob[],
  previous: Manifest | undefined,
  outDir: string,
  onChange: () => void,
): Promise<DocumentJob[]> {
  const before = new Map((previous?.entries ?? []).map((e) => [e.path, e]));
  const unchanged = await inParallel(jobs, async (job) => {
    const entry = before.get(job.path);
    const same = entry?.inputKey === job.inputKey && (await fileHash(join(outDir, job.path))) === entry.sha256;
    if (!same) onChange();
    return same;
  });
  return jobs.filter((_, i) => !unchanged[i]);
}

async function fileHash(path: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path));
  } catch {
    return undefined;
  }
}

// 2. Shared outputs --------------------------------------------------------------------------------

async function writeSharedOutputs({ prepared }: BuildPlan, options: BuildOptions): Promise<ManifestEntry[]> {
  if (!includesBijlage(options)) return [];
  const errata = prepared.reconciliation.markdown;
  await writeAtomic(join(options.outDir, "errata.md"), errata);
  for (const font of fontsToCopy()) await writeAtomic(join(options.outDir, font.to), await readFile(font.from));
  return [entryOf("errata.md", "errata", errata, sha256(errata))];
}

function entryOf(path: string, kind: ManifestEntry["kind"], content: string | Uint8Array, key: string): ManifestEntry {
  return { path, kind, sha256: sha256(content), bytes: Buffer.byteLength(content), inputKey: key, buildMs: 0 };
}

// 3. Print -----------------------------------------------------------------------------------------

async function printDocuments(
  plan: BuildPlan,
  options: BuildOptions,
  printer: () => Printer,
  timer: StageTimer,
): Promise<PrintOutcome> {
  const outcome: PrintOutcome = { entries: [], printed: [], failed: [], blocked: [], printMs: 0 };
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
      try {
        outcome.entries.push(
          ...(await printOne(job, plan, options, { printer: printer(), finishPdf }, outcome.blocked)),
        );
        outcome.printed.push(job.path);
        progress.done(job.path, true);
      } catch (error) {
        if (error instanceof OutputError || error instanceof EnvironmentError) {
          stopped ??= error;
          return;
        }
        outcome.failed.push({ path: job.path, message: (error as Error).message });
        progress.done(job.path, false);
      }
      timer.sample();
    });
  } finally {
    progress.finish();
  }
  // Thrown before the manifest is written: the one from the last build still describes the outputs it kept.
  if (stopped) throw stopped;
  outcome.printMs = performance.now() - started;
  timer.ms.print = outcome.printMs;
  return outcome;
}

/** Prints, finishes and writes one document; returns its manifest entries (the PDF, and its web copy). */
async function printOne(
  job: DocumentJob,
  { prepared, date }: BuildPlan,
  options: BuildOptions,
  { printer, finishPdf }: { printer: Printer; finishPdf: FinishPdf },
  blocked: BuildResult["blocked"],
): Promise<ManifestEntry[]> {
  const started = performance.now();
  const produced = await job.produce(printer);
  for (const request of produced.blocked) {
    blocked.push({ path: job.path, ...request });
    log(options, msg.blockedRequest(job.path, request.url, request.reason));
  }
  const { pdf, pages } = finishPdf(produced, job.path, {
    title: job.title,
    author: prepared.survey.codebook.survey.publisher,
    subject: job.subject,
    language: "nl-BE",
    date,
    keywords: keywords(prepared.survey.codebook.survey),
  });
  checkPageLimit(job, pages);
  await writeAtomic(join(options.outDir, job.path), pdf);
  const entries: ManifestEntry[] = [];
  if (produced.webHtml) {
    await writeAtomic(join(options.outDir, htmlOf(job.path)), produced.webHtml);
    entries.push(entryOf(htmlOf(job.path), "html", produced.webHtml, job.inputKey));
  }
  if (options.keepHtml) await writeAtomic(join(options.outDir, "html", htmlOf(job.path)), produced.html);
  const { path, kind, id, respondentType, vrindClass, name, nis, inputKey } = job;
  const buildMs = Math.round(performance.now() - started);
  const identity = { id, respondentType, vrindClass, name, nis };
  entries.push({ path, kind, ...identity, sha256: sha256(pdf), bytes: pdf.byteLength, pages, inputKey, buildMs });
  return entries;
}

// 4. Web edition ---------------------------------------------------------------------------------

async function buildWebEdition(
  plan: BuildPlan,
  options: BuildOptions,
  pdfsWritten: Promise<void>,
): Promise<WebResult | undefined> {
  if (!includesWeb(options)) return undefined;
  const { prepared, date, codeVersion, previous } = plan;
  const webOptions = {
    outDir: options.outDir,
    date,
    codeVersion,
    previous: previous?.entries ?? [],
    force: options.force,
    ficheFile: ficheFiles(prepared, options),
  };
  const web = await buildWeb(prepared, webOptions, pdfsWritten);
  log(options, msg.webBuilt(web.written, web.unchanged, join(options.outDir, WEB_DIR)));
  for (const notice of webNotices(web)) log(options, notice);
  return web;
}

const webNotices = (web: WebResult) =>
  web.missingPdfs.length ? [msg.webMissingPdfs(web.missingPdfs.length, web.missingPdfs[0]!)] : [];

// 5. Manifest --------------------------------------------------------------------------------------

async function writeManifest(
  plan: BuildPlan,
  options: BuildOptions,
  path: string,
  fresh: ManifestEntry[],
): Promise<void> {
  const partial = Boolean(options.ids || options.only || options.shard);
  const selected = plan.selected.map((job) => job.path);
  const manifest = composeManifest(plan.date, plan.previous, selected, fresh, partial);
  await writeAtomic(path, serializeManifest(manifest));
  await writeFicheIndex(options.outDir, manifest);
}

/**
 * The manifest after a build: the entries it wrote; for a selected document it did not write (unchanged,
 * or failed, whose last good output stays) the entries it had, its web copy's included; and, after a
 * partial build (some ids, one kind, one shard), every entry of the documents it did not look at. A full
 * build drops the entries of documents that no longer exist.
 */
export function composeManifest(
  date: Date,
  previous: Manifest | undefined,
  selectedPaths: string[],
  fresh: ManifestEntry[],
  partial: boolean,
): Manifest {
  const before = previous?.entries ?? [];
  const entries = new Map(fresh.map((e) => [e.path, e]));
  const written = new Set(entries.keys());
  const keptPaths = new Set(selectedPaths.filter((p) => !written.has(p)).flatMap((p) => [p, htmlOf(p)]));
  const selected = new Set(selectedPaths);
  for (const entry of before) {
    const untouched = partial && !selected.has(entry.path) && !written.has(entry.path);
    if (keptPaths.has(entry.path) || untouched) entries.set(entry.path, entry);
  }
  return { sourceDate: date.toISOString(), entries: [...entries.values()] };
}

/** What this build would say if it ran again with nothing changed, up to its stage times. */
function noChangeLog(plan: BuildPlan, options: BuildOptions, web: WebResult | undefined): string[] {
  const webLog = web
    ? [msg.webBuilt(0, web.written + web.unchanged, join(options.outDir, WEB_DIR)), ...webNotices(web)]
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
