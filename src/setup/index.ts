/**
 * The second half of `npm run <command>` (after scripts/bootstrap.mjs has installed the npm
 * packages and compiled src/ to dist/): a browser for the commands that print, then the command
 * itself: the CLI's in this process (a second Node start would cost a user some 0.1 s), the tests
 * and the benchmark as a child process whose exit code becomes ours.
 */
import { constants } from "node:os";
import { fileURLToPath } from "node:url";
import { EnvironmentError, ReportError, UsageError } from "../errors.ts";
import { ensureBrowser } from "./browser.ts";
import { ensureColourProfile } from "./colour-profile.ts";
import * as msg from "../messages.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Step {
  prints: boolean;
  /** Runs the command with the rest of the arguments and returns its exit code. */
  run: (args: string[]) => Promise<number>;
}

/**
 * V8 grows the heap lazily up to a quarter of the machine's memory, so a long build's resident size
 * climbs with garbage that is never collected (the live heap of a 132-document build is about 110 MB).
 * A ceiling makes the collector work and keeps memory flat however many documents are printed.
 * The npm scripts give it to the process that runs the CLI (package.json), and this to the benchmark's.
 */
export const HEAP_LIMIT = "--max-old-space-size=384";

const cli = (name: string) => async (args: string[]) => (await import("../cli.ts")).main([name, ...args]);

/** Program and arguments as a child; programs in node_modules/.bin are found by name. */
const child = (file: string, fileArgs: string[]) => (args: string[]) => runChild(file, [...fileArgs, ...args]);

/**
 * What `npm test` checks before the tests, so that CI enforces it: the types, the lint rules
 * (eslint.config.js) and the format (.prettierrc.json, 120 columns). Named test files skip them.
 */
export const STATIC_CHECKS: [string, string[]][] = [
  ["tsc", ["--noEmit", "-p", "."]],
  ["eslint", ["--max-warnings", "0", "."]],
  ["prettier", ["--check", "--log-level", "warn", "."]],
];

async function test(args: string[]): Promise<number> {
  if (args.length === 0) {
    for (const [file, checkArgs] of STATIC_CHECKS) {
      console.error(`npm test: ${[file, ...checkArgs].join(" ")}`);
      const code = await runChild(file, checkArgs);
      if (code !== 0) return code;
    }
  }
  return runChild("vitest", ["run", ...args]);
}

const steps: Record<string, Step> = {
  build: { prints: true, run: cli("build") },
  validate: { prints: false, run: cli("validate") },
  check: { prints: false, run: cli("check") },
  preview: { prints: true, run: cli("preview") },
  test: { prints: true, run: test },
  bench: { prints: true, run: child(process.execPath, [HEAP_LIMIT, "--import", "tsx", "scripts/bench.ts"]) },
};

/** Runs the child, passing on SIGINT and SIGTERM (a `kill` reaches only us), and returns its exit code. */
async function runChild(file: string, args: string[]): Promise<number> {
  const { execa } = await import("execa");
  const child = execa(file, args, { cwd: root, stdio: "inherit", preferLocal: true, localDir: root, reject: false });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    const result = await child;
    if (result.failed && result.exitCode === undefined && !result.signal)
      throw new EnvironmentError(msg.cannotRun(file, String(result.shortMessage)));
    return result.exitCode ?? 128 + (result.signal ? constants.signals[result.signal] : 0);
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}

export async function run(argv: string[]): Promise<number> {
  const [name = "", ...args] = argv;
  try {
    const step = steps[name];
    if (!step) throw new UsageError(msg.unknownStep(name, Object.keys(steps)));
    // The command and its children look for the same browser; naming it saves them the search and any doubt.
    if (step.prints) {
      process.env.PUPPETEER_EXECUTABLE_PATH = await ensureBrowser();
      await ensureColourProfile();
    }
    return await step.run(args);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    console.error(`error: ${error.message}`);
    return error.exitCode;
  }
}
