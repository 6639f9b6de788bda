/**
 * The date a build stamps on its PDFs: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention), else the time of the last commit that touched the data, else the data files'
 * newest modification time. Never the time of the build, so equal inputs give equal bytes.
 */
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "../errors.ts";
import * as msg from "../messages.ts";

/** The build date from SOURCE_DATE_EPOCH (reproducible-builds.org), or undefined when it is not set. */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return undefined;
  if (!/^\d+$/.test(epoch)) {
    throw new EnvironmentError(msg.badSourceDate(epoch));
  }
  return new Date(Number(epoch) * 1000);
}

/** node:child_process rather than execa, which a rebuild with nothing to print would load for this alone. */
function lastDataCommit(dataDir: string): Promise<Date | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["log", "-1", "--format=%ct", "--", "."], { cwd: dataDir }, (error, stdout) => {
      const seconds = Number(stdout.trim());
      resolve(!error && stdout.trim() !== "" && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined);
    });
  });
}

async function newestFile(dataDir: string): Promise<Date> {
  const names = await readdir(dataDir);
  const times = await Promise.all(names.map(async (n) => (await stat(join(dataDir, n))).mtimeMs));
  return new Date(Math.floor(Math.max(0, ...times) / 1000) * 1000);
}

export async function buildDate(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Date> {
  return sourceDate(env) ?? (await lastDataCommit(dataDir)) ?? (await newestFile(dataDir));
}
