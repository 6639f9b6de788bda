/**
 * `build`: load → validate → aggregate → charts → templates → print, for the bijlage and the fact
 * sheets. Documents whose input key did not change are not printed again; every output is written
 * atomically; one browser prints several documents at once; a document that fails does not stop
 * the others, and the exit code says that something failed.
 */
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { buildFactSheet } from "../aggregate/factsheet.ts";
import { UsageError } from "../errors.ts";
import { exitOnSignals } from "../exit-on-signal.ts";
import { Printer } from "../print/printer.ts";
import type { BlockedRequest } from "../print/pdf.ts";
import { finalizePdf } from "../print/metadata.ts";
import { outlinePages } from "../print/outline.ts";
import { fontsToCopy, printAssetDirs, projectRoot } from "./context.ts";
import { prepare, type Prepared } from "./documents.ts";
import { hashFiles, inputKey, sha256, stableJson } from "./inputs.ts";
import { readManifest, serializeManifest, type Manifest, type ManifestEntry } from "./manifest.ts";
import { runPool } from "./pool.ts";
import { createProgress } from "./progress.ts";
import { inShard, parseShard, type Shard } from "./shard.ts";
import { buildDate } from "./source-date.ts";
import { StageTimer } from "./timings.ts";
import { allHeadings, printWithToc } from "./toc.ts";
import { OutputError, writeAtomic } from "./write.ts";
import { writeFicheIndex } from "./fiche-index.ts";
import { checkPageLimit } from "./page-limit.ts";
import { lockOutput } from "./lock.ts";

export interface BuildOptions {
  dataDir: string;
  outDir: string;
  only?: "bijlage" | "fiches";
  ids?: string[];
  shard?: Shard;
  keepHtml: boolean;
  force: boolean;
  concurrency: number;
  /** Print nothing but the summary (the benchmark runs many builds). */
  quiet?: boolean;
  /** A printer whose browser is already running (the benchmark's warm runs); left open afterwards. */
  printer?: Printer;
  /** Templates other than the project's (tests, experiments). */
  templatesDir?: string;
}

