/**
 * Finding and starting the system's Chromium. Puppeteer never downloads a browser here: the
 * reports are printed by Debian's Chromium (or one named in PUPPETEER_EXECUTABLE_PATH).
 */
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join } from "node:path";
import type { Browser } from "puppeteer";
import { EnvironmentError } from "../errors.ts";
import { exitOnSignals } from "../exit-on-signal.ts";
import * as msg from "../messages.ts";

/** Where Debian and Ubuntu put their Chromium, looked at before PATH. */
export const SYSTEM_CHROMIUM: readonly string[] = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Google's builds, which are only ever found on PATH. */
const CHROME_ON_PATH = ["google-chrome", "google-chrome-stable"];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first executable file called `name` in env.PATH, as a shell would find it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * PUPPETEER_EXECUTABLE_PATH when it names an executable, then the system Chromium, then Google
 * Chrome on PATH.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUM,
): string | undefined {
  const chosen = env.PUPPETEER_EXECUTABLE_PATH;
  if (chosen) return isExecutable(chosen) ? chosen : undefined;
  return systemPaths.find(isExecutable) ?? CHROME_ON_PATH.map((name) => findOnPath(name, env)).find(Boolean);
}

/** What to tell a user who has no browser we can use. */
export function missingBrowserMessage(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.PUPPETEER_EXECUTABLE_PATH;
  const problem = chosen
    ? `PUPPETEER_EXECUTABLE_PATH is ${JSON.stringify(chosen)}, which is not an executable file.`
    : `No Chromium or Chrome found (looked for ${SYSTEM_CHROMIUM.join(", ")}, ` +
      `and ${CHROME_ON_PATH.join(" or ")} on PATH).`;
  return [
    problem,
    "Install one with:  sudo apt-get install chromium",
    "or point PUPPETEER_EXECUTABLE_PATH at a Chrome or Chromium executable.",
  ].join("\n");
}

function launchArgs(): string[] {
  const args = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    // Unhinted glyph advances, so text is as wide as src/assets/fonts.ts measures it for charts.
    "--font-render-hinting=none",
  ];
  // Chromium refuses to start its sandbox as root (containers, CI); only then do we give it up.
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  return args;
}

/** Live browsers by process id, with the temporary directories they use, for the signal handler. */
const running = new Map<number, string[]>();
/** Profiles of browsers still starting, whose process id puppeteer has not told us yet. */
const starting = new Set<string>();

function killGroup(pid: number): void {
  try {
    // Puppeteer starts Chromium detached, so it leads its own process group: this reaches the
    // renderers, zygote and crash handler too.
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * The directory in TMPDIR that holds a browser's singleton socket (the profile's SingletonSocket
 * link points into it). Chromium removes it only when it gets to shut down on its own.
 */
function socketDirOf(profile: string): string | undefined {
  try {
    const dir = dirname(readlinkSync(join(profile, "SingletonSocket")));
    return /^(org\.chromium\.Chromium|com\.google\.Chrome)\./.test(basename(dir)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Retried: a browser that is being killed may still be writing to them. */
function removeAll(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // A directory left in TMPDIR is not worth an error on the way out.
    }
  }
}

/** Browser processes started with this profile, found by their command line in /proc (Linux). */
function browsersUsing(profile: string): number[] {
  const flag = `--user-data-dir=${profile}`;
  const started = (entry: string) => {
    try {
      return readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(flag);
    } catch {
      return false; // gone already
    }
  };
  try {
    return readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry) && started(entry))
      .map(Number);
  } catch {
    return [];
  }
}

function closeAll(): void {
  for (const [pid, paths] of running) {
    killGroup(pid);
    removeAll(paths);
  }
  running.clear();
  // A browser still starting writes to its profile: it must be gone before its files can go.
  for (const profile of starting) {
    for (const pid of browsersUsing(profile)) killGroup(pid);
    removeAll([profile, socketDirOf(profile)].filter((path): path is string => path !== undefined));
  }
  starting.clear();
}

let exitHandled = false;

/**
 * Takes every browser down with this process, however it ends: on Ctrl-C or a kill, and on a
 * process.exit() from code that never closed its browser (a test runner tearing down a worker).
 */
function closeAllOnExit(): void {
  if (exitHandled) return;
  exitHandled = true;
  process.once("exit", closeAll);
  exitOnSignals();
}

/**
 * Starts a headless Chromium with a fresh profile that is deleted when the browser closes. The
 * caller must close it, also on failure: see withBrowser.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = findChromium(env);
  if (!executablePath) throw new EnvironmentError(missingBrowserMessage(env));
  closeAllOnExit();
  // Loaded here, not at the top: a command that prints nothing (a rebuild with nothing changed,
  // validate) then never loads puppeteer, some 0.1–0.2 s.
  const { default: puppeteer } = await import("puppeteer");
  const profile = mkdtempSync(join(tmpdir(), "vvsg-chromium-"));
  // Chromium's own temporary files (its singleton socket, files it prints through) go inside the
  // profile, so that removing the profile removes them too, however the browser ended.
  const ownTmp = join(profile, "tmp");
  mkdirSync(ownTmp);
  starting.add(profile);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir: profile,
      args: launchArgs(),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      env: { ...process.env, TMPDIR: ownTmp },
    });
  } catch (error) {
    removeAll([profile]);
    throw new EnvironmentError(msg.cannotStartBrowser(executablePath, (error as Error).message.split("\n")[0]!));
  } finally {
    starting.delete(profile);
  }
  const child = browser.process()!;
  const pid = child.pid!;
  const paths = [profile, socketDirOf(profile)].filter((path): path is string => path !== undefined);
  running.set(pid, paths);
  // A lost connection leaves Chromium running; make sure it goes.
  browser.once("disconnected", () => killGroup(pid));
  child.once("exit", () => {
    killGroup(pid);
    running.delete(pid);
    removeAll(paths);
  });
  return browser;
}

/** Runs `work` with a browser that is closed afterwards, whether `work` succeeds or throws. */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await work(browser);
  } finally {
    // Closing a browser that crashed fails; its process group is already killed (see above), and
    // the error worth reporting is the one from `work`.
    await browser.close().catch(() => undefined);
  }
}
