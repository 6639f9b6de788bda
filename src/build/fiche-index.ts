/** <out>/fiches/index.csv: one line per fact sheet in the manifest, so that shards merge into one index. */
import { join } from "node:path";
import type { Manifest } from "./manifest.ts";
import { writeAtomic } from "./write.ts";

const cell = (value: string | number | undefined) => {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function ficheIndexCsv(manifest: Manifest): string {
  const rows = manifest.entries
    .filter((e) => e.kind === "fiche")
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((e) => [e.id, e.respondentType, e.vrindClass, e.pages, e.path.replace(/^fiches\//, "")].map(cell).join(","));
  return ["id,type,vrind_class,pages,file", ...rows].join("\n") + "\n";
}

export async function writeFicheIndex(outDir: string, manifest: Manifest): Promise<void> {
  if (manifest.entries.some((e) => e.kind === "fiche")) await writeAtomic(join(outDir, "fiches", "index.csv"), ficheIndexCsv(manifest));
}
