import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser-backed tests print real PDFs; a cold Chromium start on a loaded 2-core machine is slow.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default", "./test/reporters/plain-summary.ts"],
  },
});
