/**
 * Every message a user reads, one function each, grouped by the stage that says it (after vega-lite's
 * log/message.ts). Wording lives here only, so it stays consistent and each message can be tested
 * with its parameters. The errors that carry them are in errors.ts; the CLI prints them once.
 */

// Command line -------------------------------------------------------------------------------------

export const unknownCommand = (name: string, overview: string) => `unknown command "${name}"\n\n${overview}`;
export const badArguments = (problem: string, usage: string) => `${problem}\n\n${usage}`;
export const badOnly = (value: string, allowed: readonly string[]) =>
  `--only takes ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}, got "${value}"`;
export const badConcurrency = (value: unknown) => `--concurrency takes a whole number of at least 1, got "${value}"`;
export const badShard = (value: string) => `--shard takes i/n with 1 ≤ i ≤ n (for example 2/4), got "${value}"`;
export const unknownId = (id: string) => `--ids names "${id}", which is not a respondent in the data`;
export const noRespondent = (id: string) => `no respondent with id "${id}" in the data (ids look like G001 or O001)`;
export const mergeUsage = () => "usage: merge-manifests --out DIR MANIFEST…";

// Build --------------------------------------------------------------------------------------------

export const dataWarning = (text: string) => `warning: ${text}`;
export const noPrintedEdition = (file: string, folder: string) =>
  `No ${file} in ${folder}: there is no printed edition to compare this data with.`;
export const dataValid = (dataDir: string, counts: string[]) => `${dataDir}: valid (${counts.join(", ")})`;
export const claimNoLongerHolds = (section: string, statement: string) =>
  `warning: the data no longer support ${section}: "${statement}"`;
export const printRetry = (document: string, attempt: number, error: Error) =>
  `warning: ${document}: attempt ${attempt} failed (${error.message.split("\n")[0]}); trying again`;
export const blockedRequest = (document: string, url: string, reason: string) =>
  `warning: ${document}: blocked a request for ${url} (${reason})`;
export const printing = (count: number, of: number, unchanged: number, concurrency: number) =>
  `printing ${count} of ${of} documents (${unchanged} unchanged) with ${concurrency} at a time`;
export const built = (printed: number, unchanged: number, failed: number, outDir: string) =>
  `built ${printed}, unchanged ${unchanged}, failed ${failed} → ${outDir}`;
export const upToDate = (outputs: number, seconds: number) =>
  `nothing changed since the last build: its inputs and all ${outputs} outputs checked in ${seconds.toFixed(2)} s ` +
  "(--force prints everything again)";
export const stageTimes = (stages: string[], peakMiB: number) =>
  `stages (s): ${stages.join(", ")}; peak memory ${peakMiB} MiB`;
export const documentsFailed = (count: number) => `error: ${count} document(s) failed:`;
export const manifestUnreadable = (path: string, problem: string) => `${path} cannot be read as a manifest: ${problem}`;
export const builtTwice = (path: string, one: string, other: string) =>
  `${path} was built twice with different results (${one.slice(0, 12)} and ${other.slice(0, 12)})`;
export const shardDates = (dates: string[]) => `shards were built with different source dates: ${dates.join(", ")}`;
export const webBuilt = (written: number, unchanged: number, folder: string) =>
  `web: ${written} parts written, ${unchanged} unchanged → ${folder}`;
export const webMissingPdfs = (count: number, first: string) =>
  `warning: web: ${count} PDFs are not built yet (${first}…): their links stay broken until they are`;
export const merged = (count: number, outputs: number) => `merged ${count} manifests: ${outputs} outputs`;

// Charts and templates -----------------------------------------------------------------------------

export const badSpecName = (name: string) => `"${name}" is not a chart spec name (lower case, digits, hyphens)`;
export const noSpec = (name: string, file: string) => `there is no chart spec "${name}" (expected ${file})`;
export const specNotJson = (problem: string) => `chart spec is not valid JSON: ${problem}`;
export const specData = () => `chart spec must read its data from "data": {"name": "rows"}`;
export const specLacks = (problems: string[]) => `chart spec lacks ${problems.join(", ")}`;
export const specDoesNotCompile = (problem: string) => `the spec does not compile: ${problem}`;
export const specWarnings = (warnings: string[]) => `the spec compiles with warnings: ${warnings.join("; ")}`;
export const vegaWarns = (warnings: string[]) => `vega warns: ${warnings.join("; ")}`;
export const labelsOverlap = (pairs: [string, string][]) =>
  `labels overlap: ${pairs.map(([a, b]) => `"${a}" and "${b}"`).join(", ")}`;
