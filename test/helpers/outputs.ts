/** What the build tests share: options for a quiet build, and the files an output folder holds. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BuildOptions } from "../../src/pipeline/index.ts";
import { sha256 } from "../../src/pipeline/inputs.ts";
import { STATE_NAME } from "../../src/pipeline/write.ts";

/** A quiet build of `dataDir` into `outDir`, two documents at a time, printing only what changed. */
export const buildOptions = (dataDir: string, outDir: string, more: Partial<BuildOptions> = {}): BuildOptions => ({
  dataDir,
  outDir,
  keepHtml: false,
  force: false,
  concurrency: 2,
  quiet: true,
  ...more,
});

/** Every file under `dir`, by its path relative to it, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/**
 * Every output under `dir` by relative path, with its sha256; not the build's record of the file
 * system (src/pipeline/up-to-date.ts), which any build that rewrites manifest.json renews.
 */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await filesUnder(dir)).filter((f) => f !== STATE_NAME);
  return Object.fromEntries(
    await Promise.all(files.map(async (f) => [f, sha256(await readFile(join(dir, f)))] as const)),
  );
}