export function parseBuildOptions(values: Record<string, string | boolean | undefined>): BuildOptions {
  const only = values.only as string | undefined;
  if (only !== undefined && only !== "bijlage" && only !== "fiches") throw new UsageError(`--only takes bijlage or fiches, got "${only}"`);
  const concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency takes a whole number of at least 1, got "${values.concurrency}"`);
  const ids = typeof values.ids === "string" ? values.ids.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
  return {
    dataDir: resolve(String(values.data ?? "data")),
    outDir: resolve(String(values.out ?? "output")),
    only: only as BuildOptions["only"],
    ids,
    shard: typeof values.shard === "string" ? parseShard(values.shard) : undefined,
    keepHtml: values["keep-html"] === true,
    force: values.force === true,
    concurrency,
  };
}

/** A document to print: what it is, its key, and how to make its HTML. */
export interface DocumentJob {
  path: string;
  kind: "bijlage" | "fiche";
  id?: string;
  /** Extra columns for fiches/index.csv. */
  respondentType?: string;
  vrindClass?: string;
  inputKey: string;
  title: string;
  subject: string;
  /** Prints the document; returns the PDF as printed, the HTML that was printed and the requests it was refused. */
  produce(printer: Printer): Promise<{ pdf: Uint8Array; html: string; webHtml?: string; blocked: BlockedRequest[] }>;
}

export interface BuildResult {
  /** Requests documents tried to make and did not get (see src/print/pdf.ts), by document. */
  blocked: { path: string; url: string; reason: string }[];
  printed: string[];
  skipped: string[];
  failed: { path: string; message: string }[];
  timer: StageTimer;
  printMs: number;
}

const log = (options: BuildOptions, line: string) => {
  if (!options.quiet) console.error(line);
};

/** The documents of this build, in a fixed order (the bijlage, then the fact sheets by id) so shards split them alike. */
async function documentJobs(prepared: Prepared, options: BuildOptions, codeVersion: string, date: Date): Promise<DocumentJob[]> {
  const { survey, model, reconciliation, settings } = prepared;
  const { title, subtitle, fieldwork } = survey.codebook.survey;
  const jobs: DocumentJob[] = [];
  if (options.only !== "fiches" && !options.ids) {
    const templateKey = await hashFiles(prepared.templatesDir, ["bijlage", "shared", "styles/report.css", "charts"]);
    jobs.push({
      path: "bijlage.pdf",
      kind: "bijlage",
      inputKey: inputKey(codeVersion, templateKey, sha256(stableJson({ model, errata: reconciliation.rows, settings, date: date.toISOString() }))),
      title: `${title} ${subtitle}`,
      subject: `Bijlage: resultaten van de VVSG-enquête van ${fieldwork} (gereconstrueerde gegevens)`,
      async produce(printer) {
        let blocked: BlockedRequest[] = [];
        const printed = await printWithToc(
          (toc) => prepared.bijlageHtml("print", toc),
          async (html) => {
            const result = await printer.print(html, "bijlage.pdf");
            blocked = result.blocked;
            return result.pdf;
          },
          (pdf) => outlinePages(pdf),
          settings.firstPage,
        );
        return { pdf: printed.pdf, html: printed.html, webHtml: await prepared.bijlageHtml("web", printed.toc), blocked };
      },
    });
  }
  if (options.only !== "bijlage") {
    const templateKey = await hashFiles(prepared.templatesDir, ["fiche", "shared", "styles", "charts/fiche-domains.vl.json"]);
    const wanted = options.ids ? new Set(options.ids) : undefined;
    for (const id of options.ids ?? []) {
      if (!survey.respondents.some((r) => r.id === id)) throw new UsageError(`--ids names "${id}", which is not a respondent in the data`);
    }
    const respondents = [...survey.respondents].filter((r) => !wanted || wanted.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const respondent of respondents) {
      const sheet = buildFactSheet(survey, respondent.id, prepared.groups);
      const path = `fiches/${respondent.id}.pdf`;
      jobs.push({
        path,
        kind: "fiche",
        id: respondent.id,
        respondentType: respondent.type,
        vrindClass: respondent.answers.vrind,
        // The sheet holds every figure the document shows, its comparisons included: when those move, it is printed again.
        inputKey: inputKey(codeVersion, templateKey, sha256(stableJson({ sheet, date: date.toISOString() }))),
        title: `Fiche ${respondent.id}: ${title}`,
        subject: `Antwoorden van ${sheet.header.type.singular} ${respondent.id} naast alle ${sheet.all.label} en vergelijkbare besturen (gereconstrueerde gegevens)`,
        async produce(printer) {
          // The sheet is built again here rather than kept from the key above: holding every sheet until
          // it prints would make memory grow with the batch; rebuilding one costs about 54 µs.
          const { html } = await prepared.ficheHtml(respondent.id, "print");
          const printed = await printer.print(html, path);
          return { pdf: printed.pdf, html, blocked: printed.blocked };
        },
      });
    }
  }
  return jobs;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timer = new StageTimer();
  const manifestPath = join(options.outDir, "manifest.json");
  let printer = options.printer;
  const startPrinter = (): Printer => {
    if (!printer) {
      printer = new Printer({
        assetDirs: printAssetDirs(),
        pages: options.concurrency,
        onRetry: (name, attempt, error) => log(options, `warning: ${name}: attempt ${attempt} failed (${error.message.split("\n")[0]}); trying again`),
      });
      void printer.start();
    }
    return printer;
  };
  // Taken once the data and the options are known good, so that a refused build writes nothing.
  let unlock = async (): Promise<void> => undefined;
  const takeOutput = async () => void (unlock = await lockOutput(options.outDir));
  try {
    // With --force, or no earlier build, every document is printed: the browser starts now and
    // gets ready while this thread loads the data and hashes the inputs.
    if (options.force || !existsSync(manifestPath)) startPrinter();
    return await buildWith(options, timer, manifestPath, startPrinter, takeOutput);
  } finally {
    if (!options.printer) await printer?.close();
    await unlock();
  }
}

async function buildWith(
  options: BuildOptions,
  timer: StageTimer,
  manifestPath: string,
  startPrinter: () => Printer,
  takeOutput: () => Promise<void>,
): Promise<BuildResult> {
  const prepared = await prepare({ dataDir: options.dataDir, templatesDir: options.templatesDir, timer });
  const { survey, model, reconciliation } = prepared;
  for (const warning of survey.warnings ?? []) log(options, `warning: ${warning}`);
  for (const claim of model.failedClaims) log(options, `warning: the data no longer support ${claim.section}: "${claim.statement}"`);
  const date = await buildDate(options.dataDir);
  const codeVersion = await hashFiles(projectRoot, ["src", "package-lock.json"]);
  const jobs = await documentJobs(prepared, options, codeVersion, date);
  const selected = inShard(jobs, options.shard);
  await takeOutput();

  const previous = await readManifest(manifestPath);
  const previousByPath = new Map((previous?.entries ?? []).map((e) => [e.path, e]));
  const entries = new Map<string, ManifestEntry>();
  const htmlOf = (path: string) => path.replace(/\.pdf$/, ".html");
  /** A document not printed this time keeps its entry, and that of its web copy. */
  const keepPrevious = (path: string) => {
    for (const p of [path, htmlOf(path)]) {
      const before = previousByPath.get(p);
      if (before) entries.set(p, before);
    }
  };
  const record = (path: string, kind: ManifestEntry["kind"], content: string | Uint8Array, key: string, buildMs = 0) =>
    entries.set(path, { path, kind, sha256: sha256(content), bytes: Buffer.byteLength(content), inputKey: key, buildMs });
  const toPrint: DocumentJob[] = [];
  for (const job of selected) {
    const before = previousByPath.get(job.path);
    if (!options.force && before && before.inputKey === job.inputKey && (await fileHash(join(options.outDir, job.path))) === before.sha256) {
      keepPrevious(job.path);
    } else toPrint.push(job);
  }
  const printing = new Set(toPrint);
  const skipped = selected.filter((j) => !printing.has(j)).map((j) => j.path);

  if (options.only !== "fiches" && !options.ids) {
    await writeAtomic(join(options.outDir, "errata.md"), reconciliation.markdown);
    record("errata.md", "errata", reconciliation.markdown, sha256(reconciliation.markdown));
    for (const font of fontsToCopy()) await writeAtomic(join(options.outDir, font.to), await readFile(font.from));
  }

  const result: BuildResult = { blocked: [], printed: [], skipped, failed: [], timer, printMs: 0 };
  if (toPrint.length > 0) {
    log(options, `printing ${toPrint.length} of ${selected.length} documents (${skipped.length} unchanged) with ${options.concurrency} at a time`);
    const progress = options.quiet ? { done() {}, finish() {} } : createProgress("print", toPrint.length);
    const printer = startPrinter();
    const started = performance.now();
    // An output that cannot be written stops the batch: the documents after it would fail alike.
    let unwritable: OutputError | undefined;
    try {
      // Twice as many documents in hand as Chromium prints: while it prints, this process makes the
      // next documents' HTML and finishes the last ones' PDFs, so no page waits for either.
      await runPool(toPrint, 2 * options.concurrency, async (job) => {
        if (unwritable) return;
        const jobStarted = performance.now();
        try {
          const produced = await job.produce(printer);
          for (const request of produced.blocked) {
            result.blocked.push({ path: job.path, ...request });
            log(options, `warning: ${job.path}: blocked a request for ${request.url} (${request.reason})`);
          }
          const outlineTitles = allHeadings(produced.html).map((h) => h.title);
          const { pdf, pages } = finalizePdf(produced.pdf, { outlineTitles, title: job.title, author: survey.codebook.survey.publisher, subject: job.subject, language: "nl-BE", date, keywords: ["VVSG", "etnisch-culturele diversiteit", "lokale besturen", "gereconstrueerde gegevens"] });
          checkPageLimit(job, pages);
          await writeAtomic(join(options.outDir, job.path), pdf);
          if (produced.webHtml) {
            await writeAtomic(join(options.outDir, htmlOf(job.path)), produced.webHtml);
            record(htmlOf(job.path), "html", produced.webHtml, job.inputKey);
          }
          if (options.keepHtml) await writeAtomic(join(options.outDir, "html", job.path.replace(/\.pdf$/, ".html")), produced.html);
          entries.set(job.path, { path: job.path, kind: job.kind, id: job.id, respondentType: job.respondentType, vrindClass: job.vrindClass, sha256: sha256(pdf), bytes: pdf.byteLength, pages, inputKey: job.inputKey, buildMs: Math.round(performance.now() - jobStarted) });
          result.printed.push(job.path);
          progress.done(job.path, true);
        } catch (error) {
          if (error instanceof OutputError) {
            unwritable ??= error;
            return;
          }
          // The last good output of a failed document stays, and so does its entry.
          keepPrevious(job.path);
          result.failed.push({ path: job.path, message: (error as Error).message });
          progress.done(job.path, false);
        }
        timer.sample();
      });
    } finally {
      progress.finish();
    }
    // Thrown before the manifest is written: the one from the last build still describes the outputs it kept.
    if (unwritable) throw unwritable;
    result.printMs = performance.now() - started;
    timer.ms.print = result.printMs;
  }

  // A partial build (some ids, one kind, one shard) keeps the entries of the documents it did not
  // look at; a full build drops those of documents that no longer exist.
  const partial = Boolean(options.ids || options.only || options.shard);
  const selectedPaths = new Set(selected.map((j) => j.path));
  const keep = partial ? (previous?.entries ?? []).filter((e) => !selectedPaths.has(e.path) && !entries.has(e.path)) : [];
  const manifest: Manifest = { sourceDate: date.toISOString(), entries: [...keep, ...entries.values()] };
  await writeAtomic(manifestPath, serializeManifest(manifest));
  await writeFicheIndex(options.outDir, manifest);
  return result;
}

async function fileHash(path: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path));
  } catch {
    return undefined;
  }
}

export async function runBuild(options: BuildOptions): Promise<number> {
  exitOnSignals();
  const result = await build(options);
  const { timer } = result;
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  console.error(
    `built ${result.printed.length}, unchanged ${result.skipped.length}, failed ${result.failed.length} → ${options.outDir}\n` +
      `stages (s): ${Object.entries(timer.ms).map(([stage, ms]) => `${stage} ${seconds(ms)}`).join(", ")}; peak memory ${Math.round(timer.peakRss / 2 ** 20)} MiB`,
  );
  if (result.failed.length > 0) {
    console.error(`error: ${result.failed.length} document(s) failed:`);
    for (const f of result.failed) console.error(`  ${f.path}: ${f.message}`);
    return 1;
  }
  return 0;
}
