/**
 * Issue "Faults": a build survives a browser that dies, a template that fails for one document, a
 * document that never finishes loading and an output folder it cannot write to, and leaves no
 * Chromium behind whichever way it ends.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { constants, open } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import type { Browser } from "puppeteer";
import { afterAll, describe, expect, it, vi } from "vitest";
import { build, runBuild, type BuildOptions } from "../src/pipeline/index.ts";
import { printAssetDirs, projectRoot, templatesDir } from "../src/documents/context.ts";
import { OutputError } from "../src/errors.ts";
import { main } from "../src/cli.ts";
import { RenderError } from "../src/errors.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { Printer } from "../src/print/printer.ts";
import { pageCount, pdfText } from "./helpers/pdf.ts";
import { processesMentioning } from "./helpers/processes.ts";
import { until } from "./helpers/wait.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");
const FICHES = ["G001", "G002", "G003", "G004", "O001", "O002", "O003"].map((id) => `fiches/${id}.pdf`);

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vvsg-faults-"));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const options = (outDir: string, more: Partial<BuildOptions> = {}): BuildOptions => ({
  dataDir: validData,
  outDir,
  keepHtml: false,
  force: false,
  concurrency: 2,
  quiet: true,
  ...more,
});

/** Polls `condition` until it holds, failing after `ms`. */
describe("a browser that dies in the middle of a batch", () => {
  it("is started anew, and every document is still written", async () => {
    const out = tempDir();
    const browsers: Browser[] = [];
    const printer = new Printer({
      assetDirs: printAssetDirs(),
      launch: async () => {
        const browser = await launchBrowser();
        browsers.push(browser);
        return browser;
      },
    });
    let killedAfter: string[] | undefined;
    // Concurrency 1: seven fact sheets one after the other, so the kill lands while others wait.
    const watcher = setInterval(() => {
      const written = existsSync(join(out, "fiches"))
        ? readdirSync(join(out, "fiches")).filter((f) => f.endsWith(".pdf"))
        : [];
      if (!killedAfter && written.length > 0) {
        killedAfter = written;
        browsers[0]!.process()!.kill("SIGKILL");
      }
    }, 10);
    try {
      const result = await build(options(out, { only: "fiches", concurrency: 1, printer }));
      expect(killedAfter).toBeDefined();
      expect(killedAfter!.length).toBeLessThan(FICHES.length);
      expect(result.failed).toEqual([]);
      expect(result.printed.sort()).toEqual(FICHES);
      for (const path of FICHES)
        expect(await pageCount(new Uint8Array(readFileSync(join(out, path))))).toBeGreaterThanOrEqual(1);
      expect(printer.launches).toBeGreaterThanOrEqual(2);
    } finally {
      clearInterval(watcher);
      await printer.close();
    }
    const killedProfile = browsers[0]!.process()!.spawnargs.find((arg) => arg.startsWith("--user-data-dir="))!;
    expect(processesMentioning(killedProfile)).toEqual([]);
  });
});

describe("a page that crashes between two documents", () => {
  it("is noticed at once, and the next document is printed on a new page of the same browser", async () => {
    let browser: Browser | undefined;
    const retries: string[] = [];
    const printer = new Printer({
      assetDirs: printAssetDirs(),
      launch: async () => (browser = await launchBrowser()),
      onRetry: (_, __, error) => retries.push(error.message),
    });
    const html = (text: string) =>
      `<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title>${text}</title></head>` +
      `<body><p>${text}</p></body></html>`;
    try {
      await printer.print(html("Eerste"), "fiches/G001.pdf");
      const [printPage] = (await browser!.pages()).filter((p) => p.url().endsWith("__document__.html"));
      const crashed = new Promise((resolve) => printPage!.once("error", resolve));
      const session = await printPage!.createCDPSession();
      // Page.crash never answers: the renderer it would answer from is gone.
      void session.send("Page.crash").catch(() => undefined);
      await crashed;
      const next = await printer.print(html("Tweede"), "fiches/G002.pdf");
      expect((await pdfText(next.pdf)).join(" ")).toContain("Tweede");
      // The crash ended the attempt, not the document's timeout.
      expect(retries).toEqual([expect.stringContaining("crashed")]);
      expect(printer.launches).toBe(1);
    } finally {
      await printer.close();
    }
  });
});

