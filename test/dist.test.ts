/**
 * The CLI runs compiled JavaScript (scripts/dist.mjs): all of src/, compiled again exactly when a
 * source changed, and a command loads only the packages it needs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../src/documents/context.ts";

// dist.mjs is plain JavaScript without type declarations; this is the one function it exports.
const { ensureDist } = (await import("../scripts/dist.mjs" as string)) as {
  ensureDist: (dirs?: { src: string; dist: string }) => Promise<boolean>;
};

describe("compiling src/ to dist/", () => {
  let dir: string;
  let dirs: { src: string; dist: string };
  const source = (name: string, text: string) => {
    mkdirSync(join(dirs.src, name, ".."), { recursive: true });
    writeFileSync(join(dirs.src, name), text);
  };
  const run = async (name: string) => (await execa("node", [join(dirs.dist, name)])).stdout;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "dist-test-"));
    dirs = { src: join(dir, "src"), dist: join(dir, "dist") };
    source(
      "main.ts",
      'import { greet } from "./lib/greet.ts";\nconst who: string = "wereld";\nconsole.log(greet(who));\n',
    );
    source(
      "lib/greet.ts",
      'import { join } from "node:path";\nexport const greet = (who: string): string => join("dag", who);\n',
    );
    source("types.d.ts", "declare const nothing: never;\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("compiles every source, keeping its folder, with imports pointing at the compiled files", async () => {
    expect(await ensureDist(dirs)).toBe(true);
    expect(await run("main.js")).toBe("dag/wereld");
    expect(readFileSync(join(dirs.dist, "main.js"), "utf8")).toContain('from "./lib/greet.js"');
    expect(existsSync(join(dirs.dist, "types.js")) || existsSync(join(dirs.dist, "types.d.js"))).toBe(false);
  });

  it("does nothing while no source changed", async () => {
    await ensureDist(dirs);
    expect(await ensureDist(dirs)).toBe(false);
  });

  it("compiles again when a source is touched, even back to an older time", async () => {
    await ensureDist(dirs);
    source("lib/greet.ts", "export const greet = (who: string): string => `hallo ${who}`;\n");
    const old = new Date(2001, 0, 1);
    utimesSync(join(dirs.src, "lib/greet.ts"), old, old);
    expect(await ensureDist(dirs)).toBe(true);
    expect(await run("main.js")).toBe("hallo wereld");
  });

  it("takes a new module, and drops the compiled file of a removed one", async () => {
    await ensureDist(dirs);
    source("extra/new.ts", 'console.log("nieuw");\n');
    expect(await ensureDist(dirs)).toBe(true);
    expect(await run("extra/new.js")).toBe("nieuw");
    rmSync(join(dirs.src, "extra/new.ts"));
    expect(await ensureDist(dirs)).toBe(true);
    expect(existsSync(join(dirs.dist, "extra/new.js"))).toBe(false);
  });
});

describe("what a command loads", () => {
  const hook = pathToFileURL(join(projectRoot, "test/fixtures/cli/packages-loaded.mjs")).href;
  const validData = join(projectRoot, "test/fixtures/input/valid");
  const packagesLoaded = async (...args: string[]) => {
    const result = await execa("node", ["--import", hook, join(projectRoot, "bin/vvsg-rapporten.mjs"), ...args], {
      cwd: projectRoot,
      reject: false,
    });
    return new Set([...result.stderr.matchAll(/^package: (.+)$/gm)].map((m) => m[1]!.split("/")[0]));
  };
  const printing = ["puppeteer", "vega", "vega-lite", "handlebars", "pdf-lib", "fontkit", "execa", "tsx", "exceljs"];

  it("validate loads none of what printing needs", async () => {
    const loaded = await packagesLoaded("validate", "--data", validData);
    expect(loaded.has("csv-parse")).toBe(true);
    for (const name of printing) expect(loaded.has(name), name).toBe(false);
  });

  it("a build that stops before printing (having loaded, checked and planned) loads none of it either", async () => {
    // An earlier build's manifest: without one, every document will print and the browser starts at once.
    const out = mkdtempSync(join(tmpdir(), "dist-test-out-"));
    writeFileSync(join(out, "manifest.json"), JSON.stringify({ sourceDate: "", entries: [] }));
    try {
      const loaded = await packagesLoaded("build", "--data", validData, "--out", out, "--ids", "X999");
      expect(loaded.has("csv-parse")).toBe(true);
      for (const name of printing) expect(loaded.has(name), name).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("a full rebuild with nothing changed (documents, web edition) loads none of it, nor parses data", async () => {
    const out = mkdtempSync(join(tmpdir(), "dist-test-full-"));
    try {
      const first = await execa(
        "node",
        [join(projectRoot, "bin/vvsg-rapporten.mjs"), "build", "--data", validData, "--out", out],
        {
          cwd: projectRoot,
          reject: false,
        },
      );
      expect(first.exitCode, first.stderr).toBe(0);
      const loaded = await packagesLoaded("build", "--data", validData, "--out", out);
      for (const name of [...printing, "csv-parse"]) expect(loaded.has(name), name).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("a build with nothing written before starts loading the browser at once", async () => {
    const loaded = await packagesLoaded(
      "build",
      "--data",
      validData,
      "--out",
      join(tmpdir(), "never-written"),
      "--ids",
      "X999",
    );
    expect(loaded.has("puppeteer")).toBe(true);
  });
});
