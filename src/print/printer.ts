/**
 * One browser for a whole build, with a fixed number of print pages: that number is the build's
 * concurrency, the documents Chromium works on at once. A page is kept for the next document. A
 * document whose page or browser crashes, or that runs past its timeout, is tried again (at most
 * twice) on a new page; a browser that died is started anew first.
 */
import type { Browser } from "puppeteer";
import { launchBrowser } from "./browser.ts";
import { PrintPage, type PrintedPdf } from "./pdf.ts";

export interface PrinterOptions {
  assetDirs: readonly string[];
  /** Documents printed at once (default 1); further callers wait for a page. */
  pages?: number;
  timeoutMs?: number;
  /** Documents a page prints before a new page takes over (default DOCUMENTS_PER_PAGE). */
  documentsPerPage?: number;
  /** Further attempts after a failed one. */
  retries?: number;
  launch?: () => Promise<Browser>;
  /** Told about every retry, for the build log. */
  onRetry?: (name: string, attempt: number, error: Error) => void;
}

/**
 * Documents a page prints before it is replaced by a new one (by default). A page's renderer grows
 * with every different document it has shown, and so does puppeteer's state for the page; at this
 * number both stay flat over a long batch (`npm run bench -- --scale 10000` shows the peak), while
 * opening a new page costs a small fraction of the documents it then prints. It also keeps
 * Chromium's node numbering well inside the eight digits on which the PDFs are finished (metadata.ts).
 */
export const DOCUMENTS_PER_PAGE = 200;

export class Printer {
  private browser: Promise<Browser> | undefined;
  /** Pages waiting for a document, each with the browser it belongs to. */
  private idle: { page: PrintPage; browser: Browser }[] = [];
  private free: number;
  private waiting: (() => void)[] = [];
  /** Browsers started, for the log and the tests: more than one means a restart. */
  launches = 0;
  /** Set by close(): a page still opening then (start) must not start another browser. */
  private closed = false;
  /** The pages start() is opening: close() waits for them, since a page asked of a closing browser hangs. */
  private starting: Promise<void> | undefined;

  constructor(private readonly options: PrinterOptions) {
    this.free = Math.max(1, options.pages ?? 1);
  }

  private current(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error("the printer was closed"));
    if (!this.browser) {
      this.launches++;
      const launching = (this.options.launch ?? launchBrowser)();
      // A launch that fails must not stay cached: the next document tries again.
      launching.catch(() => {
        if (this.browser === launching) this.browser = undefined;
      });
      this.browser = launching;
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  /** An idle page of the running browser, or a new one. */
  private async page(browser: Browser, name: string): Promise<PrintPage> {
    if (this.closed) throw new Error("the printer was closed");
    for (let kept = this.idle.pop(); kept; kept = this.idle.pop()) {
      if (kept.browser === browser) return kept.page;
      await kept.page.close();
    }
    return PrintPage.open(browser, { assetDirs: this.options.assetDirs, name, timeoutMs: this.options.timeoutMs });
  }

  /**
   * Starts the browser and opens the pages before the first document comes, so that they get
   * ready while the build does other work. A failure here is left for the first print to meet,
   * which tries again and reports it.
   */
  start(): Promise<void> {
    this.starting ??= this.openPages();
    return this.starting;
  }

  private async openPages(): Promise<void> {
    await Promise.all(
      Array.from({ length: this.options.pages ?? 1 }, async () => {
        await this.acquire();
        try {
          const browser = await this.current();
          this.idle.push({ page: await this.page(browser, "the first document"), browser });
        } catch {
          // See above.
        } finally {
          this.release();
        }
      }),
    );
  }

  async print(html: string, name: string): Promise<PrintedPdf> {
    const retries = this.options.retries ?? 2;
    await this.acquire();
    try {
      for (let attempt = 0; ; attempt++) {
        const browserPromise = this.current();
        let page: PrintPage | undefined;
        try {
          const browser = await browserPromise;
          page = await this.page(browser, name);
          const printed = await page.print(html, name);
          if (page.printed < (this.options.documentsPerPage ?? DOCUMENTS_PER_PAGE)) this.idle.push({ page, browser });
          else await page.close();
          return printed;
        } catch (error) {
          // A page that failed may still be busy with the document (a timeout) or be gone (a crash).
          await page?.close();
          const browser = await browserPromise.catch(() => undefined);
          if (this.browser === browserPromise && (!browser || !browser.connected)) {
            this.browser = undefined;
            await browser?.close().catch(() => undefined);
          }
          if (attempt >= retries) throw error;
          this.options.onRetry?.(name, attempt + 1, error as Error);
        }
      }
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    this.idle = [];
    await browser?.close().catch(() => undefined);
  }
}
