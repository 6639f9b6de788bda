/**
 * Issue 11, case 2: an interrupt at any moment of a build, to the CLI alone or to its whole process
 * group (what a terminal's Ctrl-C sends), once or twice, leaves no temporary file in the output
 * folder and nothing of the build's in the temporary folder.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../src/documents/context.ts";
import { LOCK_NAME } from "../src/pipeline/lock.ts";
import { processesMentioning } from "./helpers/processes.ts";
import { until } from "./helpers/wait.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => relative(dir, join(dir, f)));
  } catch {
    return [];
  }
}

/** A build's own moments, read from its log and its output folder. */
const MOMENTS = {
  /** Loading the data while the browser that --force starts early is starting: its profile is there. */
  starting: (run: Run) => readdirSync(run.tmp).some((f) => f.startsWith("vvsg-chromium-")),
  /** Some fact sheet being written: its temporary file is there. */
  writing: (run: Run) => filesUnder(run.out).some((f) => f.endsWith(".tmp")) || /^print: 3\//m.test(run.stderr()),
  printing: (run: Run) => /^print: 1\//m.test(run.stderr()),
} as const;

interface Run {
  out: string;
  tmp: string;
  stderr(): string;
}

/**
 * The CLI in a process group of its own, with its own TMPDIR so that what it leaves there is
 * told apart from what builds beside it leave.
 */
function startBuild() {
  const tmp = mkdtempSync(join(tmpdir(), "vvsg-interrupt-"));
  temporary.push(tmp);
  const out = join(tmp, "out");
  const child = execa(
    "node",
    [
      "bin/vvsg-rapporten.mjs",
      "build",
      "--force",
      "--only",
      "fiches",
      "--data",
      validData,
      "--out",
      out,
      "--concurrency",
      "2",
    ],
    {
      cwd: projectRoot,
      env: { TMPDIR: tmp },
      detached: true,
      reject: false,
      timeout: 60_000,
    },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, run: { out, tmp, stderr: () => stderr } };
}

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type Case = { moment: keyof typeof MOMENTS; signals: (keyof typeof CODES)[]; group: boolean };

const CASES: Case[] = [
  { moment: "starting", signals: ["SIGINT"], group: true },
  { moment: "printing", signals: ["SIGINT"], group: true },
  { moment: "printing", signals: ["SIGTERM"], group: false },
  { moment: "writing", signals: ["SIGINT"], group: false },
  { moment: "writing", signals: ["SIGTERM"], group: true },
  // A second Ctrl-C while the first one's clean-up runs.
  { moment: "printing", signals: ["SIGINT", "SIGINT"], group: true },
  { moment: "starting", signals: ["SIGTERM", "SIGINT"], group: false },
];

describe("an output interrupted while it is written", () => {
  it("leaves no temporary file beside its target", async () => {
    const out = mkdtempSync(join(tmpdir(), "vvsg-interrupt-"));
    temporary.push(out);
    const child = execa("node", ["--import", "tsx", "test/fixtures/interrupt/write-large.ts", out], {
      cwd: projectRoot,
      reject: false,
      timeout: 60_000,
    });
    await until(
      () => readdirSync(out).some((f) => f.endsWith(".tmp")) || child.exitCode !== null,
      30_000,
      "the temporary file",
    );
    expect(child.exitCode).toBeNull();
    child.kill("SIGINT");
    expect((await child).exitCode).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe("an interrupted build", () => {
  for (const { moment, signals, group } of CASES) {
    const to = group ? "its process group" : "the CLI";
    const code = CODES[signals[0]!];
    it(`${signals.join(" then ")} to ${to} while ${moment} exits ${code} and leaves nothing behind`, async () => {
      const { child, run } = startBuild();
      await until(() => MOMENTS[moment](run) || child.exitCode !== null, 60_000, `the moment "${moment}"`);
      expect(child.exitCode).toBeNull();
      for (const signal of signals) process.kill(group ? -child.pid! : child.pid!, signal);
      // Two signals sent at once may be handled in either order; either way, the process exits by itself.
      const codes = signals.length === 1 ? [CODES[signals[0]!]] : Object.values(CODES);
      expect(codes).toContain((await child).exitCode);
      await until(() => processesMentioning(run.tmp).length === 0, 5_000, "the browser processes to end");
      expect(filesUnder(run.out).filter((f) => f.endsWith(".tmp") || f.startsWith(LOCK_NAME))).toEqual([]);
      // tsx keeps its compile cache there (tsx-<uid>), across runs, by design.
      expect(readdirSync(run.tmp).filter((f) => f !== "out" && !f.startsWith("tsx-"))).toEqual([]);
    });
  }
});
