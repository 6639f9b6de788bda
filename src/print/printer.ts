/**
 * One browser for a whole build, shared by the documents printed at the same time. A document whose
 * page or browser crashes, or that runs past its timeout, is tried again (at most twice); a browser
 * that died is started anew first.
 */
import type { Browser } from "puppeteer";
import { launchBrowser } from "./browser.ts";
import { printPdf, type PrintedPdf } from "./pdf.ts";

export interface PrinterOptions {
  assetDirs: readonly string[];
  timeoutMs?: number;
  /** Further attempts after a failed one. */
  retries?: number;
  launch?: () => Promise<Browser>;
  /** Told about every retry, for the build log. */
  onRetry?: (name: string, attempt: number, error: Error) => void;
}

export class Printer {
  private browser: Promise<Browser> | undefined;
  /** Browsers started, for the log and the tests: more than one means a restart. */
  launches = 0;

  constructor(private readonly options: PrinterOptions) {}

  private current(): Promise<Browser> {
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

  async print(html: string, name: string): Promise<PrintedPdf> {
    const retries = this.options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const browserPromise = this.current();
      try {
        const browser = await browserPromise;
        return await printPdf(browser, html, { assetDirs: this.options.assetDirs, name, timeoutMs: this.options.timeoutMs });
      } catch (error) {
        const browser = await browserPromise.catch(() => undefined);
        if (this.browser === browserPromise && (!browser || !browser.connected)) {
          this.browser = undefined;
          await browser?.close().catch(() => undefined);
        }
        if (attempt >= retries) throw error;
        this.options.onRetry?.(name, attempt + 1, error as Error);
      }
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close().catch(() => undefined);
  }
}