describe("a template that fails for one fact sheet", () => {
  it("leaves the others written, names the template file and line, and makes the build exit 1", async () => {
    const templates = join(tempDir(), "templates");
    cpSync(templatesDir, templates, { recursive: true });
    const document = join(templates, "fiche/document.hbs");
    const lines = readFileSync(document, "utf8").split("\n");
    const body = lines.findIndex((line) => line.startsWith('<body class="fiche">'));
    lines.splice(body + 1, 0, '{{#if (eq sheet.header.id "G002")}}{{nonexistent.value}}{{/if}}');
    writeFileSync(document, lines.join("\n"));
    const out = tempDir();

    const result = await build(options(out, { only: "fiches", templatesDir: templates }));
    expect(result.failed).toEqual([
      { path: "fiches/G002.pdf", message: expect.stringContaining(`${document}:${body + 2}`) },
    ]);
    expect(result.failed[0]!.message).toContain("nonexistent");
    expect(existsSync(join(out, "fiches/G002.pdf"))).toBe(false);
    for (const path of FICHES.filter((p) => p !== "fiches/G002.pdf")) expect(existsSync(join(out, path))).toBe(true);

    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await runBuild(options(out, { only: "fiches", templatesDir: templates }))).toBe(1);
      expect(log.mock.calls.flat().join("\n")).toMatch(/fiches\/G002\.pdf: .*fiche\/document\.hbs:\d+/);
    } finally {
      log.mockRestore();
    }
  });
});

describe("a document that never finishes loading", () => {
  const html = (head: string) =>
    `<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title>Proef</title>${head}</head>` +
    `<body><p>Proef</p></body></html>`;

  it("is stopped by its timeout and tried again, and the error names the document", async () => {
    // A named pipe as style sheet: reading it waits for a writer that never comes, so the page's
    // load event never fires. Served from an asset directory, as the project's style sheets would be.
    const assets = tempDir();
    const pipe = join(assets, "traag.css");
    execFileSync("mkfifo", [pipe]);
    const retries: [string, number][] = [];
    const printer = new Printer({
      assetDirs: [assets, ...printAssetDirs()],
      timeoutMs: 1500,
      retries: 1,
      onRetry: (name, attempt) => retries.push([name, attempt]),
    });
    try {
      const failure = printer.print(html('<link rel="stylesheet" href="traag.css">'), "fiches/G001.pdf");
      await expect(failure).rejects.toThrow(RenderError);
      await expect(failure).rejects.toMatchObject({
        document: "fiches/G001.pdf",
        message: expect.stringContaining("longer than 1500 ms"),
      });
      expect(retries).toEqual([["fiches/G001.pdf", 1]]);
      // The browser was not stuck: the next document prints, without a new browser.
      const next = await printer.print(html(""), "fiches/G002.pdf");
      expect(await pageCount(next.pdf)).toBe(1);
      expect(printer.launches).toBe(1);
    } finally {
      await printer.close();
      // Opening the pipe for writing and closing it ends the reads still waiting on it (without
      // waiting ourselves when there are none).
      await (await open(pipe, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => undefined))?.close();
    }
  });

  it("is tried three times in all by default, each page closed after its timeout", async () => {
    let loads = 0;
    let closed = 0;
    const page = {
      setJavaScriptEnabled: async () => undefined,
      setRequestInterception: async () => undefined,
      on: () => undefined,
      goto: () => {
        loads++;
        return new Promise(() => undefined);
      },
      close: async () => {
        closed++;
      },
    };
    const browser = { connected: true, newPage: async () => page, close: async () => undefined } as unknown as Browser;
    const printer = new Printer({ assetDirs: printAssetDirs(), timeoutMs: 50, launch: async () => browser });
    await expect(printer.print("<p>Proef</p>", "bijlage.pdf")).rejects.toMatchObject({
      name: "RenderError",
      document: "bijlage.pdf",
    });
    expect(loads).toBe(3);
    expect(closed).toBe(3);
    expect(printer.launches).toBe(1);
  });
});

