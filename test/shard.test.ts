import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { inShard, parseShard } from "../src/pipeline/shard.ts";
import { UsageError } from "../src/errors.ts";

describe("--shard i/n", () => {
  it("builds every document in exactly one shard, and shards differ by at most one (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 12 }), (documents, count) => {
        const all = Array.from({ length: documents }, (_, i) => `fiches/${i}.pdf`);
        const parts = Array.from({ length: count }, (_, i) => inShard(all, { index: i + 1, count }));
        expect(parts.flat().sort()).toEqual([...all].sort());
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("reads i/n and refuses anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "2", ""]) expect(() => parseShard(bad)).toThrow(UsageError);
  });
});
