/**
 * Prints one HTML document to PDF. The page is sealed off: no JavaScript, and no request leaves
 * it except for files inside the asset directories (fonts, style sheets), which are served from
 * disk. Page size, margins, running header and page numbers come from the document's own @page CSS.
 */
import { readFile, realpath } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, HTTPRequest, Page } from "puppeteer";
import { RenderError } from "../errors.ts";

export interface PrintOptions {
  /**
   * Directories whose files the document may load. The document is served as if it were a file
   * in the first one, so relative URLs resolve there; other assets are referenced by file:// URL.
   */
  assetDirs: readonly string[];
  /** Name of the document in error messages, e.g. "fiches/G001.pdf". */
  name?: string;
  /** Time allowed for loading and printing this one document. */
  timeoutMs?: number;
}

export interface BlockedRequest {
  url: string;
  reason: string;
}

export interface PrintedPdf {
  pdf: Uint8Array;
  /** Every request the document tried to make and did not get, in the order they were made. */
  blocked: BlockedRequest[];
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Only the main frame's first navigation to this (imaginary) file is answered with the document. */
const DOCUMENT_FILE = "__document__.html";

const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

/** The asset file a file:// URL names, when it lies inside one of the directories (symlinks resolved). */
async function assetPath(url: string, dirs: readonly string[]): Promise<string | undefined> {
  if (!url.startsWith("file:")) return undefined;
  let path: string;
  try {
    path = await realpath(fileURLToPath(url));
  } catch {
    return undefined;
  }
  return dirs.some((dir) => path.startsWith(dir + sep)) ? path : undefined;
}

function sealPage(page: Page, html: string, documentUrl: string, dirs: readonly string[]): BlockedRequest[] {
  const blocked: BlockedRequest[] = [];
  let documentServed = false;
  const block = (request: HTTPRequest, reason: string) => {
    blocked.push({ url: request.url(), reason });
    return request.abort("blockedbyclient");
  };
  const answer = async (request: HTTPRequest) => {
    const url = request.url();
    // A data: URL carries its content in itself, so nothing leaves the page; Chromium loads it
    // whatever we answer (puppeteer cannot hold it), so listing it as blocked would be untrue.
    // With scripts off, the only ones a page can hold are those in our templates and style sheets.
    if (url.startsWith("data:")) return;
    if (request.isNavigationRequest()) {
      if (url !== documentUrl || request.frame() !== page.mainFrame() || documentServed) {
        blocked.push({ url, reason: "navigation (frames and redirects are not printed)" });
        // "No content" leaves the frame where it is; an aborted navigation would show Chromium's
        // error page instead, in a frame or in place of the whole document (a meta refresh).
        return request.respond({ status: 204 });
      }
      documentServed = true;
      return request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: html });
    }
    const path = await assetPath(url, dirs);
    if (!path) return block(request, "outside the asset directories");
    const body = await readFile(path).catch(() => undefined);
    if (!body) return block(request, "not readable");
    return request.respond({ status: 200, contentType: CONTENT_TYPES[extname(path)] ?? "application/octet-stream", body });
  };
  page.on("request", (request) => {
    answer(request).catch(() => {
      // The page was closed while the request was pending (timeout); nothing left to answer.
    });
  });
  return blocked;
}

/**
 * Loads every @font-face the document declares before printing. Chromium fetches a face only when
 * laid-out text needs it, and the running header and footer are laid out during printing, too late:
 * their text would fall back to a system font. This runs our function in the page through the
 * DevTools protocol, which works with the page's own scripts disabled.
 */
async function loadFonts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // Iterated, not forEach'd: with scripts disabled, Chromium refuses to call back into a function.
    const faces = Array.from(document.fonts as unknown as Iterable<FontFace>);
    // A face that fails to load was blocked and is reported with the other blocked requests.
    await Promise.allSettled(faces.map((face) => face.load()));
    await document.fonts.ready;
  });
}

/** Rejects with a RenderError when `work` takes longer than `ms`; the caller cleans up. */
async function withinTime<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderError(`printing took longer than ${ms} ms`, name)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function printPdf(browser: Browser, html: string, options: PrintOptions): Promise<PrintedPdf> {
  const name = options.name ?? "document";
  const dirs = await Promise.all(options.assetDirs.map((dir) => realpath(dir))).catch((error: Error) => {
    throw new RenderError(`an asset directory is missing: ${error.message}`, name);
  });
  if (!dirs[0]) throw new RenderError("printing needs at least one asset directory", name);
  const documentUrl = pathToFileURL(join(dirs[0], DOCUMENT_FILE)).href;
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    const blocked = sealPage(page, html, documentUrl, dirs);
    const print = async () => {
      await page.goto(documentUrl, { waitUntil: "load", timeout: 0 });
      await loadFonts(page);
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 });
    };
    const pdf = await withinTime(print(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS, name);
    return { pdf, blocked };
  } catch (error) {
    if (error instanceof RenderError) throw error;
    throw new RenderError(`printing failed: ${(error as Error).message}`, name);
  } finally {
    // Closing the page also ends a print that ran out of time.
    await page.close().catch(() => undefined);
  }
}
