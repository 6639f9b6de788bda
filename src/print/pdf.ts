/**
 * Prints HTML documents to PDF. A print page is sealed off: no JavaScript, and no request leaves it
 * except for files inside the asset directories (fonts, style sheets), which are served from disk.
 * Page size, margins, running header and page numbers come from the document's own @page CSS.
 *
 * One page prints many documents, one after the other: each is written into the page's document
 * (as page.setContent does) rather than navigated to. A navigation makes a new document whose
 * fonts are fetched and decoded again, through the request interception, and a new page costs a
 * renderer's set-up as well: together about two thirds of the time of printing a fact sheet.
 */
import { readFile, realpath } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, HTTPRequest, Page } from "puppeteer";
import { RenderError } from "../errors.ts";
import * as msg from "../messages.ts";

export interface PrintOptions {
  /**
   * Directories whose files the document may load. The document is served as if it were a file
   * in the first one, so relative URLs resolve there; other assets are referenced by file:// URL.
   */
  assetDirs: readonly string[];
  /** Name of the document in error messages, e.g. "fiches/G001.pdf". */
  name?: string;
  /** Time allowed for loading and printing one document. */
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

/**
 * The (imaginary) file the page shows: documents are written into
 * it, so their relative URLs resolve in the first asset directory.
 */
const DOCUMENT_FILE = "__document__.html";
const EMPTY_DOCUMENT =
  '<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title></title></head><body></body></html>';

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

/**
 * Rejects with a RenderError when `work` takes longer than `ms`, or when `failure` rejects first; the caller cleans up.
 */
async function withinTime<T>(work: Promise<T>, ms: number, name: string, failure: Promise<never>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderError(msg.printTimeout(ms), name)), ms);
  });
  try {
    return await Promise.race([work, deadline, failure]);
  } catch (error) {
    if (error instanceof RenderError) throw error;
    throw new RenderError(msg.printFailed((error as Error).message), name);
  } finally {
    clearTimeout(timer);
  }
}

/** A sealed page that prints documents one at a time. After a failed print it is closed and must not be used again. */
export class PrintPage {
  /** The requests refused while the current document loads. */
  private blocked: BlockedRequest[] = [];
  /** Documents printed on this page. */
  printed = 0;
  private crashed: Promise<never>;

  private constructor(
    private readonly page: Page,
    private readonly timeoutMs: number,
  ) {
    this.crashed = new Promise<never>((_, reject) => page.once("error", reject));
    this.crashed.catch(() => undefined);
  }

  /** Opens a page in `browser`, sealed as described above, and shows the empty document in it. */
  static async open(browser: Browser, options: PrintOptions): Promise<PrintPage> {
    const name = options.name ?? "document";
    const dirs = await Promise.all(options.assetDirs.map((dir) => realpath(dir))).catch((error: Error) => {
      throw new RenderError(msg.assetDirMissing(error.message), name);
    });
    if (!dirs[0]) throw new RenderError(msg.noAssetDir(), name);
    const documentUrl = pathToFileURL(join(dirs[0], DOCUMENT_FILE)).href;
    const page = await browser.newPage().catch((error: Error) => {
      throw new RenderError(msg.printFailed(error.message), name);
    });
    const printPage = new PrintPage(page, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      printPage.seal(documentUrl, dirs);
      await withinTime(
        page.goto(documentUrl, { waitUntil: "load", timeout: 0 }),
        printPage.timeoutMs,
        name,
        printPage.crashed,
      );
      return printPage;
    } catch (error) {
      await printPage.close();
      throw error;
    }
  }

  private seal(documentUrl: string, dirs: readonly string[]): void {
    const { page } = this;
    let documentServed = false;
    const block = (request: HTTPRequest, reason: string) => {
      this.blocked.push({ url: request.url(), reason });
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
          this.blocked.push({ url, reason: "navigation (frames and redirects are not printed)" });
          // "No content" leaves the frame where it is; an aborted navigation would show Chromium's
          // error page instead, in a frame or in place of the whole document (a meta refresh).
          return request.respond({ status: 204 });
        }
        documentServed = true;
        return request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: EMPTY_DOCUMENT });
      }
      const path = await assetPath(url, dirs);
      if (!path) return block(request, "outside the asset directories");
      const body = await readFile(path).catch(() => undefined);
      if (!body) return block(request, "not readable");
      return request.respond({
        status: 200,
        contentType: CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
        body,
      });
    };
    page.on("request", (request) => {
      answer(request).catch(() => {
        // The page was closed while the request was pending (timeout); nothing left to answer.
      });
    });
  }

  async print(html: string, name = "document"): Promise<PrintedPdf> {
    this.blocked = [];
    const print = async () => {
      await this.page.setContent(html, { waitUntil: "load", timeout: 0 });
      await loadFonts(this.page);
      return this.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 });
    };
    const pdf = await withinTime(print(), this.timeoutMs, name, this.crashed);
    this.printed++;
    return { pdf, blocked: this.blocked };
  }

  /** Closing the page also ends a print that ran out of time. */
  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}

/** Prints one document on a page of its own. */
export async function printPdf(browser: Browser, html: string, options: PrintOptions): Promise<PrintedPdf> {
  const page = await PrintPage.open(browser, options);
  try {
    return await page.print(html, options.name);
  } finally {
    await page.close();
  }
}
