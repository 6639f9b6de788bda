/**
 * Finding and starting the system's Chromium. Puppeteer never downloads a browser here: the
 * reports are printed by Debian's Chromium (or one named in PUPPETEER_EXECUTABLE_PATH).
 */
import { accessSync, constants, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import puppeteer, { type Browser } from "puppeteer";
import { EnvironmentError } from "../errors.ts";

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
    : "No Chromium or Chrome found (looked for /usr/bin/chromium, /usr/bin/chromium-browser, and google-chrome or google-chrome-stable on PATH).";
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

/** Live browsers by process id, with their profile directory, for the signal handler. */
const running = new Map<number, string>();

function killGroup(pid: number): void {
  try {
    // Puppeteer starts Chromium detached, so it leads its own process group: this reaches the
    // renderers, zygote and crash handler too.
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function closeAll(): void {
  for (const [pid, profile] of running) {
    killGroup(pid);
    rmSync(profile, { recursive: true, force: true });
  }
  running.clear();
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
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
}

/**
 * Starts a headless Chromium with a fresh profile that is deleted when the browser closes. The
 * caller must close it, also on failure: see withBrowser.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = findChromium(env);
  if (!executablePath) throw new EnvironmentError(missingBrowserMessage(env));
  closeAllOnExit();
  const profile = mkdtempSync(join(tmpdir(), "vvsg-chromium-"));
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
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new EnvironmentError(`cannot start ${executablePath}: ${(error as Error).message.split("\n")[0]}`);
  }
  const child = browser.process()!;
  const pid = child.pid!;
  running.set(pid, profile);
  // A lost connection leaves Chromium running; make sure it goes.
  browser.once("disconnected", () => killGroup(pid));
  child.once("exit", () => {
    killGroup(pid);
    running.delete(pid);
    rmSync(profile, { recursive: true, force: true });
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
