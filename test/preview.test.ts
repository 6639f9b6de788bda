import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "puppeteer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fontFaceCss, fontFiles } from "../src/assets/fonts.ts";
import type { DocumentSet } from "../src/preview/documents.ts";
import { webFontPath } from "../src/documents/context.ts";
import { DataError, UsageError } from "../src/errors.ts";
import { launchBrowser } from "../src/print/browser.ts";
import { runPreview, startPreview, type Preview } from "../src/preview/server.ts";
import { createRenderer } from "../src/render/templates.ts";
import { until as waitUntil } from "./helpers/wait.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "test/fixtures/preview");

/** Bounded waits: the slowest step, a Paged.js layout after a reload on a busy 2-core machine, takes a few seconds. */
const WAIT_MS = 15_000;

/**
 * A small document source shaped like the lead's loadDocuments: respondent ids from the data
 * folder, one real template set rendered by the project's Handlebars environment (so template
 * errors carry file and line exactly as in the build), fonts referenced as assets/fonts/<file>.
 */
function fixtureDocuments(dataDir: string, templatesDir: string): () => Promise<DocumentSet> {
  return async () => {
    const ids = (await readFile(join(dataDir, "respondents.txt"), "utf8")).split(/\s+/).filter(Boolean);
    const renderer = await createRenderer(templatesDir);
    const fontCss = fontFaceCss(webFontPath);
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Alinea ${i + 1}: de tekst loopt door tot de bladzijde vol is en Paged.js een nieuwe begint.`,
    );
    return {
      list: [
        { name: "bijlage", title: "Bijlage" },
        ...ids.map((id) => ({ name: `fiche/${id}`, title: `Fiche ${id}` })),
      ],
      async render(name) {
        const title = name === "bijlage" ? "Bijlage" : `Fiche ${name.slice("fiche/".length)}`;
        return renderer.render("document", { title, fontCss, paragraphs }, name);
      },
    };
  };
}

interface Fixture {
  dir: string;
  dataDir: string;
  templatesDir: string;
  loads: number;
  preview: Preview;
}

async function startFixture(load?: (f: Fixture) => () => Promise<DocumentSet>): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "vvsg-preview-"));
  cpSync(fixtures, dir, { recursive: true });
  const fixture = { dir, dataDir: join(dir, "data"), templatesDir: join(dir, "templates"), loads: 0 } as Fixture;
  const source = load?.(fixture) ?? fixtureDocuments(fixture.dataDir, fixture.templatesDir);
  fixture.preview = await startPreview({
    dataDir: fixture.dataDir,
    templatesDir: fixture.templatesDir,
    port: 0,
    load: () => {
      fixture.loads++;
      return source();
    },
  });
  return fixture;
}

async function stopFixture(fixture: Fixture | undefined): Promise<void> {
  if (!fixture) return;
  await fixture.preview.close();
  rmSync(fixture.dir, { recursive: true, force: true });
}

interface Reply {
  status: number;
  type: string;
  body: Buffer;
}

/** A request with the path sent exactly as written: fetch() would resolve "..". */
function get(url: string, path: string, method = "GET"): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          type: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Everything /events sends until stop() is called. */
function listen(url: string): Promise<{ received: () => string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL("/events", url), (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("error", () => undefined);
      resolve({ received: () => text, stop: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const until = (condition: () => boolean, what: string) => waitUntil(condition, WAIT_MS, what, 50);

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe("the preview server", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await stopFixture(fixture);
    fixture = undefined;
  });

  it("listens on loopback, on a free port when asked for port 0", async () => {
    fixture = await startFixture();
    expect(fixture.preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(new URL(fixture.preview.url).port).not.toBe("0");
  });

  it("lists the bijlage and every fact sheet on the index, as links", async () => {
    fixture = await startFixture();
    const index = await get(fixture.preview.url, "/");
    expect(index.status).toBe(200);
    expect(index.type).toMatch(/^text\/html/);
    const html = index.body.toString();
    expect(html).toContain('<a href="/bijlage">Bijlage</a>');
    expect(html).toContain('<a href="/fiche/G001">Fiche G001</a>');
    expect(html).toContain('<a href="/fiche/O001">Fiche O001</a>');
  });

  it("serves a document with the Paged.js polyfill and the reload client added before </head>", async () => {
    fixture = await startFixture();
    const page = await get(fixture.preview.url, "/fiche/G001");
    expect(page.status).toBe(200);
    const html = page.body.toString();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain('<script src="/paged.js"></script>');
    expect(head).toContain('new EventSource("/events")');
    // PagedConfig must be set before the polyfill reads it.
    expect(head.indexOf("PagedConfig")).toBeLessThan(head.indexOf('src="/paged.js"'));
    expect(html).toContain("<h1>Fiche G001</h1>");
  });

  it("serves the web edition under /web/ as published, with the reload client and without Paged.js", async () => {
    const files: Record<string, string> = {
      "index.html": "<!doctype html><html><head><title>Web</title></head><body><h1>Web</h1></body></html>",
      "data/excel/t.csv": "\uFEFFa;b\r\n",
    };
    fixture = await startFixture((f) => async () => ({
      ...(await fixtureDocuments(f.dataDir, f.templatesDir)()),
      web: async (path) => files[path],
    }));
    const page = await get(fixture.preview.url, "/web/index.html");
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    const html = page.body.toString();
    expect(html).toContain('new EventSource("/events")');
    expect(html).not.toContain("/paged.js");
    const csv = await get(fixture.preview.url, "/web/data/excel/t.csv");
    expect([csv.status, csv.type, csv.body.toString()]).toEqual([
      200,
      "text/csv; charset=utf-8",
      files["data/excel/t.csv"],
    ]);
    expect((await get(fixture.preview.url, "/web/fiches/X999.html")).status).toBe(404);
    expect((await get(fixture.preview.url, "/")).body.toString()).toContain('<a href="/web/index.html">');
  });

  it("serves the Paged.js polyfill", async () => {
    fixture = await startFixture();
    const script = await get(fixture.preview.url, "/paged.js");
    expect(script.status).toBe(200);
    expect(script.type).toMatch(/^text\/javascript/);
    expect(script.body.toString()).toContain("PagedPolyfill");
  });

  it("serves the body font beside every document, byte for byte", async () => {
    fixture = await startFixture();
    const font = fontFiles()[0]!;
    for (const path of [`/assets/fonts/${basename(font.path)}`, `/fiche/assets/fonts/${basename(font.path)}`]) {
      const reply = await get(fixture.preview.url, path);
      expect(reply.status, path).toBe(200);
      expect(reply.type).toBe("font/woff2");
      expect(reply.body.equals(readFileSync(font.path))).toBe(true);
    }
  });

  it("never serves a file outside the font folder", async () => {
    fixture = await startFixture();
    const attempts = [
      "/assets/fonts/../../package.json",
      "/assets/fonts/..%2f..%2fpackage.json",
      "/assets/fonts/%2e%2e/%2e%2e/package.json",
      "/fiche/assets/fonts/..%2F..%2F..%2F..%2Fpackage.json",
      "/assets/fonts/%2Fetc%2Fpasswd",
      "/assets/fonts/..%5c..%5cpackage.json",
      "/assets/fonts/.woff2",
      "/assets/fonts/",
      "/package.json",
    ];
    for (const path of attempts) {
      const reply = await get(fixture.preview.url, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString(), path).not.toContain("vvsg-diversiteit-rapporten");
    }
  });

  it("answers 404 for unknown paths and documents, and 405 for anything but GET and HEAD", async () => {
    fixture = await startFixture();
    for (const path of ["/nope", "/fiche/G999", "/fiche/", "/bijlage/extra", "/fiche/G001/x", "/%E0%A4%A"]) {
      expect((await get(fixture.preview.url, path)).status, path).toBe(404);
    }
    expect((await get(fixture.preview.url, "/bijlage", "POST")).status).toBe(405);
    expect((await get(fixture.preview.url, "/bijlage", "HEAD")).status).toBe(200);
  });

  it("shows the error of a document that cannot be built, escaped, with its file, line and column", async () => {
    const problem = new DataError(
      {
        file: "data/gemeenten.csv",
        line: 4,
        column: 12,
        field: "q2_1",
        value: "<script>alert(1)</script>",
        expected: "1 or 2",
      },
      "not a code of this question",
    );
    fixture = await startFixture(() => () => Promise.reject(problem));
    for (const path of ["/", "/bijlage", "/fiche/G001"]) {
      const reply = await get(fixture.preview.url, path);
      expect(reply.status, path).toBe(500);
      const html = reply.body.toString();
      expect(html).toContain("DataError: data/gemeenten.csv:4:12: not a code of this question");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).not.toContain("<script>alert(1)");
      expect(html).toContain('new EventSource("/events")');
    }
  });

  it("loads the documents again after a change and sends one reload for a burst of changes", async () => {
    fixture = await startFixture();
    const events = await listen(fixture.preview.url);
    try {
      await get(fixture.preview.url, "/");
      const loadsBefore = fixture.loads;
      for (let i = 0; i < 5; i++) {
        writeFileSync(join(fixture.dataDir, "respondents.txt"), `G001\nO001\nG00${i + 2}\n`);
        await sleep(20);
      }
      await until(() => events.received().includes("event: reload"), "a reload event");
      await sleep(600);
      expect(events.received().match(/event: reload/g)).toHaveLength(1);
      expect(fixture.loads).toBe(loadsBefore + 1);
      expect((await get(fixture.preview.url, "/")).body.toString()).toContain('href="/fiche/G006"');
    } finally {
      events.stop();
    }
  });

  it("ignores editors' scratch files", async () => {
    fixture = await startFixture();
    const events = await listen(fixture.preview.url);
    try {
      writeFileSync(join(fixture.templatesDir, ".document.hbs.swp"), "x");
      writeFileSync(join(fixture.templatesDir, "document.hbs~"), "x");
      await sleep(600);
      expect(events.received()).not.toContain("event: reload");
    } finally {
      events.stop();
    }
  });

  it("refuses a port that is no port number", async () => {
    for (const port of [Number.NaN, -1, 65_536, 80.5])
      await expect(runPreview({ dataDir: join(fixtures, "data"), port })).rejects.toThrow(UsageError);
  });

  it("refuses a data folder that does not exist and a port that is taken", async () => {
    await expect(
      startPreview({ dataDir: join(tmpdir(), "no-such-data-folder"), templatesDir: fixtures, port: 0 }),
    ).rejects.toThrow(UsageError);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = startPreview({
        dataDir: join(fixtures, "data"),
        templatesDir: join(fixtures, "templates"),
        port,
        load: fixtureDocuments(join(fixtures, "data"), join(fixtures, "templates")),
      });
      await expect(taken).rejects.toThrow(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
    } finally {
      blocker.close();
    }
  });
});

describe("the preview in Chromium", () => {
  let browser: Browser;
  let fixture: Fixture | undefined;
  let page: Page;
  let navigations: number;
  let failed: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    fixture = await startFixture();
    page = await browser.newPage();
    navigations = 0;
    failed = [];
    page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations++);
    page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  });
  afterEach(async () => {
    await page.close();
    await stopFixture(fixture);
    fixture = undefined;
  });

  const text = () => page.evaluate(() => document.body.innerText);
  const showing = (needle: string) =>
    page.waitForFunction((n) => document.body?.innerText.includes(n), { timeout: WAIT_MS, polling: 100 }, needle);
  const paginated = () => page.waitForSelector(".pagedjs_page", { timeout: WAIT_MS });

  it("lays a fact sheet out as printed: A4 sheets, page breaks, running header and footer, the body font", async () => {
    await page.goto(new URL("/fiche/G001", fixture!.preview.url).href);
    await paginated();
    await page.waitForFunction(
      () => document.querySelector(".pagedjs_pages")?.textContent?.includes("Laatste bladzijde."),
      { timeout: WAIT_MS },
    );
    const layout = await page.evaluate(async () => {
      await document.fonts.ready;
      const sheets = [...document.querySelectorAll<HTMLElement>(".pagedjs_page")];
      const last = sheets.at(-1)!;
      return {
        pages: sheets.length,
        width: sheets[0]!.getBoundingClientRect().width,
        height: sheets[0]!.getBoundingClientRect().height,
        header: sheets[0]!.querySelector(".pagedjs_margin-top-center")?.textContent ?? "",
        lastStartsWithBreak: last.innerText.includes("Tweede deel"),
        font:
          document.fonts.check('11pt "Source Sans 3"') &&
          [...document.fonts].some((f) => f.family.includes("Source Sans 3") && f.status === "loaded"),
      };
    });
    expect(layout.pages).toBeGreaterThanOrEqual(2);
    // A4 at 96 px per inch: 210 × 297 mm.
    expect(layout.width).toBeCloseTo((210 / 25.4) * 96, 0);
    expect(layout.height).toBeCloseTo((297 / 25.4) * 96, 0);
    expect(layout.lastStartsWithBreak).toBe(true);
    expect(layout.font).toBe(true);
    // Paged.js draws margin boxes from ::after content; the header text is in the CSS, not the DOM.
    const margin = (box: string) =>
      page.evaluate(
        (b) =>
          getComputedStyle(document.querySelector(`.pagedjs_margin-${b} .pagedjs_margin-content`)!, "::after").content,
        box,
      );
    expect(await margin("top-center")).toContain("Proefrapport · Fiche G001");
    expect(await margin("bottom-right")).toMatch(/counter\(page\)/);
    expect(failed).toEqual([]);
  });

  it("reloads the open page by itself when a template changes, keeping its place", async () => {
    await page.goto(new URL("/fiche/G001", fixture!.preview.url).href);
    await page.waitForFunction(() => document.querySelectorAll(".pagedjs_page").length >= 2, { timeout: WAIT_MS });
    await page.evaluate(() => window.scrollTo(0, 1200));
    const before = navigations;
    edit(
      join(fixture!.templatesDir, "document.hbs"),
      "<p>Laatste bladzijde.</p>",
      "<p>Laatste bladzijde.</p>\n<p>Nieuwe alinea 7f3a.</p>",
    );
    await showing("Nieuwe alinea 7f3a.");
    expect(navigations).toBeGreaterThan(before);
    await page.waitForFunction(() => window.scrollY === 1200, { timeout: WAIT_MS });
  });

  it("reloads when the data changes", async () => {
    await page.goto(fixture!.preview.url);
    await showing("Fiche O001");
    writeFileSync(join(fixture!.dataDir, "respondents.txt"), "G001\nO001\nG002\n");
    await showing("Fiche G002");
  });

  it("shows a broken template's file and line, then the document again once it is fixed", async () => {
    await page.goto(new URL("/bijlage", fixture!.preview.url).href);
    await paginated();
    const template = join(fixture!.templatesDir, "document.hbs");
    edit(template, "{{/each}}", "");
    await showing("This document cannot be built");
    expect(await text()).toMatch(new RegExp(`${template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+`));
    edit(template, "<p>{{this}}</p>", "<p>{{this}}</p>\n{{/each}}");
    await showing("Laatste bladzijde.");
    await paginated();
    expect(await text()).not.toContain("cannot be built");
  });
});

describe("the preview of the real documents (loadDocuments, the project's templates)", () => {
  let browser: Browser;
  let dir: string;
  let preview: Preview | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), "vvsg-preview-real-"));
    cpSync(join(root, "templates"), join(dir, "templates"), { recursive: true });
    cpSync(join(root, "test/fixtures/input/valid"), join(dir, "data"), { recursive: true });
    preview = await startPreview({ dataDir: join(dir, "data"), templatesDir: join(dir, "templates"), port: 0 });
  });
  afterAll(async () => {
    await preview?.close();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("follows template edits and data errors in an open fact sheet", async () => {
    const page = await browser.newPage();
    try {
      const showing = (needle: string) =>
        page.waitForFunction((n) => document.body?.innerText.includes(n), { timeout: WAIT_MS, polling: 100 }, needle);
      await page.goto(new URL("/fiche/G001", preview!.url).href);
      await page.waitForSelector(".pagedjs_page", { timeout: WAIT_MS });
      await showing("Gemeente G001");

      edit(join(dir, "templates/fiche/parts/about.hbs"), "</footer>", "<p>Proefmarkering 51c2.</p>\n</footer>");
      await showing("Proefmarkering 51c2.");

      const csv = join(dir, "data/gemeenten.csv");
      const original = readFileSync(csv, "utf8");
      const lines = original.split("\n");
      lines[2] = lines[2]!.replace(/^([^,]*),([^,]*),/, "$1,$2x,");
      writeFileSync(csv, lines.join("\n"));
      await showing("This document cannot be built");
      expect(await page.evaluate(() => document.body.innerText)).toContain(
        `DataError: ${csv}:3:2: unknown answer code; column "vrind"`,
      );

      writeFileSync(csv, original);
      await showing("Proefmarkering 51c2.");
      await page.waitForSelector(".pagedjs_page", { timeout: WAIT_MS });
    } finally {
      await page.close();
    }
  });
});

describe("the preview's answer to the Host header (DNS rebinding)", () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await stopFixture(fixture);
    fixture = undefined;
  });

  /** A GET of / that says it is for `host`, as a browser whose page rebound a name to 127.0.0.1 would. */
  function getAs(url: string, host: string): Promise<number> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const req = request({ hostname, port, path: "/", headers: { host } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("serves localhost, 127.0.0.1 and [::1] with its port, and refuses every other name with 403", async () => {
    fixture = await startFixture();
    const { port } = new URL(fixture.preview.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])
      expect([host, await getAs(fixture.preview.url, host)]).toEqual([host, 200]);
    const refused = [
      "evil.example",
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      "localhost",
      `127.0.0.1:${Number(port) + 1}`,
      `127.0.0.2:${port}`,
    ];
    for (const host of refused) expect([host, await getAs(fixture.preview.url, host)]).toEqual([host, 403]);
    const body = await get(fixture.preview.url, "/");
    expect(body.status).toBe(200);
  });
});
