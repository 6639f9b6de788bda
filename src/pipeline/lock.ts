/**
 * One build at a time in an output folder: two would each write a manifest that lacks the other's
 * documents, or describes files the other replaced. A second build stops at once (it does not wait),
 * naming the build that holds the folder. A lock left by a build that was killed is taken over:
 * at once when its process is gone, else once it has not been refreshed for STALE_MS.
 */
import * as fs from "node:fs";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { OutputError, OutputLockedError } from "../errors.ts";
import { ensureFolder, LOCK_NAME } from "./write.ts";

export { LOCK_NAME } from "./write.ts";
const STALE_MS = 10_000;

/**
 * The lock is a folder (proper-lockfile); it holds the owner's pid, so it is removed as a whole. It is
 * held from the moment its folder is made: an interrupt while the lock is being taken removes it too.
 */
const lockFs = {
  ...fs,
  mkdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.mkdir(path, (error) => {
      if (!error) hold(path);
      callback(error);
    }),
  rmdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.rm(path, { recursive: true }, callback),
  rmdirSync: (path: string) => fs.rmSync(path, { recursive: true }),
};

function ownerOf(lock: string): number | undefined {
  const pid = Number(fs.readFileSync(join(lock, "pid"), "utf8").trim() || NaN);
  return Number.isInteger(pid) ? pid : undefined;
}

const readOwner = (lock: string) => {
  try {
    return ownerOf(lock);
  } catch {
    return undefined; // being written, or gone
  }
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Locks this process holds, removed however it ends (Ctrl-C included: see src/exit-on-signal.ts). */
const held = new Set<string>();

function removeHeld(): void {
  for (const lock of held) fs.rmSync(lock, { recursive: true, force: true });
}

function hold(lock: string): void {
  held.add(lock);
  if (!process.listeners("exit").includes(removeHeld)) process.on("exit", removeHeld);
}

async function acquire(folder: string, lock: string): Promise<() => Promise<void>> {
  const release = await lockfile.lock(folder, {
    lockfilePath: lock,
    realpath: false,
    retries: 0,
    stale: STALE_MS,
    fs: lockFs,
    // Only when the lock was taken over from under a build that stalled for STALE_MS; it is
    // finishing, and the build that took over writes the manifest after it.
    onCompromised: () => undefined,
  });
  // proper-lockfile tells its lock from a stranger's by the folder's mtime, which adding a file changes.
  const { atime, mtime } = fs.statSync(lock);
  fs.writeFileSync(join(lock, "pid"), String(process.pid));
  fs.utimesSync(lock, atime, mtime);
  return async () => {
    held.delete(lock);
    // Giving back a lock that was taken over is no error of this build's.
    await release().catch(() => undefined);
  };
}

/** Makes the output folder if need be and takes it for this build; call the result to give it back. */
export async function lockOutput(folder: string): Promise<() => Promise<void>> {
  await ensureFolder(folder);
  const lock = join(folder, LOCK_NAME);
  for (let attempt = 1; ; attempt++) {
    try {
      return await acquire(folder, lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw new OutputError(folder, error);
      const owner = readOwner(lock);
      if (attempt > 1 || owner === undefined || isAlive(owner)) throw new OutputLockedError(folder, owner);
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
