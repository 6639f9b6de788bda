/**
 * The table of output kinds (src/outputs/kinds.ts) is the one list of what a build writes: the README's
 * list of outputs, the choices of --only, and which kinds a selection makes are all read from it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../src/documents/context.ts";
import { makes, ONLY_CHOICES, OUTPUT_KINDS, type OutputKind } from "../src/outputs/kinds.ts";

const readme = readFileSync(join(projectRoot, "README.md"), "utf8");

/** The rows of the README's table under "What you get in `output/`". */
function readmeOutputRows(): string[][] {
  const section = readme.slice(readme.indexOf("What you get in `output/`"));
  const table = section.slice(section.indexOf("| file | what |")).split("\n\n")[0]!;
  return table
    .split("\n")
    .slice(2)
    .map((line) => line.slice(2, -2).split(" | "));
}

const kinds = Object.keys(OUTPUT_KINDS) as OutputKind[];

describe("the table of output kinds", () => {
  it("is the README's list of outputs, row for row", () => {
    expect(readmeOutputRows()).toEqual(kinds.map((kind) => [OUTPUT_KINDS[kind].files, OUTPUT_KINDS[kind].what]));
  });

  it("gives --only its choices, each making at least one kind", () => {
    for (const only of ONLY_CHOICES) expect(kinds.filter((kind) => makes(kind, { only }))).not.toEqual([]);
  });

  it("makes everything but --keep-html's copies in a whole build", () => {
    expect(kinds.filter((kind) => !makes(kind, {}))).toEqual(["printed"]);
  });

  it("leaves the bijlage out of a build of some ids, and the web edition out of a shard", () => {
    expect(makes("bijlage", { ids: ["G001"] })).toBe(false);
    expect(makes("fiche", { ids: ["G001"] })).toBe(true);
    expect(makes("web", { shard: { index: 1, count: 4 } })).toBe(false);
    expect(makes("bijlage", { shard: { index: 1, count: 4 } })).toBe(true);
  });

  it("makes with --only fiches the fact sheets and their index, and the build's records", () => {
    expect(kinds.filter((kind) => makes(kind, { only: "fiches" }))).toEqual(["fiche", "index", "manifest", "record"]);
  });
});
