/**
 * Every exit code the README documents, produced through the command line as a user meets it.
 * Codes that need a broken template or a bug run a copy of the project with that one file changed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../src/documents/context.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");
const unknownCode = join(projectRoot, "test/fixtures/pipeline/unknown-code");
const scratch = mkdtempSync(join(tmpdir(), "exit-codes-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the project (sharing its node_modules) with some files replaced. */
function projectWith(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const part of ["src", "scripts", "templates", "bin", "data", "package.json", "package-lock.json"]) {
    cpSync(join(projectRoot, part), join(root, part), { recursive: true });
  }
  symlinkSync(join(projectRoot, "node_modules"), join(root, "node_modules"));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

function cli(args: string[], options: { root?: string; env?: Record<string, string> } = {}) {
  const bin = join(options.root ?? projectRoot, "bin/vvsg-rapporten.mjs");
  return execa("node", [bin, ...args], { cwd: scratch, reject: false, env: { NO_COLOR: "1", ...options.env } });
}

const out = (name: string) => ["--out", join(scratch, name)];

/** The codes of the README's "Exit codes" table. */
function documentedCodes(): number[] {
  const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
  const table = readme.split("Exit codes:")[1]!.split("\n\n")[1]!;
  return [...table.matchAll(/^\| ([\d /]+) \|/gm)].flatMap((m) => m[1]!.split("/").map((c) => Number(c.trim())));
}

const cases: { code: number; when: string; run: () => ReturnType<typeof cli> }[] = [
  {
    code: 0,
    when: "the build succeeds",
    run: () => cli(["build", "--data", validData, "--ids", "G001", ...out("ok")]),
  },
  {
    code: 1,
    when: "one document fails (a fact sheet's template reads a field the model lacks)",
    run: () =>
      cli(["build", "--data", validData, "--only", "fiches", ...out("one-fails")], {
        root: projectWith("one-fails", { "templates/fiche/parts/own.hbs": "{{no.such.field}}" }),
      }),
  },
  { code: 2, when: "the data is invalid", run: () => cli(["validate", "--data", unknownCode]) },
  {
    code: 3,
    when: "the environment lacks a browser",
    run: () =>
      cli(["build", "--data", validData, "--ids", "G001", ...out("no-browser")], {
        env: { PUPPETEER_EXECUTABLE_PATH: "/nonexistent/chromium" },
      }),
  },
  {
    code: 4,
    when: "a template cannot be compiled",
    run: () =>
      cli(["build", "--data", validData, "--only", "fiches", ...out("bad-template")], {
        root: projectWith("bad-template", { "templates/fiche/parts/own.hbs": "{{#if}" }),
      }),
  },
  {
    code: 5,
    when: "an output cannot be written (a file stands where the output folder should be)",
    run: () => {
      writeFileSync(join(scratch, "a-file"), "");
      return cli(["build", "--data", validData, "--ids", "G001", "--out", join(scratch, "a-file", "out")]);
    },
  },
  {
    code: 129,
    when: "the terminal closes (SIGHUP) while it prints",
    run: () => {
      const child = cli(["build", "--data", validData, ...out("hangup")]);
      child.stderr!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("printing ")) child.kill("SIGHUP");
      });
      return child;
    },
  },
  { code: 64, when: "the command line is wrong", run: () => cli(["build", "--no-such-option"]) },
  {
    code: 70,
    when: "the code has a bug",
    run: () =>
      cli(["validate", "--data", validData], {
        root: projectWith("bug", {
          "src/pipeline/validate.ts":
            "export function runValidate() { return (undefined as unknown as { x: { y: 1 } }).x.y; }\n",
        }),
      }),
  },
];

describe("exit codes, through the command line", () => {
  it("cover every code the README documents (130 and 143: faults.test.ts and interrupts.test.ts)", () => {
    expect([...cases.map((c) => c.code), 130, 143].sort((a, b) => a - b)).toEqual(
      documentedCodes().sort((a, b) => a - b),
    );
  });

  for (const { code, when, run } of cases) {
    it(`${code} when ${when}`, async () => {
      const result = await run();
      expect(result.exitCode, result.stderr).toBe(code);
      // One message, never a raw stack, except for a bug, which must be reported with it.
      if (code !== 0 && code !== 70) expect(result.stderr).not.toMatch(/^\s+at /m);
      if (code === 70) expect(result.stderr).toMatch(/TypeError/);
    });
  }
});
