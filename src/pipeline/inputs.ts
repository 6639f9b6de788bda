/**
 * Input keys: a document is printed again only when something it reads changed. A key hashes the
 * model the template reads (which already holds every figure it shows), the templates, chart specs,
 * styles and fonts it is made with, and the code's version.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { inParallel } from "./pool.ts";

export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** JSON with sorted keys, so the same model always hashes the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** One hash over the names and contents of every file under the given folders and files, read some at a time. */
export async function hashFiles(root: string, paths: string[]): Promise<string> {
  const listed = await Promise.all(
    paths.map(async (path) => {
      const absolute = join(root, path);
      const isDirectory = (await stat(absolute).catch(() => undefined))?.isDirectory();
      return isDirectory ? await filesUnder(absolute) : [absolute];
    }),
  );
  const files = listed.flat();
  const contents = await inParallel(files, (file) => readFile(file));
  const hash = createHash("sha256");
  files.forEach((file, i) => hash.update(relative(root, file)).update("\0").update(contents[i]!).update("\0"));
  return hash.digest("hex");
}

export function inputKey(...parts: string[]): string {
  return sha256(parts.join("\n"));
}
