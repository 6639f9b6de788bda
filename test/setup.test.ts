import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EnvironmentError } from "../src/errors.ts";
import { findChromium, missingBrowserMessage } from "../src/print/browser.ts";
import { ensureBrowser } from "../src/setup/browser.ts";
import { ensureColourProfile } from "../src/setup/colour-profile.ts";
import { HEAP_LIMIT, run } from "../src/setup/index.ts";

// bootstrap.mjs is plain JavaScript without type declarations; this is the one function it exports.
const { needsInstall } = (await import("../scripts/bootstrap.mjs" as string)) as {
  needsInstall: (lockfileMtime: number | undefined, installedMtime: number | undefined) => boolean;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("needsInstall (when bootstrap runs npm ci)", () => {
  it("installs when node_modules is missing", () => {
    expect(needsInstall(1_000, undefined)).toBe(true);
  });
  it("installs when package-lock.json changed after the last install", () => {
    expect(needsInstall(2_000, 1_000)).toBe(true);
  });
  it("does not install when the last install is as new as the lock file or newer", () => {
    expect(needsInstall(1_000, 1_000)).toBe(false);
    expect(needsInstall(1_000, 1_012)).toBe(false);
  });
  it("leaves a checkout without a lock file alone once something is installed", () => {
    expect(needsInstall(undefined, 1_000)).toBe(false);
  });
});

describe("finding a browser", () => {
  let dir: string;
  const system = () => [join(dir, "usr/bin/chromium"), join(dir, "usr/bin/chromium-browser")];
  const pathDir = () => join(dir, "path");
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: pathDir(), ...extra });

  function executable(path: string, mode = 0o755): string {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "#!/bin/sh\nexit 0\n");
    chmodSync(path, mode);
    return path;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "find-chromium-"));
    mkdirSync(pathDir());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prefers PUPPETEER_EXECUTABLE_PATH, then /usr/bin/chromium, /usr/bin/chromium-browser, Chrome on PATH", () => {
    const chosen = executable(join(dir, "opt/chrome"));
    const [chromium, chromiumBrowser] = system().map((p) => executable(p));
    const chrome = executable(join(pathDir(), "google-chrome"));
    const chromeStable = executable(join(pathDir(), "google-chrome-stable"));
    expect(findChromium(env({ PUPPETEER_EXECUTABLE_PATH: chosen }), system())).toBe(chosen);
    expect(findChromium(env(), system())).toBe(chromium);
    rmSync(chromium!);
    expect(findChromium(env(), system())).toBe(chromiumBrowser);
    rmSync(chromiumBrowser!);
    expect(findChromium(env(), system())).toBe(chrome);
    rmSync(chrome);
    expect(findChromium(env(), system())).toBe(chromeStable);
    rmSync(chromeStable);
    expect(findChromium(env(), system())).toBeUndefined();
  });

  it("skips files that are not executable", () => {
    executable(system()[0]!, 0o644);
    expect(findChromium(env(), system())).toBeUndefined();
  });

  it("does not look elsewhere when PUPPETEER_EXECUTABLE_PATH names no executable", () => {
    system().forEach((p) => executable(p));
    expect(findChromium(env({ PUPPETEER_EXECUTABLE_PATH: join(dir, "nowhere") }), system())).toBeUndefined();
  });

  it("says how to install one when none is found", () => {
    const message = missingBrowserMessage(env());
    expect(message).toMatch(/No Chromium or Chrome found/);
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("PUPPETEER_EXECUTABLE_PATH");
    expect(missingBrowserMessage(env({ PUPPETEER_EXECUTABLE_PATH: "/opt/none" }))).toContain(
      'PUPPETEER_EXECUTABLE_PATH is "/opt/none", which is not an executable file',
    );
  });

  describe("ensureBrowser", () => {
    const install = vi.fn(async () => {
      executable(system()[0]!);
    });
    beforeEach(() => install.mockClear());

    it("returns the browser it finds without installing anything", async () => {
      const chrome = executable(join(pathDir(), "google-chrome"));
      await expect(ensureBrowser({ env: env(), systemPaths: system(), isRoot: true, install })).resolves.toBe(chrome);
      expect(install).not.toHaveBeenCalled();
    });

    it("throws an EnvironmentError with the instructions when it may not install", async () => {
      executable(join(pathDir(), "apt-get"));
      const notRoot = ensureBrowser({ env: env(), systemPaths: system(), isRoot: false, install });
      await expect(notRoot).rejects.toThrow(EnvironmentError);
      await expect(notRoot).rejects.toThrow(missingBrowserMessage(env()));
      expect(install).not.toHaveBeenCalled();
    });

    it("does not install without apt-get on PATH", async () => {
      await expect(ensureBrowser({ env: env(), systemPaths: system(), isRoot: true, install })).rejects.toThrow(
        /apt-get install chromium/,
      );
      expect(install).not.toHaveBeenCalled();
    });

    it("does not install around a PUPPETEER_EXECUTABLE_PATH that points nowhere", async () => {
      executable(join(pathDir(), "apt-get"));
      const broken = env({ PUPPETEER_EXECUTABLE_PATH: join(dir, "nowhere") });
      await expect(ensureBrowser({ env: broken, systemPaths: system(), isRoot: true, install })).rejects.toThrow(
        /not an executable file/,
      );
      expect(install).not.toHaveBeenCalled();
    });

    it("installs Chromium with apt-get as root, then uses it", async () => {
      const aptGet = executable(join(pathDir(), "apt-get"));
      vi.spyOn(console, "error").mockImplementation(() => {});
      await expect(ensureBrowser({ env: env(), systemPaths: system(), isRoot: true, install })).resolves.toBe(
        system()[0],
      );
      expect(install).toHaveBeenCalledWith(aptGet, env());
    });
  });
});