describe("an output folder that cannot be written", () => {
  it("stops the build with an OutputError naming the path (exit code 5), earlier outputs as they were", async () => {
    const out = tempDir();
    await build(options(out, { only: "bijlage" }));
    const bijlage = readFileSync(join(out, "bijlage.pdf"));
    const manifest = readFileSync(join(out, "manifest.json"));
    // Running as root, permissions stop nothing: a file where the fiches folder should be does.
    writeFileSync(join(out, "fiches"), "geen map");

    await expect(build(options(out))).rejects.toThrow(OutputError);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await main(["build", "--data", validData, "--out", out])).toBe(5);
      const message = log.mock.calls.flat().join("\n");
      expect(message).toContain(`error: cannot write ${join(out, "fiches")}: ${join(out, "fiches")} is not a folder`);
      expect(message).toContain("Earlier outputs were left as they were.");
    } finally {
      log.mockRestore();
    }
    expect(Buffer.compare(readFileSync(join(out, "bijlage.pdf")), bijlage)).toBe(0);
    expect(Buffer.compare(readFileSync(join(out, "manifest.json")), manifest)).toBe(0);
    expect(readFileSync(join(out, "fiches"), "utf8")).toBe("geen map");
  });
});

describe("no Chromium is left behind", () => {
  /**
   * A CLI build in a child process with its own TMPDIR, so that its browsers' profiles
   * (TMPDIR/vvsg-chromium-…) tell them apart from those of builds running beside it.
   */
  function cliBuild(args: string[], prepare?: (out: string) => void) {
    const tmp = tempDir();
    const out = join(tmp, "out");
    prepare?.(out);
    const child = execa("node", ["bin/vvsg-rapporten.mjs", "build", "--data", validData, "--out", out, ...args], {
      cwd: projectRoot,
      env: { TMPDIR: tmp },
      reject: false,
      timeout: 60_000,
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const profiles = join(tmp, "vvsg-chromium-");
    return { child, out, tmp, profiles, stderr: () => stderr };
  }

  async function expectNothingLeft(run: { tmp: string; profiles: string }) {
    await until(() => processesMentioning(run.profiles).length === 0, 5_000, "the browser processes to end");
    // Chromium's own temporary files (profile, singleton socket) went with it.
    expect(readdirSync(run.tmp).filter((f) => f.startsWith("vvsg-chromium-") || f.startsWith("org.chromium."))).toEqual(
      [],
    );
  }

  async function exitCode(child: ResultPromise) {
    return (await child).exitCode;
  }

  it("after a build that succeeds", async () => {
    const run = cliBuild(["--ids", "G001"]);
    expect(await exitCode(run.child)).toBe(0);
    expect(existsSync(join(run.out, "fiches/G001.pdf"))).toBe(true);
    await expectNothingLeft(run);
  });

  it("after a build that fails before printing, its browser started early by --force", async () => {
    const run = cliBuild(["--force", "--ids", "G001,X999"]);
    expect(await exitCode(run.child)).toBe(64);
    expect(run.stderr()).toContain('"X999"');
    await expectNothingLeft(run);
  });

  it("after a build that fails once it is printing", async () => {
    const run = cliBuild(["--ids", "G001,G002"], (out) => {
      mkdirSync(out);
      writeFileSync(join(out, "fiches"), "geen map");
    });
    expect(await exitCode(run.child)).toBe(5);
    expect(run.stderr()).toContain("printing 2 of 2 documents");
    await expectNothingLeft(run);
  });

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`after ${signal} in the middle of printing (exit code ${code})`, async () => {
      const run = cliBuild([]);
      // The first document done: the browser is up and the rest of the batch still to come.
      await until(() => /^print: 1\//m.test(run.stderr()), 60_000, "the first printed document");
      expect(processesMentioning(run.profiles).length).toBeGreaterThan(0);
      run.child.kill(signal);
      expect(await exitCode(run.child)).toBe(code);
      await expectNothingLeft(run);
    });
  }
});
