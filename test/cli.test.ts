/**
 * The command line as a user meets it: a child process, its exit code (README, "Exit codes") and
 * what it prints. Nothing here prints a PDF; test/pipeline.test.ts covers what `build` writes.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../src/documents/context.ts";
import { loadCodebook } from "../src/survey/index.ts";
import { optionsFor, question } from "../src/model/codebook.ts";

const bin = join(projectRoot, "bin/vvsg-rapporten.mjs");
const validData = join(projectRoot, "test/fixtures/input/valid");
const unknownCode = join(projectRoot, "test/fixtures/pipeline/unknown-code");

/** An empty working folder, so that a command writing to its default output folder would show. */
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "cli-test-"));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const run = (...args: string[]) => execa("node", [bin, ...args], { cwd, reject: false, env: { NO_COLOR: "1" } });

describe("vvsg-rapporten --help", () => {
  for (const [command, options] of [
    ["build", ["--only", "--ids", "--data", "--out", "--shard", "--keep-html", "--force", "--concurrency"]],
    ["validate", ["--data"]],
    ["preview", ["--data", "--port"]],
  ] as const) {
    it(`shows the options of ${command} and exits 0`, async () => {
      const result = await run(command, "--help");
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(`vvsg-rapporten ${command}`);
      for (const option of options) expect(result.stdout).toContain(option);
    });
  }
});

describe("wrong use of the command line", () => {
  it("exits 64 naming an unknown command, and lists the commands", async () => {
    const result = await run("bouw");
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toContain('unknown command "bouw"');
    for (const command of ["build", "validate", "preview"]) expect(result.stderr).toContain(command);
  });

  it("exits 64 naming an unknown option, and shows the command's options", async () => {
    const result = await run("build", "--snel");
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toContain("--snel");
    expect(result.stderr).toContain("--concurrency");
  });

  it("exits 64 when build --ids names no respondent in the data, and writes nothing", async () => {
    const out = join(cwd, "out");
    const result = await run("build", "--data", validData, "--out", out, "--ids", "X999");
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toContain('"X999"');
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe("validate", () => {
  it("prints the counts of the fixture, exits 0 and writes nothing", async () => {
    const before = await Promise.all(["gemeenten.csv", "ocmws.csv"].map((f) => readFile(join(validData, f))));
    const result = await run("validate", "--data", validData);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("valid (4 gemeenten, 3 OCMW's)");
    expect(await readdir(cwd)).toEqual([]);
    expect(await readdir(validData)).toEqual(["gemeenten.csv", "ocmws.csv"]);
    expect(await Promise.all(["gemeenten.csv", "ocmws.csv"].map((f) => readFile(join(validData, f))))).toEqual(before);
  });

  it("exits 2 on an unknown answer code, naming file:line:column, the column and the codes expected", async () => {
    const file = join(unknownCode, "gemeenten.csv");
    const lines = (await readFile(file, "utf8")).split("\n");
    const line = lines.findIndex((l) => l.includes(",misschien,")) + 1;
    const column = lines[0]!.split(",").indexOf("bestuursakkoord") + 1;
    const codebook = await loadCodebook(join(projectRoot, "data/codebook.json"));
    const codes = optionsFor(question(codebook, "bestuursakkoord"), "gemeente").map((o) => o.code);

    const result = await run("validate", "--data", unknownCode);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${file}:${line}:${column}`);
    expect(result.stderr).toContain('column "bestuursakkoord"');
    expect(result.stderr).toContain('"misschien"');
    expect(result.stderr).toContain(`expected one of ${codes.join(", ")}`);
    // Printed once, by the CLI, without a stack trace.
    expect(result.stderr.match(/misschien/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
