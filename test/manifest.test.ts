import { describe, expect, it } from "vitest";
import { composeManifest } from "../src/pipeline/index.ts";
import type { Manifest, ManifestEntry } from "../src/pipeline/manifest.ts";

/** Files made together share their producer's input key: the bijlage's PDF and its web copy. */
const keyOf = (path: string) => path.replace(/\.(pdf|html)$/, "");
const entry = (path: string, sha = "old"): ManifestEntry => ({
  path,
  kind: "fiche",
  sha256: sha,
  bytes: 1,
  inputKey: keyOf(path),
  buildMs: 0,
});
const date = new Date("2008-12-01T00:00:00Z");
const previous: Manifest = {
  sourceDate: "2000-01-01T00:00:00.000Z",
  entries: ["bijlage.pdf", "bijlage.html", "errata.md", "fiches/G001.pdf", "fiches/G002.pdf", "fiches/G999.pdf"].map(
    (p) => entry(p),
  ),
};
const paths = (m: Manifest) => m.entries.map((e) => `${e.path}:${e.sha256}`).sort();

describe("the manifest after a build", () => {
  it("holds what was written and the entries and web copy of selected documents not written (unchanged/failed)", () => {
    const manifest = composeManifest(
      date,
      previous,
      ["bijlage.pdf", "fiches/G001.pdf"],
      [entry("fiches/G001.pdf", "new")],
      false,
    );
    expect(paths(manifest)).toEqual(["bijlage.html:old", "bijlage.pdf:old", "fiches/G001.pdf:new"]);
  });

  it("after a full build, drops documents that are no longer built (G999 left the data)", () => {
    const selected = ["bijlage.pdf", "fiches/G001.pdf", "fiches/G002.pdf"];
    expect(paths(composeManifest(date, previous, selected, [entry("errata.md", "new")], false))).not.toContain(
      "fiches/G999.pdf:old",
    );
  });

  it("after a partial build, keeps every entry of the documents it did not look at", () => {
    const manifest = composeManifest(date, previous, ["fiches/G002.pdf"], [entry("fiches/G002.pdf", "new")], true);
    expect(paths(manifest)).toEqual([
      "bijlage.html:old",
      "bijlage.pdf:old",
      "errata.md:old",
      "fiches/G001.pdf:old",
      "fiches/G002.pdf:new",
      "fiches/G999.pdf:old",
    ]);
  });

  it("carries the build's source date, not the previous one", () => {
    expect(composeManifest(date, previous, [], [], false).sourceDate).toBe("2008-12-01T00:00:00.000Z");
  });

  it("starts empty when there was no earlier build", () => {
    expect(paths(composeManifest(date, undefined, ["fiches/G001.pdf"], [], false))).toEqual([]);
  });
});
