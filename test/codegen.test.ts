import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generate, generatedPath } from "../scripts/codegen.ts";
import type { Codebook } from "../src/model/codebook.ts";

describe("the answer types", () => {
  it("are generated from the codebook as it stands (run `npm run codegen` after changing it)", async () => {
    const codebook = JSON.parse(await readFile(new URL("../data/codebook.json", import.meta.url), "utf8")) as Codebook;
    expect(await readFile(generatedPath, "utf8")).toBe(generate(codebook));
  });
});
