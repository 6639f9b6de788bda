/**
 * Outputs are written under a temporary name beside their target and renamed into place, so a
 * reader (or a failed build) never sees half a file and the last good output survives any failure.
 */
import { unlinkSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { OutputError } from "../errors.ts";
import { exitOnSignals } from "../exit-on-signal.ts";

/** What the build keeps for itself in an output folder (its lock, its record of the last build) is named so. */
const BOOKKEEPING = ".vvsg-";
export const LOCK_NAME = `${BOOKKEEPING}build.lock`;
export const STATE_NAME = `${BOOKKEEPING}up-to-date.json`;

/** Whether a file in an output folder is an output: not the build's bookkeeping, nor a file being written. */
export const isOutputName = (name: string) => !name.startsWith(BOOKKEEPING) && !/^\..*\.\d+\.\d+\.tmp$/.test(name);

const errno = (code: string) => Object.assign(new Error(code), { code });
const isFolder = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => undefined,
  );

/** The nearest existing ancestor of `path` (or `path` itself) when it is a file, not a folder. */
async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let p = path; p !== dirname(p); p = dirname(p)) {
    const folder = await isFolder(p);
    if (folder !== undefined) return folder ? undefined : p;
  }
  return undefined;
}

/**
 * mkdir -p one folder at a time: Node's recursive mkdir says ENOENT on a read-only disk and never
 * returns under /proc, where each step's own error names the real cause.
 */
async function makeFolders(dir: string): Promise<void> {
  if (await isFolder(dir)) return;
  if (dirname(dir) !== dir) await makeFolders(dirname(dir));
  await mkdir(dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST" || !(await isFolder(dir))) throw error.code === "EEXIST" ? errno("ENOTDIR") : error;
  });
}

/** Creates `dir` and its parents, or says which path is in the way and why. */
export async function ensureFolder(dir: string): Promise<void> {
  try {
    await makeFolders(dir);
  } catch (error) {
    const blocker = await fileInTheWay(dir);
    throw new OutputError(dir, blocker ? errno("ENOTDIR") : error, blocker);
  }
}

/** Temporary files being written, removed when the process ends before they are renamed (Ctrl-C). */
const unfinished = new Set<string>();
let exitHooked = false;

function unlinkUnfinished(): void {
  for (const path of unfinished) {
    try {
      unlinkSync(path);
    } catch {
      // Not created yet, or already renamed.
    }
  }
}

function removeUnfinished(): void {
  if (unfinished.size === 0) return;
  unlinkUnfinished();
  // An open() still running in Node's thread pool can create its file after that first pass.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  unlinkUnfinished();
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", removeUnfinished);
  exitOnSignals();
}

let counter = 0;

export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await ensureFolder(dirname(path));
  hookExit();
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  unfinished.add(temporary);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new OutputError(path, error);
  } finally {
    unfinished.delete(temporary);
  }
}
