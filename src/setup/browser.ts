/**
 * Making sure a browser is there before a command that prints: find one, or install Debian's
 * Chromium when we may (root, apt-get present), or say exactly how to get one.
 */
import { EnvironmentError } from "../errors.ts";
import { findChromium, findOnPath, missingBrowserMessage, SYSTEM_CHROMIUM } from "../print/browser.ts";
import * as msg from "../messages.ts";

export interface BrowserSetup {
  env?: NodeJS.ProcessEnv;
  systemPaths?: readonly string[];
  isRoot?: boolean;
  /** Installs Chromium with the given apt-get. */
  install?: (aptGet: string, env: NodeJS.ProcessEnv) => Promise<void>;
}

const prefixed = (prefix: string) =>
  function* (line: unknown) {
    yield `${prefix} ${String(line)}`;
  };

/** apt-get update + install chromium, its output shown as it comes, each line marked as apt's. */
export async function aptInstallChromium(aptGet: string, env: NodeJS.ProcessEnv): Promise<void> {
  await aptInstall(aptGet, env, "chromium", missingBrowserMessage(env));
}

/** apt-get update + install `pkg`; `advice` says what to do by hand when it fails. */
export async function aptInstall(aptGet: string, env: NodeJS.ProcessEnv, pkg: string, advice: string): Promise<void> {
  const options = {
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    stdin: "ignore",
    stdout: [prefixed("[apt-get]"), "inherit"],
    stderr: [prefixed("[apt-get]"), "inherit"],
    reject: false,
  } as const;
  const { execa } = await import("execa");
  for (const args of [["update"], ["install", "-y", pkg]]) {
    const result = await execa(aptGet, args, options);
    if (result.exitCode !== 0) throw new EnvironmentError(msg.aptFailed(args, result.exitCode, advice));
  }
}

/** The path of a usable Chrome or Chromium, installing Debian's when running as root with apt-get. */
export async function ensureBrowser(setup: BrowserSetup = {}): Promise<string> {
  const env = setup.env ?? process.env;
  const systemPaths = setup.systemPaths ?? SYSTEM_CHROMIUM;
  const found = findChromium(env, systemPaths);
  if (found) return found;
  const aptGet = findOnPath("apt-get", env);
  // A PUPPETEER_EXECUTABLE_PATH that points nowhere is a mistake to report, not to install around.
  if (env.PUPPETEER_EXECUTABLE_PATH || !aptGet || !(setup.isRoot ?? process.getuid?.() === 0)) {
    throw new EnvironmentError(missingBrowserMessage(env));
  }
  console.error("No Chromium found; installing Debian's chromium package with apt-get.");
  await (setup.install ?? aptInstallChromium)(aptGet, env);
  const installed = findChromium(env, systemPaths);
  if (!installed) throw new EnvironmentError(msg.stillNoBrowser(missingBrowserMessage(env)));
  return installed;
}