export const labelsCut = (labels: string[]) => `labels run off the chart: ${labels.map((l) => `"${l}"`).join(", ")}`;
export const labelEllipsis = () => "a label was cut short with “…”";
export const chartFailed = (chart: string, problem: string) => `${chart}: ${problem}`;
export const noTemplate = (name: string, dir: string) => `no template "${name}" under ${dir}`;
export const templateFailed = (where: string, problem: string, lookingUp: string | undefined, document: string) =>
  `${where}: ${problem}${lookingUp ? ` (looking up ${lookingUp})` : ""} (while rendering ${document})`;

// Print --------------------------------------------------------------------------------------------

export const printTimeout = (ms: number) => `printing took longer than ${ms} ms`;
export const printFailed = (problem: string) => `printing failed: ${problem}`;
export const assetDirMissing = (problem: string) => `an asset directory is missing: ${problem}`;
export const noAssetDir = () => "printing needs at least one asset directory";
export const cannotFinish = (problem: string) => `the printed PDF cannot be finished: ${problem}`;
export const outlineNoDestination = (title: string) => `outline entry "${title}" has no destination`;
export const outlineLoop = (object: number) => `outline item ${object} occurs twice`;
export const outlineCount = (entries: number, headings: number) =>
  `the PDF outline has ${entries} entries, the document ${headings} headings`;
export const outlineTitle = (index: number, written: string, expected: string) =>
  `outline entry ${index} reads "${written}", expected "${expected}"`;
export const headingNotInOutline = (title: string, id: string) =>
  `heading "${title}" (#${id}) is missing from the PDF outline`;
export const tocUnsettled = () => "the table of contents did not settle after three prints";
export const fontPackageMissing = (name: string) => `the body font package ${name} is not installed; run npm ci`;
export const fontSubsetMissing = (name: string, subset: string) => `${name}/unicode.json names no "${subset}" subset`;
export const fontUnreadable = (path: string, problem: string) => `cannot open the body font ${path}: ${problem}`;

// Conformance --------------------------------------------------------------------------------------

export const nonConforming = (document: string, failures: { checkpoint: string; problem: string }[]) =>
  `${document} fails ${failures.length} conformance check(s):\n` +
  failures.map((f) => `  ${f.checkpoint}: ${f.problem}`).join("\n");

// Reconciliation -----------------------------------------------------------------------------------

export const printedFiguresUnreadable = (code: string) => `cannot read the printed figures (${code})`;
export const notJson = (problem: string) => `not valid JSON (${problem})`;

// Data: files ---------------------------------------------------------------------------------------

export const fileNotFound = () => "file not found";
export const fileUnreadable = (code: string) => `cannot read file (${code})`;
export const emptyFile = () => "empty file";
export const emptySheet = () => "empty sheet";
export const expectTable = (unit: "line" | "row") =>
  `a header ${unit} with the codebook columns, then one row per respondent`;
export const notCsvText = (detail: string) => `not a CSV text file (${detail})`;
export const expectCsvText = () => "a CSV text file in UTF-8 or Windows-1252";
export const codebookUnreadable = (code: string) => `cannot read codebook (${code})`;
export const codebookNotJson = (problem: string) => `codebook is not valid JSON (${problem})`;
export const notCodebook = () => "not a codebook";
export const expectCodebook = () => "an object with respondentTypes and questions";
export const expectOneFilePerType = () => "one file per respondent type";
export const quoteNeverClosed = () => "quoted cell is never closed";

// Data: the table's shape --------------------------------------------------------------------------

export const tooFewCells = (found: number) => `too few cells (${found})`;
export const tooManyCells = (found: number) => `too many cells (${found})`;
export const headerWithoutRows = () => "header without rows";
export const duplicateColumn = () => "duplicate column";
export const expectColumnOnce = (first: number) => `each column once (first in column ${first})`;
export const unknownColumn = () => "unknown column";
export const missingColumn = () => "missing column";
export const expectColumn = (name: string) => `a column "${name}"`;
export const badId = (type: string) => `not a ${type} id`;
export const expectId = (pattern: string) => `an id matching ${pattern}`;
export const duplicateId = (firstLine: number) => `duplicate id, first on line ${firstLine}`;
export const expectUniqueId = () => "a unique id per respondent";

