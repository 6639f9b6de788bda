/** The command behind scripts/merge-manifests.mjs, used by the CI job that gathers the shards. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ManifestError, reportFailure, UsageError } from "../errors.ts";
import { mergeManifests, serializeManifest, type Manifest } from "./manifest.ts";
import { OutputFolder } from "./output-folder.ts";
import { writeFicheIndex } from "./fiche-index.ts";
import * as msg from "../messages.ts";

/** A shard's manifest, or an error naming the file: a missing shard must not pass for an empty one. */
async function readShardManifest(path: string): Promise<Manifest> {
  try {
    const manifest = JSON.parse(await readFile(path, "utf8")) as Manifest;
    if (Array.isArray(manifest.entries)) return manifest;
    throw new Error("it has no list of entries");
  } catch (error) {
    throw new ManifestError(msg.manifestUnreadable(path, (error as Error).message));
  }
}

export async function runMergeManifests(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { out: { type: "string" } },
      allowPositionals: true,
    });
    if (!values.out || positionals.length === 0) throw new UsageError(msg.mergeUsage());
    const manifests = await Promise.all(positionals.map(readShardManifest));
    const merged = mergeManifests(manifests);
    const folder = new OutputFolder(values.out);
    await folder.write({ path: "manifest.json", kind: "manifest", content: serializeManifest(merged) }, "");
    await writeFicheIndex(folder, merged);
    console.log(msg.merged(positionals.length, merged.entries.length));
    return 0;
  } catch (error) {
    return reportFailure(error);
  }
}
