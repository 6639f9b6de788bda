import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { inParallel, runPool } from "../src/pipeline/pool.ts";

describe("the print pool", () => {
  it("runs every job once and never more than the concurrency at a time (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }), async (count, concurrency) => {
        let running = 0;
        let peak = 0;
        const seen: number[] = [];
        await runPool(
          Array.from({ length: count }, (_, i) => i),
          concurrency,
          async (i) => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, i % 3));
            seen.push(i);
            running--;
          },
        );
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(peak).toBeLessThanOrEqual(concurrency);
      }),
      { numRuns: 30 },
    );
  });
});

describe("work on many items, some at a time", () => {
  it("gives each item's result in the items' order, however the work finishes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), async (delays) => {
        let running = 0;
        let peak = 0;
        const results = await inParallel(
          delays,
          async (delay) => {
            peak = Math.max(peak, ++running);
            await new Promise((r) => setTimeout(r, delay));
            running--;
            return delay * 10;
          },
          4,
        );
        expect(results).toEqual(delays.map((d) => d * 10));
        expect(peak).toBeLessThanOrEqual(4);
      }),
      { numRuns: 20 },
    );
  });
});
