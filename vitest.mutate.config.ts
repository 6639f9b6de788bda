import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * The tests `npm run mutate` runs against each mutant: those that start no browser and no child
 * process, so that Stryker can trace which test covers which mutant and a run fits two shared cores.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      "test/aggregate.test.ts",
      "test/charts.test.ts",
      "test/factsheet.test.ts",
      "test/format.test.ts",
      "test/generate.test.ts",
      "test/load.test.ts",
      "test/reconcile.test.ts",
      "test/validate.test.ts",
    ],
    reporters: ["default"],
  },
});
