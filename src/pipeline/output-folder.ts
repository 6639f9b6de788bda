/**
 * The output folder (`--out`), the one way files leave a build: every output a producer returns, the
 * manifest, fiches/index.csv and the build's own record are written through it (write.ts: a temporary
 * name, renamed into place). It also reads back what an earlier build left, to tell what is unchanged.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { OUTPUT_KINDS, type ListedKind } from "../outputs/kinds.ts";
import type { OutputFile } from "../outputs/producer.ts";
import { sha256 } from "./inputs.ts";
import type { ManifestEntry } from "./manifest.ts";
import { inParallel } from "./pool.ts";
import { writeAtomic } from "./write.ts";

const isListed = (file: OutputFile): file is OutputFile & { kind: ListedKind } => OUTPUT_KINDS[file.kind].listed;

export class OutputFolder {
  constructor(readonly root: string) {}

  pathOf(path: string): string {
    return join(this.root, path);
  }

  /** Writes one file; returns its manifest entry, when the manifest lists its kind. */
  async write(file: OutputFile, inputKey: string, buildMs = 0): Promise<ManifestEntry | undefined> {
    await writeAtomic(this.pathOf(file.path), file.content);
    if (!isListed(file)) return undefined;
    const { path, kind, content, facts } = file;
    return { path, kind, ...facts, sha256: sha256(content), bytes: Buffer.byteLength(content), inputKey, buildMs };
  }

  /** Writes files in order; the manifest entries of those it lists. */
  async writeAll(files: OutputFile[], inputKey: string, buildMs = 0): Promise<ManifestEntry[]> {
    const entries: ManifestEntry[] = [];
    for (const file of files) {
      const entry = await this.write(file, inputKey, buildMs);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** A file an earlier build wrote, or undefined when it is not there. */
  read(path: string): Promise<Uint8Array | undefined> {
    return readFile(this.pathOf(path)).then(
      (bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      () => undefined,
    );
  }

  /** Whether every entry's file is still there with its checksum. */
  async holds(entries: ManifestEntry[]): Promise<boolean> {
    const hashes = await inParallel(entries, async (entry) => {
      const bytes = await this.read(entry.path);
      return bytes && sha256(bytes);
    });
    return entries.every((entry, i) => hashes[i] === entry.sha256);
  }
}