// Data: answers ------------------------------------------------------------------------------------

export const answerNotAsked = () => "answer where the question was not asked";
export const expectEmpty = (notAsked: string) => `empty (${notAsked})`;
export const requiredAnswerEmpty = () => "required answer is empty";
export const unknownAnswerCode = () => "unknown answer code";
export const notZeroOne = () => "not a 0/1 value";
export const expectZeroOne = (ticked: string, notTicked: string) => `${ticked} (ticked) or ${notTicked} (not ticked)`;
export const tickedNotAsked = () => "option ticked where the question was not asked";
export const expectNotTicked = (notTicked: string, notAsked: string) => `${notTicked} (${notAsked})`;
export const rankSkipped = (rank: number) => `rank ${rank} given without rank ${rank - 1}`;
export const expectRankFirst = (rank: number) => `rank ${rank - 1} filled first`;
export const descriptionWithoutCategory = () => "description without category";
export const categoryWithoutDescription = () => "category without description";
export const expectDescription = () => "a free-text description";

// Data: respondents' names -------------------------------------------------------------------------

export const namedReconstruction = () => "a column naming respondents in reconstructed data";
export const expectNoIdentity = (column: string) =>
  `no "${column}" column: codebook.json says "provenance": "reconstructed", ` +
  "and reconstructed answers are never joined to a real name or NIS code";
export const missingIdentity = (what: string) => `no ${what}`;
export const badIdentity = (what: string) => `not a ${what}`;
export const duplicateIdentity = (what: string, firstLine: number) => `duplicate ${what}, first on line ${firstLine}`;
export const expectUniqueIdentity = (what: string, type: string) => `a ${what} used by one ${type} only`;
export const badFileNaming = (value: string) => `--name-files-by takes id or nis, got "${value}"`;
export const noNisColumn = (file: string) => `--name-files-by nis needs NIS codes, and ${file} has no "nis" column`;

// Data: the codebook's survey block ----------------------------------------------------------------

export const reconstructionTextsMissing = () => 'provenance "reconstructed" without the texts that say so';
export const expectReconstructionTexts = (missing: string[]) =>
  `texts ${missing.map((m) => `"${m}"`).join(", ")} in "survey.reconstruction" (see data/codebook.json)`;
export const noProvenance = () => "the codebook does not say where its data comes from";
export const unknownProvenance = () => "unknown provenance";
export const expectProvenance = () => `"survey" or "reconstructed"`;
export const noKeywords = () => "no keywords for the PDF metadata";
export const expectKeywords = () => `"keywords": a list of texts in the "survey" block`;

// Data: printed figures ----------------------------------------------------------------------------

export const notPrintedFigures = () => "not a list of printed figures";
export const figureWithoutText = () => "figure without id, section or quote";
export const duplicateFigure = () => "duplicate figure id";
export const unknownFigureType = (type: string) => `unknown respondent type "${type}"`;
export const figureWithoutMeasure = () => "figure with neither a measure nor a claim";
export const valueWithoutMeasure = () => "printed value without a measure";
export const unknownBase = (base: string) => `base "${base}" is no figure`;
export const unknownGroupPart = (group: string, part: string) => `group "${group}" names unknown figure "${part}"`;

// Environment --------------------------------------------------------------------------------------

export const badSourceDate = (value: string) =>
  `SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, got ${JSON.stringify(value)}`;
export const cannotRun = (file: string, problem: string) => `cannot run ${file}: ${problem}`;
export const unknownStep = (name: string, steps: string[]) =>
  `unknown command "${name}"; expected one of ${steps.join(", ")}`;
export const aptFailed = (args: string[], code: number | undefined, advice: string) =>
  `apt-get ${args.join(" ")} failed (exit code ${code}).\n${advice}`;
export const stillNoBrowser = (advice: string) => `apt-get installed chromium, but it is still not found.\n${advice}`;
export const stillNoProfile = (pkg: string, profile: string) =>
  `apt-get installed ${pkg}, but ${profile} is still missing.`;
export const noProfile = (profile: string, pkg: string) =>
  `the sRGB colour profile ${profile} is missing: PDF/A needs it. Install it with:  sudo apt-get install ${pkg}`;
