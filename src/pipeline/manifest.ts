/**
 * <out>/manifest.json: every output with its checksum, pages, input key and build time. It is also
 * the build cache's memory: an entry whose input key still matches, and whose file still has its
 * checksum, need not be printed again.
 */
import { readFile } from "node:fs/promises";
import { ManifestError } from "../errors.ts";
import type { ListedKind } from "../outputs/kinds.ts";
import { stableJson } from "./inputs.ts";
import * as msg from "../messages.ts";

export interface ManifestEntry {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  kind: ListedKind;
  /** Respondent id, type and VRIND class, for fact sheets (fiches/index.csv is made from them). */
  id?: string;
  respondentType?: string;
  vrindClass?: string;
  /** The respondent's name and NIS code, where the data has them. */
  name?: string;
  nis?: string;
  sha256: string;
  bytes: number;
  pages?: number;
  inputKey: string;
  buildMs: number;
}

export interface Manifest {
  /** The source date the PDFs carry (SOURCE_DATE_EPOCH or the data's last commit). */
  sourceDate: string;
  entries: ManifestEntry[];
}

export async function readManifest(path: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    return Array.isArray(parsed.entries) ? parsed : undefined;
  } catch {
    return undefined; // A damaged manifest only costs a full rebuild.
  }
}

/** Entries sorted by path, so that the file itself is reproducible. */
export function serializeManifest(manifest: Manifest): string {
  const entries = [...manifest.entries].sort((a, b) => (a.path < b.path ? -1 : 1));
  return `${JSON.stringify(JSON.parse(stableJson({ ...manifest, entries })), null, 2)}\n`;
}

/**
 * Joins the manifests of shards. The same path twice is allowed only with the same content: a
 * document built in two shards with different results means the shards did not split the work.
 */
export function mergeManifests(manifests: Manifest[]): Manifest {
  const byPath = new Map<string, ManifestEntry>();
  for (const manifest of manifests) {
    for (const entry of manifest.entries) {
      const seen = byPath.get(entry.path);
      if (seen && seen.sha256 !== entry.sha256) {
        throw new ManifestError(msg.builtTwice(entry.path, seen.sha256, entry.sha256));
      }
      byPath.set(entry.path, entry);
    }
  }
  const dates = new Set(manifests.map((m) => m.sourceDate));
  if (dates.size > 1) throw new ManifestError(msg.shardDates([...dates]));
  return { sourceDate: manifests[0]?.sourceDate ?? "", entries: [...byPath.values()] };
}
