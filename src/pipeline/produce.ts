/**
 * Producers against the last build: what each made then, whether it must run again, and running it
 * through the output folder. A producer's files share its input key in the manifest, so the entries of
 * one run are found by its main file and that key.
 */
import type { Producer } from "../outputs/producer.ts";
import type { Manifest, ManifestEntry } from "./manifest.ts";
import type { OutputFolder } from "./output-folder.ts";
import { inParallel } from "./pool.ts";

export type Failure = { path: string; message: string };

/** What a phase made: manifest entries of the files it wrote, the producers it ran, kept, and saw fail. */
export interface Outcome {
  entries: ManifestEntry[];
  /** Every producer the phase looked at, by its main file: the manifest keeps the last files of those not run. */
  names: string[];
  written: string[];
  unchanged: number;
  failed: Failure[];
}

export const emptyOutcome = (): Outcome => ({ entries: [], names: [], written: [], unchanged: 0, failed: [] });

export interface PreviousOutputs {
  /** The entries the run that made `name` left (its main file, and the files made with it). */
  of(name: string): ManifestEntry[];
}

export function previousOutputs(manifest: Manifest | undefined): PreviousOutputs {
  const entries = manifest?.entries ?? [];
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const byKey = new Map<string, ManifestEntry[]>();
  for (const entry of entries) byKey.set(entry.inputKey, [...(byKey.get(entry.inputKey) ?? []), entry]);
  return {
    of(name) {
      const main = byPath.get(name);
      return main ? byKey.get(main.inputKey)! : [];
    },
  };
}

/** Whether a producer's files are still those of its last run with the same input key. */
export async function unchanged(
  producer: Producer<never>,
  previous: PreviousOutputs,
  folder: OutputFolder,
): Promise<boolean> {
  const before = previous.of(producer.name);
  return before[0]?.inputKey === producer.inputKey && (await folder.holds(before));
}

/** Makes a producer's files and writes them; their manifest entries, the main file's with the time it took. */
export async function produce<Tools>(
  producer: Producer<Tools>,
  tools: Tools,
  folder: OutputFolder,
): Promise<ManifestEntry[]> {
  const started = performance.now();
  const files = await producer.make(tools);
  const buildMs = Math.round(performance.now() - started);
  const entries = await folder.writeAll(files, producer.inputKey);
  return entries.map((entry) => (entry.path === producer.name ? { ...entry, buildMs } : entry));
}

/** The producers whose input key changed since the last build, or whose files are gone or were altered. */
export async function changed<P extends Producer<never>>(
  producers: P[],
  before: PreviousOutputs,
  folder: OutputFolder,
  onChange = () => undefined as void,
): Promise<P[]> {
  const same = await inParallel(producers, async (producer) => {
    const kept = await unchanged(producer, before, folder);
    if (!kept) onChange();
    return kept;
  });
  return producers.filter((_, i) => !same[i]);
}

/**
 * Runs, one after another, the producers whose key or files changed since the last build. One that fails
 * is listed, like a document that fails to print: the others are made, and its last good files stay.
 */
export async function produceEach(
  producers: Producer[],
  { before, folder, force }: { before: PreviousOutputs; folder: OutputFolder; force: boolean },
  outcome: Outcome,
): Promise<void> {
  const toMake = new Set(force ? producers : await changed(producers, before, folder));
  for (const producer of producers) {
    outcome.names.push(producer.name);
    if (!toMake.has(producer)) {
      outcome.unchanged++;
      continue;
    }
    try {
      outcome.entries.push(...(await produce(producer, undefined, folder)));
      outcome.written.push(producer.name);
    } catch (error) {
      outcome.failed.push({ path: producer.name, message: (error as Error).message });
    }
  }
}
