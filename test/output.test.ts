/**
 * Issue 11, case 1: an output path that cannot be a folder, a read-only disk and a full one each
 * stop the build with exit code 5 and one line naming the path and why, never a stack trace.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { projectRoot } from "../src/documents/context.ts";
import { OutputError } from "../src/errors.ts";
import { ensureFolder, writeAtomic } from "../src/pipeline/write.ts";
import { main } from "../src/cli.ts";
import { tempDirs } from "./helpers/temp.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");

const tempDir = tempDirs("vvsg-output");
const mounted: string[] = [];
// After hooks run last-registered first: the disks are unmounted before their folders are removed.
afterAll(() => {
  for (const dir of mounted) execFileSync("umount", [dir]);
});

/** A tmpfs of its own (root only; CI runs as root): a disk that can be made full or read-only. */
function smallDisk(options: string): string | undefined {
  const dir = tempDir();
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  mounted.push(dir);
  return dir;
}
const canMount = (() => {
  const probe = smallDisk("size=64k");
  if (probe) execFileSync("umount", [mounted.pop()!]);
  return probe !== undefined;
})();

/** The CLI's exit code and everything it printed. */
async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const code = await main(args);
    return { code, output: log.mock.calls.flat().map(String).join("\n") };
  } finally {
    log.mockRestore();
  }
}

describe("an output folder below a file", () => {
  it.each([
    ["a file the user made", () => join(tempDir(), "een-bestand"), (file: string) => writeFileSync(file, "x")],
    ["a device", () => "/dev/full", () => undefined],
  ])("(%s) stops the build with exit code 5 and one line naming the file in the way", async (_, blockerPath, make) => {
    const blocker = blockerPath();
    make(blocker);
    const { code, output } = await cli(["build", "--data", validData, "--out", join(blocker, "out"), "--ids", "G001"]);
    expect(code).toBe(5);
    expect(output.split("\n").filter((line) => line.startsWith("error:"))).toEqual([
      `error: cannot write ${join(blocker, "out")}: ${blocker} is not a folder: a file stands at ${blocker}; ` +
        "move it or choose another --out. Earlier outputs were left as they were.",
    ]);
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe("ensureFolder", () => {
  it("names the nearest file in the way, however deep the folder", async () => {
    const file = join(tempDir(), "bestand");
    writeFileSync(file, "x");
    await expect(ensureFolder(join(file, "a", "b"))).rejects.toMatchObject({
      path: join(file, "a", "b"),
      message: expect.stringContaining(`a file stands at ${file};`),
    });
  });

  it("makes every missing folder", async () => {
    const dir = join(tempDir(), "a", "b", "c");
    await ensureFolder(dir);
    expect(readdirSync(join(dir, ".."))).toEqual(["c"]);
  });
});

describe.skipIf(!canMount)("a disk that refuses the output", () => {
  it("read-only: --only fiches names the output folder and says the disk is read-only (exit code 5)", async () => {
    const disk = smallDisk("size=1m")!;
    mkdirSync(join(disk, "out"));
    execFileSync("mount", ["-o", "remount,ro", disk]);
    const { code, output } = await cli([
      "build",
      "--only",
      "fiches",
      "--data",
      validData,
      "--out",
      join(disk, "out"),
      "--ids",
      "G001",
    ]);
    expect(code).toBe(5);
    expect(output).toContain(`error: cannot write ${join(disk, "out")}: the disk is read-only; choose another --out.`);
    expect(output).not.toContain("ENOENT");
  });

  it("full: says so, and leaves no temporary file", async () => {
    const disk = smallDisk("size=64k")!;
    const target = join(disk, "bijlage.pdf");
    const failure = writeAtomic(target, new Uint8Array(1 << 20));
    await expect(failure).rejects.toThrow(OutputError);
    await expect(failure).rejects.toThrow(`cannot write ${target}: the disk is full; free some space and build again.`);
    expect(readdirSync(disk)).toEqual([]);
  });
});
