/**
 * Issue 11, case 5: one build at a time in an output folder. A second one stops at once with exit
 * code 5, naming the folder and the other build's pid, and touches nothing; a lock left by a
 * build that was killed is taken over.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it, vi } from "vitest";
import { projectRoot } from "../src/documents/context.ts";
import { OutputLockedError } from "../src/errors.ts";
import { LOCK_NAME, lockOutput } from "../src/pipeline/lock.ts";
import { main } from "../src/cli.ts";
import { until } from "./helpers/wait.ts";
import { tempDirs } from "./helpers/temp.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");

const tempDir = tempDirs("vvsg-lock");

/** A process that takes the lock on `out` and holds it until it is killed. */
async function lockHolder(out: string) {
  const holder = execa("node", ["--import", "tsx", "test/fixtures/lock/hold.ts", out], {
    cwd: projectRoot,
    reject: false,
    timeout: 30_000,
  });
  await until(() => existsSync(join(out, LOCK_NAME, "pid")), 20_000, "the holder's lock");
  // In an object: awaiting the process itself would wait for it to end.
  return { holder };
}

async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const code = await main(args);
    return { code, output: log.mock.calls.flat().map(String).join("\n") };
  } finally {
    log.mockRestore();
  }
}

type Manifest = { entries: { path: string; sha256: string }[] };

describe("two builds into one output folder", () => {
  it("the second exits at once with code 5, naming the folder and the first's pid; the first completes", async () => {
    const out = join(tempDir(), "out");
    const first = execa("node", ["bin/vvsg-rapporten.mjs", "build", "--data", validData, "--out", out], {
      cwd: projectRoot,
      reject: false,
      timeout: 90_000,
    });
    await until(() => existsSync(join(out, LOCK_NAME, "pid")), 30_000, "the first build's lock");

    const second = await cli(["build", "--only", "fiches", "--data", validData, "--out", out]);
    // Had it waited for the first, it would have built after it, with exit code 0.
    expect(second.code).toBe(5);
    expect(second.output).toContain(`error: the output folder ${out} is in use by another build (pid ${first.pid})`);
    expect(second.output).toContain("wait until it ends or choose another --out");

    expect((await first).exitCode).toBe(0);
    // Every document of the first build is in its manifest, and each file is the one it describes.
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.entries.map((e) => e.path)).toEqual(
      expect.arrayContaining(["bijlage.pdf", "fiches/G001.pdf", "fiches/O003.pdf", "errata.md"]),
    );
    expect(readdirSync(out)).not.toContain(LOCK_NAME);

    // The folder is free again.
    expect((await cli(["build", "--only", "fiches", "--data", validData, "--out", out])).code).toBe(0);
  });
});

describe("a lock left by a build that was killed", () => {
  it("is taken over by the next build", async () => {
    const out = tempDir();
    const { holder } = await lockHolder(out);
    await expect(lockOutput(out)).rejects.toThrow(OutputLockedError);
    holder.kill("SIGKILL");
    await holder;
    // Killed outright, it could not give the lock back.
    expect(readFileSync(join(out, LOCK_NAME, "pid"), "utf8")).toBe(String(holder.pid));

    const release = await lockOutput(out);
    expect(readFileSync(join(out, LOCK_NAME, "pid"), "utf8")).toBe(String(process.pid));
    await release();
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
  });

  it("is given back when a build is interrupted", async () => {
    const out = tempDir();
    const { holder } = await lockHolder(out);
    holder.kill("SIGTERM");
    await holder;
    expect(readdirSync(out)).toEqual([]);
  });
});
