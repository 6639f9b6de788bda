/**
 * The answer to a rebuild with nothing changed, given before any data is parsed or module of the
 * pipeline loaded. After a build that succeeded, <out>/.vvsg-up-to-date.json records
 *   - the build's stamp: one hash over everything its outputs are made from (the data and template
 *     folders, the code, the source date and the options that choose or name outputs), and
 *   - what the file system says of every file in the output folder (size, inode, mtime, ctime),
 * the way git's index remembers a work tree. When the stamp and every file's record still match,
 * nothing would be printed or written: the build says so and stops. Anything else (an input, an
 * option, a file touched, added or removed, a build holding the lock) falls through to the full
 * build, which compares input keys and checksums as before and records the state again.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot, templatesDir as projectTemplates } from "../documents/context.ts";
import { hashFiles, sha256, stableJson } from "./inputs.ts";
import type { BuildOptions } from "./options.ts";
import { buildDate } from "./source-date.ts";
import * as msg from "../messages.ts";
import { isOutputName, LOCK_NAME, STATE_NAME, writeAtomic } from "./write.ts";

interface UpToDateState {
  stamp: string;
  /** What a build with nothing to do says (its warnings on the data included), up to its stage times. */
  log: string[];
  /** Path relative to the output folder → size, inode, mtime and ctime in nanoseconds. */
  files: Record<string, string>;
}

/** The code and the packages it runs with (the fonts among them): part of every input key. */
const codeVersion = () => hashFiles(projectRoot, ["src", "package-lock.json"]);

/** What a build's outputs are made from, read once, before the data is: the input keys use its parts. */
export interface Stamp {
  /** One hash over all of it: the data and template folders, the code, the source date, the options. */
  key: string;
  codeVersion: string;
  date: Date;
}

export async function buildStamp(options: BuildOptions): Promise<Stamp> {
  const templatesDir = options.templatesDir ?? projectTemplates;
  const [data, templates, code, date] = await Promise.all([
    hashFiles(options.dataDir, ["."]),
    hashFiles(templatesDir, ["."]),
    codeVersion(),
    buildDate(options.dataDir),
  ]);
  const { dataDir, only, ids, shard, keepHtml, nameFilesBy } = options;
  const chosen = { dataDir, templatesDir, only, ids, shard, keepHtml, nameFilesBy };
  const key = sha256(stableJson({ data, templates, code, date: date.toISOString(), chosen }));
  return { key, codeVersion: code, date };
}

async function fileRecords(outDir: string): Promise<Record<string, string>> {
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  const paths = entries
    .filter((e) => e.isFile() && isOutputName(e.name) && !e.parentPath.includes(LOCK_NAME))
    .map((e) => join(e.parentPath, e.name).slice(outDir.length + 1))
    .sort();
  const records = await Promise.all(
    paths.map(async (path) => {
      const s = await stat(join(outDir, path), { bigint: true });
      return [path, `${s.size} ${s.ino} ${s.mtimeNs} ${s.ctimeNs}`] as const;
    }),
  );
  return Object.fromEntries(records);
}

/**
 * File times tick coarsely (a few ms): a file changed within the tick of its last write keeps its
 * times. The files are looked at only once the newest write is older than this, so any later
 * change shows in its ctime.
 */
const SETTLE_MS = 25;

/**
 * Records a successful build, once its last output is written. `stamp` was taken before the build
 * read anything: an input changed while it ran leaves a record that no longer matches.
 */
export async function recordUpToDate(options: BuildOptions, stamp: Stamp, log: string[]): Promise<void> {
  await sleep(SETTLE_MS);
  const state: UpToDateState = { stamp: stamp.key, log, files: await fileRecords(options.outDir) };
  await writeAtomic(join(options.outDir, STATE_NAME), JSON.stringify(state));
}

/** A build that may write forgets the record first: whatever it leaves, the next build looks properly. */
export const forgetUpToDate = (outDir: string) => rm(join(outDir, STATE_NAME), { force: true });

async function readState(outDir: string): Promise<UpToDateState | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, STATE_NAME), "utf8")) as UpToDateState;
  } catch {
    return undefined; // none, or damaged: the full build decides
  }
}

const sameRecords = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([path, record]) => b[path] === record);

/**
 * When a build with these options would change nothing: what it would say, and how many outputs it has.
 * `stamp` is handed on to the build when it must run, which then reads its inputs no second time.
 */
export async function upToDate(
  options: BuildOptions,
  stamp = buildStamp(options),
): Promise<{ log: string[]; outputs: number } | undefined> {
  const now = stamp.catch(() => undefined); // the build says why, if it is refused
  if (options.force) return undefined;
  const locked = stat(join(options.outDir, LOCK_NAME)).then(
    () => true,
    () => false,
  );
  const [state, files, current] = await Promise.all([
    readState(options.outDir),
    fileRecords(options.outDir).catch(() => undefined), // no output folder yet
    now,
  ]);
  if (!state || !files || !current || (await locked)) return undefined;
  if (current.key !== state.stamp || !sameRecords(state.files, files)) return undefined;
  return { log: state.log, outputs: Object.keys(files).length };
}

/** The build command's answer when nothing changed: true when it was given (and the build need not run). */
export async function reportUpToDate(options: BuildOptions, stamp: Promise<Stamp>): Promise<boolean> {
  const started = performance.now();
  const unchanged = await upToDate(options, stamp);
  if (!unchanged) return false;
  for (const line of unchanged.log) console.error(line);
  console.error(msg.upToDate(unchanged.outputs, (performance.now() - started) / 1000));
  return true;
}
