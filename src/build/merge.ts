/** The command behind scripts/merge-manifests.mjs, used by the CI job that gathers the shards. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ReportError, UsageError } from "../errors.ts";
import { mergeManifests, serializeManifest, type Manifest } from "./manifest.ts";
import { writeAtomic } from "./write.ts";
import { writeFicheIndex } from "./fiche-index.ts";

export async function runMergeManifests(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { out: { type: "string" } }, allowPositionals: true });
    if (!values.out || positionals.length === 0) throw new UsageError("usage: merge-manifests --out DIR MANIFEST…");
    const manifests = await Promise.all(positionals.map(async (p) => JSON.parse(await readFile(p, "utf8")) as Manifest));
    const merged = mergeManifests(manifests);
    await writeAtomic(join(values.out, "manifest.json"), serializeManifest(merged));
    await writeFicheIndex(values.out, merged);
    console.log(`merged ${positionals.length} manifests: ${merged.entries.length} outputs`);
    return 0;
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return error instanceof ReportError ? error.exitCode : 1;
  }
}
