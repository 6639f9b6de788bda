/** <out>/fiches/index.csv: one line per fact sheet in the manifest, so that shards merge into one index. */
import { UsageError } from "../errors.ts";
import type { Respondent } from "../model/survey.ts";
import type { Manifest } from "./manifest.ts";
import type { OutputFolder } from "./output-folder.ts";
import * as msg from "../messages.ts";

/** What a fact sheet's file is named after: the data's id (G001.pdf) or the NIS code (41002.pdf). */
export type FileNaming = "id" | "nis";

export function parseFileNaming(value: unknown): FileNaming {
  if (value === undefined || value === "id" || value === "nis") return value ?? "id";
  throw new UsageError(msg.badFileNaming(String(value)));
}

function nisOf(respondent: Respondent): string {
  if (respondent.nis === undefined) throw new UsageError(msg.noNisColumn(respondent.source.file));
  return respondent.nis;
}

/**
 * Each respondent's file name (without ".pdf"), by id. By NIS code, a gemeente and its OCMW share
 * one: then both get their type's code after it (41002-gemeente, 41002-ocmw).
 */
export function ficheFileNames(respondents: Respondent[], naming: FileNaming = "id"): Map<string, string> {
  if (naming === "id") return new Map(respondents.map((r) => [r.id, r.id]));
  const uses = new Map<string, number>();
  for (const r of respondents) uses.set(nisOf(r), (uses.get(nisOf(r)) ?? 0) + 1);
  return new Map(respondents.map((r) => [r.id, uses.get(nisOf(r))! > 1 ? `${nisOf(r)}-${r.type}` : nisOf(r)]));
}

const cell = (value: string | number | undefined) => {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The name and NIS columns appear when the data names its respondents. */
export function ficheIndexCsv(manifest: Manifest): string {
  const fiches = manifest.entries.filter((e) => e.kind === "fiche").sort((a, b) => (a.path < b.path ? -1 : 1));
  const named = fiches.some((e) => e.name !== undefined || e.nis !== undefined);
  const rows = fiches.map((e) =>
    [e.id, e.respondentType, e.vrindClass, e.pages, e.path.replace(/^fiches\//, ""), ...(named ? [e.name, e.nis] : [])]
      .map(cell)
      .join(","),
  );
  return [`id,type,vrind_class,pages,file${named ? ",name,nis" : ""}`, ...rows].join("\n") + "\n";
}

export async function writeFicheIndex(folder: OutputFolder, manifest: Manifest): Promise<void> {
  if (manifest.entries.some((e) => e.kind === "fiche"))
    await folder.write({ path: "fiches/index.csv", kind: "index", content: ficheIndexCsv(manifest) }, "");
}