describe("run (the commands bootstrap hands over)", () => {
  it("runs the CLI's commands in the npm script's process, which has the heap ceiling", async () => {
    const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const command of ["build", "validate", "preview"])
      expect(scripts[command]).toBe(`node ${HEAP_LIMIT} scripts/bootstrap.mjs ${command}`);
  });

  it("rejects an unknown command with the usage exit code and the known commands", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await run(["deploy"])).toBe(64);
    expect(printed).toHaveBeenCalledWith(
      'error: unknown command "deploy"; expected one of build, validate, check, preview, test, bench',
    );
  });
});

describe("ensureColourProfile (the sRGB profile PDF/A needs)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "colour-profile-"));
    mkdirSync(join(dir, "bin"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const profile = () => join(dir, "sRGB.icc");
  const env = () => ({ PATH: join(dir, "bin") });
  const aptGet = () => {
    writeFileSync(join(dir, "bin", "apt-get"), "#!/bin/sh\nexit 0\n");
    chmodSync(join(dir, "bin", "apt-get"), 0o755);
    return join(dir, "bin", "apt-get");
  };
  const install = vi.fn(async () => {
    writeFileSync(profile(), "icc");
  });
  // A braced body: a function returned from beforeEach would run as its teardown.
  beforeEach(() => {
    install.mockClear();
  });

  it("installs nothing when the profile is there", async () => {
    writeFileSync(profile(), "icc");
    await ensureColourProfile({ env: env(), isRoot: true, profile: profile(), install });
    expect(install).not.toHaveBeenCalled();
  });

  it("says which Debian package to install when it may not install it", async () => {
    aptGet();
    const notRoot = ensureColourProfile({ env: env(), isRoot: false, profile: profile(), install });
    await expect(notRoot).rejects.toThrow(EnvironmentError);
    await expect(notRoot).rejects.toThrow(/apt-get install icc-profiles-free/);
    expect(install).not.toHaveBeenCalled();
  });

  it("installs icc-profiles-free with apt-get as root", async () => {
    const apt = aptGet();
    vi.spyOn(console, "error").mockImplementation(() => {});
    await ensureColourProfile({ env: env(), isRoot: true, profile: profile(), install });
    expect(install).toHaveBeenCalledWith(apt, env());
  });
});