export const cannotStartBrowser = (path: string, problem: string) => `cannot start ${path}: ${problem}`;
export const notLanguageTag = (tag: string) => `"${tag}" is not a BCP 47 language tag`;
export const noPageCount = () => "the page tree does not say how many pages it has";
export const idNotWritten = () => "the file identifier was not written where expected";
export const noPdfNamed = (usage: string) => `name at least one PDF\n\n${usage}`;

// Preview ------------------------------------------------------------------------------------------

export const pagedJsMissing = () => "the Paged.js package (pagedjs) is not installed; run npm ci";
export const pagedJsIncomplete = (path: string) => `pagedjs has no ${path}; reinstall it with npm ci`;
export const noHead = (document: string) =>
  `the HTML of ${document} has no </head>, where the preview adds its scripts`;
export const noFolder = (what: string, path: string) => `the ${what} folder ${path} does not exist`;
export const cannotListen = (host: string, port: number, code: string) =>
  `cannot listen on ${host}:${port} (${code}); choose another port with --port N`;
export const badPort = () => "--port must be a whole number from 0 to 65535";

// Outputs ------------------------------------------------------------------------------------------

const KEPT = "Earlier outputs were left as they were";

/** Why a path cannot be written, in words, for the error codes a user can act on. */
const OUTPUT_REASONS: Record<string, (blocker: string) => string> = {
  ENOTDIR: (blocker) => `${blocker} is not a folder: a file stands at ${blocker}; move it or choose another --out`,
  EROFS: () => "the disk is read-only; choose another --out",
  EACCES: () => "permission denied; give this user write access or choose another --out",
  EPERM: () => "permission denied; give this user write access or choose another --out",
  ENOSPC: () => "the disk is full; free some space and build again",
  EDQUOT: () => "the disk quota is used up; free some space and build again",
  EISDIR: (blocker) => `${blocker} is a folder where a file should be; remove it and build again`,
};

/** `blocker`: the path that is in the way, where it is not `path` itself (a file where a folder should be). */
export function cannotWrite(path: string, code: string | undefined, detail: string, blocker = path): string {
  const reason = code && OUTPUT_REASONS[code] ? OUTPUT_REASONS[code](blocker) : detail;
  return `cannot write ${path}: ${reason}. ${KEPT}.`;
}

export function outputFolderLocked(folder: string, pid: number | undefined): string {
  const who = pid === undefined ? "another build" : `another build (pid ${pid})`;
  return `the output folder ${folder} is in use by ${who}; wait until it ends or choose another --out. ${KEPT}.`;
}

export function tooManyPages(path: string, pages: number, limit: number): string {
  return (
    `${path} has ${pages} pages, more than the ${limit} a fact sheet may have; it was not written ` +
    "(the earlier one, if any, stays). Shorten the respondent's free text or the fact sheet template"
  );
}

// Data ---------------------------------------------------------------------------------------------

export const textTooLong = (length: number, limit: number) =>
  `free text of ${length} characters, longer than the limit of ${limit}`;
export const textLimit = (limit: number) => `at most ${limit} characters (maxLength in the codebook)`;

/** "U+202E" */
export const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export function hiddenCharacter(found: { char: string; kind: string; position: number }): string {
  return `${found.kind} ${codePoint(found.char)} at character ${found.position} of the cell`;
}

export const HIDDEN_EXPECTED =
  "printable text (remove the character; it does not show and can disguise what the text says)";

export const TAB_REPLACED = "a tab in free text was read as a space";

export const QUOTE_NOT_CLOSED = "quoted cell is not closed";

export function quoteNotClosedExpected(nextQuoteLine: number | undefined): string {
  const next = nextQuoteLine === undefined ? "" : ` (the next quote, on line ${nextQuoteLine}, was read as its end)`;
  return `a closing quote at the end of this cell${next}`;
}

export function ambiguousInput(files: string[]): string {
  return `both ${files.join(" and ")} are in the data folder; keep one of them`;
}

export function sheetNotFound(sheet: string, sheets: string[]): string {
  const has = sheets.map((s) => `"${s}"`).join(", ") || "no sheets";
  return `no sheet "${sheet}" (the codebook names it); the workbook has ${has}`;
}

export function notAWorkbook(detail: string): string {
  return `not an Excel workbook (${detail}); save it as .xlsx`;
}

// Preview ------------------------------------------------------------------------------------------

export const FORBIDDEN_HOST = "Forbidden: this preview answers only to localhost, 127.0.0.1 and [::1].";
