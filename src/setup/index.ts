/**
 * The second half of `npm run <command>` (after scripts/bootstrap.mjs has installed the npm
 * packages): a browser for the commands that print, then the command itself as a child process
 * whose exit code becomes ours.
 */
import { constants } from "node:os";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { EnvironmentError, ReportError, UsageError } from "../errors.ts";
import { ensureBrowser } from "./browser.ts";
import { ensureColourProfile } from "./colour-profile.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Step {
  prints: boolean;
  /** Program and arguments; programs in node_modules/.bin are found by name. */
  command: (args: string[]) => [string, string[]];
}

/**
 * V8 grows the heap lazily up to a quarter of the machine's memory, so a long build's resident size
 * climbs with garbage that is never collected (the live heap of a 132-document build is about 110 MB).
 * A ceiling makes the collector work and keeps memory flat however many documents are printed.
 */
export const HEAP_LIMIT = "--max-old-space-size=384";

const cli = (name: string) => (args: string[]): [string, string[]] => [process.execPath, [HEAP_LIMIT, "bin/vvsg-rapporten.mjs", name, ...args]];

const steps: Record<string, Step> = {
  build: { prints: true, command: cli("build") },
  validate: { prints: false, command: cli("validate") },
  check: { prints: false, command: cli("check") },
  preview: { prints: true, command: cli("preview") },
  test: { prints: true, command: (args) => ["vitest", ["run", ...args]] },
  bench: { prints: true, command: (args) => [process.execPath, [HEAP_LIMIT, "--import", "tsx", "scripts/bench.ts", ...args]] },
};

/** Runs the child, passing on SIGINT and SIGTERM (a `kill` reaches only us), and returns its exit code. */
async function runChild(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = execa(file, args, { cwd: root, env, stdio: "inherit", preferLocal: true, localDir: root, reject: false });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    const result = await child;
    if (result.failed && result.exitCode === undefined && !result.signal) throw new EnvironmentError(`cannot run ${file}: ${result.shortMessage}`);
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
    if (!step) throw new UsageError(`unknown command "${name}"; expected one of ${Object.keys(steps).join(", ")}`);
    const env = { ...process.env };
    // The children look for the same browser; naming it saves them the search and any doubt.
    if (step.prints) {
      env.PUPPETEER_EXECUTABLE_PATH = await ensureBrowser({ env });
      await ensureColourProfile({ env });
    }
    const [file, fileArgs] = step.command(args);
    return await runChild(file, fileArgs, env);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    console.error(`error: ${error.message}`);
    return error.exitCode;
  }
}
