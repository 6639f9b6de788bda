/**
 * The date a build stamps on its PDFs: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention), else the time of the last commit that touched the data, else the data files'
 * newest modification time. Never the time of the build, so equal inputs give equal bytes.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { sourceDate } from "../print/metadata.ts";

async function lastDataCommit(dataDir: string): Promise<Date | undefined> {
  const result = await execa("git", ["log", "-1", "--format=%ct", "--", "."], { cwd: dataDir, reject: false });
  const seconds = Number(result.stdout.trim());
  return result.exitCode === 0 && result.stdout.trim() !== "" && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

async function newestFile(dataDir: string): Promise<Date> {
  const names = await readdir(dataDir);
  const times = await Promise.all(names.map(async (n) => (await stat(join(dataDir, n))).mtimeMs));
  return new Date(Math.floor(Math.max(0, ...times) / 1000) * 1000);
}

export async function buildDate(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Date> {
  return sourceDate(env) ?? (await lastDataCommit(dataDir)) ?? (await newestFile(dataDir));
}
