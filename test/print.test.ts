import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetDirs, fontFaceCss } from "../src/assets/fonts.ts";
import { EnvironmentError, RenderError } from "../src/errors.ts";
import { launchBrowser, withBrowser } from "../src/print/browser.ts";
import { finalizePdf, type PdfMetadata } from "../src/finish/metadata.ts";
import { sourceDate } from "../src/pipeline/source-date.ts";
import { outlinePages } from "../src/finish/outline.ts";
import { PrintPage, printPdf, type PrintOptions } from "../src/print/pdf.ts";
import { Printer } from "../src/print/printer.ts";
import { isTagged, pageSizes, pdfFonts, pdfInfo, pdfOutline, pdfText } from "./helpers/pdf.ts";
import { processesMentioning } from "./helpers/processes.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures/print");
const options: PrintOptions = { assetDirs: [fixtures, ...assetDirs()], name: "proefdocument" };

function fixture(file: string): string {
  const fontFaces = `<style>${fontFaceCss((path) => pathToFileURL(path).href)}</style>`;
  return readFileSync(join(fixtures, file), "utf8").replace("<!-- font faces -->", fontFaces);
}

/** 11 December 2008, the month the bijlage was published. */
const SOURCE_DATE_EPOCH = "1228953600";

const meta = (): PdfMetadata => ({
  title: "Proefdocument",
  author: "VVSG",
  subject: "Test van de printfase",
  keywords: ["diversiteit", "enquête"],
  language: "nl-BE",
  date: sourceDate({ SOURCE_DATE_EPOCH })!,
});

function profileOf(browser: Browser): string {
  const flag = browser.process()!.spawnargs.find((arg) => arg.startsWith("--user-data-dir="))!;
  return flag.slice("--user-data-dir=".length);
}

describe("printing a document", () => {
  let browser: Browser;
  let printed: Uint8Array;
  let final: Uint8Array;
  let blocked: unknown[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ pdf: printed, blocked } = await printPdf(browser, fixture("document.html"), options));
    final = (await finalizePdf(printed, meta())).pdf;
  });
  afterAll(() => browser?.close());

  it("loads the fonts and style sheet from the asset directories and nothing else", () => {
    expect(blocked).toEqual([]);
  });

  it("prints on A4, as the document's @page asks", async () => {
    const sizes = await pageSizes(final);
    expect(sizes).toHaveLength(2);
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(595.28, 0);
      expect(size.height).toBeCloseTo(841.89, 0);
    }
  });

  it("prints the running header and 'page n / total' from the @page margin boxes", async () => {
    const [first, second] = await pdfText(final);
    expect(first).toContain("Proefdocument voor de printfase");
    expect(first).toContain("1 / 2");
    expect(second).toContain("Proefdocument voor de printfase");
    expect(second).toContain("2 / 2");
    expect(first).toContain("Zeventig gemeenten en tweeënzestig OCMW's");
  });

  it("writes an outline of the nested headings with the page each is on", async () => {
    const expected = [
      { title: "Inleiding", level: 1, page: 1 },
      { title: "Deel één", level: 2, page: 1 },
      { title: "Resultaten", level: 1, page: 2 },
      { title: "Gemeenten", level: 2, page: 2 },
      { title: "Detail", level: 3, page: 2 },
    ];
    expect(await outlinePages(printed)).toEqual(expected);
    expect(await pdfOutline(final)).toEqual(expected);
  });

  it("is a tagged PDF, before and after the metadata is set", async () => {
    expect(await isTagged(printed)).toBe(true);
    expect(await isTagged(final)).toBe(true);
  });

  it("uses only Source Sans 3, every face embedded, the header's italic included", async () => {
    const fonts = await pdfFonts(final);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const font of fonts) expect(font).toEqual({ name: expect.stringMatching(/^SourceSans3/), embedded: true });
    expect(fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/Italic$/));
  });

  it("carries the report's metadata, language and SOURCE_DATE_EPOCH as its dates", async () => {
    const date = new Date(Number(SOURCE_DATE_EPOCH) * 1000);
    expect(await pdfInfo(final)).toEqual({
      title: "Proefdocument",
      author: "VVSG",
      subject: "Test van de printfase",
      keywords: "diversiteit, enquête",
      creator: "vvsg-rapporten",
      producer: "vvsg-rapporten (Chromium)",
      creationDate: date,
      modDate: date,
      language: "nl-BE",
      displayDocTitle: true,
      pages: 2,
    });
  });

  it("gives byte-identical files when the same document is printed again", async () => {
    const again = (await finalizePdf((await printPdf(browser, fixture("document.html"), options)).pdf, meta())).pdf;
    expect(Buffer.compare(again, final)).toBe(0);
  });

  it("gives byte-identical files when one page prints it again after another document (other node ids)", async () => {
    // Table headers are what gets structure element ids: a cell names its header by id.
    const withTable = fixture("document.html").replace(
      "</body>",
      '<table><tr><th scope="col">Kop</th></tr><tr><td>Cel</td></tr></table></body>',
    );
    const page = await PrintPage.open(browser, options);
    try {
      const first = (await page.print(withTable)).pdf;
      await page.print(fixture("hostile.html"));
      const second = (await page.print(withTable)).pdf;
      const nodeIds = (pdf: Uint8Array) =>
        Buffer.from(pdf)
          .toString("latin1")
          .match(/\(node\d+\)/g) ?? [];
      // Chromium numbers structure elements by the renderer's DOM nodes, so the printed files differ…
      expect(nodeIds(first).length).toBeGreaterThan(0);
      expect(nodeIds(second)).not.toEqual(nodeIds(first));
      // …and the finished ones do not.
      expect(Buffer.compare(finalizePdf(second, meta()).pdf, finalizePdf(first, meta()).pdf)).toBe(0);
    } finally {
      await page.close();
    }
  });

  it("is Chromium's file with an update appended, leaving no trace of the time or the browser that printed it", () => {
    const text = Buffer.from(final).toString("latin1");
    expect(Buffer.compare(final.subarray(0, 8), printed.subarray(0, 8))).toBe(0);
    expect(final.byteLength).toBeGreaterThan(printed.byteLength);
    expect(text.match(/%%EOF/g)).toHaveLength(2);
    expect(text).toMatch(/\/Prev \d+/);
    expect(text).not.toMatch(/HeadlessChrome|Skia/);
    // The only dates are the source's (11 December 2008), not the moment of printing.
    expect(text.match(/D:\d{8}/g)).toEqual(["D:20081211", "D:20081211"]);
  });

  it("refuses a file that is not laid out as Chromium writes it, naming the document", () => {
    const streamXref = Buffer.from(
      Buffer.from(printed)
        .toString("latin1")
        .replace(/\nxref\n(?![\s\S]*\nxref\n)/, "\nXREF\n"),
      "latin1",
    );
    expect(() => finalizePdf(new Uint8Array(streamXref), meta())).toThrow(RenderError);
    expect(() => finalizePdf(new Uint8Array(streamXref), meta())).toThrow(
      /Proefdocument.*cross-reference|cross-reference/,
    );
  });

  it("derives the file identifier from the content, so other content gets another one", async () => {
    const fileId = (pdf: Uint8Array) =>
      /\/ID \[ <([0-9A-F]{32})> <\1> \]/.exec(Buffer.from(pdf).toString("latin1"))?.[1];
    const retitled = (await finalizePdf(printed, { ...meta(), title: "Ander proefdocument" })).pdf;
    expect(fileId(final)).toMatch(/^[0-9A-F]{32}$/);
    expect(fileId(retitled)).toMatch(/^[0-9A-F]{32}$/);
    expect(fileId(retitled)).not.toBe(fileId(final));
  });

  it("lets no request out and runs none of the document's scripts", async () => {
    const result = await printPdf(browser, fixture("hostile.html"), options);
    const urls = result.blocked.map((b) => b.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        "http://example.com/x.png",
        "file:///etc/passwd",
        "https://example.org/",
        "https://fonts.example.com/css",
        pathToFileURL(join(fixtures, "../../../package.json")).href,
      ]),
    );
    expect(urls).not.toContain("https://example.net/beacon");
    const [text] = await pdfText(result.pdf);
    expect(text).toContain("Niets mag naar buiten");
    expect(text).not.toContain("SCRIPT RAN");
  });

  it("gives up on a document that takes longer than its timeout", async () => {
    const failure = printPdf(browser, fixture("document.html"), { ...options, timeoutMs: 1 });
    await expect(failure).rejects.toThrow(RenderError);
    await expect(failure).rejects.toThrow(/proefdocument|longer than 1 ms/);
  });
});

describe("a printer with two pages and eight documents", () => {
  const documents = Array.from({ length: 8 }, (_, i) => i + 1);
  // Every other document asks for something it may not have, named after itself.
  const html = (n: number) =>
    fixture("document.html").replace(
      "</body>",
      `<p>Document nummer ${n}.</p>${n % 2 ? `<img src="https://example.com/${n}.png" alt="">` : ""}</body>`,
    );
  let browser: Browser | undefined;
  const results = new Map<number, { text: string; blocked: string[] }>();
  let mostPages = 0;

  beforeAll(async () => {
    const printer = new Printer({
      assetDirs: options.assetDirs,
      pages: 2,
      launch: async () => (browser = await launchBrowser()),
    });
    let printing = 0;
    let mostAtOnce = 0;
    try {
      await Promise.all(
        documents.map(async (n) => {
          printing++;
          const printed = await printer.print(html(n), `document ${n}`);
          mostAtOnce = Math.max(mostAtOnce, printing--);
          const pages = (await browser!.pages()).filter((page) => page.url().endsWith("__document__.html")).length;
          mostPages = Math.max(mostPages, pages);
          results.set(n, { text: (await pdfText(printed.pdf)).join(" "), blocked: printed.blocked.map((b) => b.url) });
        }),
      );
      expect(mostAtOnce).toBeGreaterThan(2);
    } finally {
      await printer.close();
    }
  });

  it("prints on no more than two pages, each of them kept for the next document", () => {
    expect(mostPages).toBeGreaterThan(0);
    expect(mostPages).toBeLessThanOrEqual(2);
  });

  it("gives each document its own text and nothing of the one printed before it", () => {
    for (const n of documents) {
      const { text } = results.get(n)!;
      expect(text).toContain(`Document nummer ${n}.`);
      expect(text.match(/Document nummer \d+\./g)).toHaveLength(1);
    }
  });

  it("lists each blocked request under the document that made it", () => {
    for (const n of documents) expect(results.get(n)!.blocked).toEqual(n % 2 ? [`https://example.com/${n}.png`] : []);
  });
});

describe("a page that has printed its share of documents", () => {
  it("is closed, and a new page prints the next one", async () => {
    let browser: Browser | undefined;
    const printer = new Printer({
      assetDirs: options.assetDirs,
      documentsPerPage: 3,
      launch: async () => (browser = await launchBrowser()),
    });
    const opened: string[] = [];
    try {
      for (let n = 1; n <= 7; n++) {
        await printer.print(fixture("document.html"), `document ${n}`);
        if (n === 1) browser!.on("targetcreated", (target) => target.type() === "page" && opened.push(target.url()));
      }
      // Documents 1–3 on the first page, 4–6 on the second, 7 on the third.
      expect(opened).toHaveLength(2);
      expect((await browser!.pages()).filter((page) => page.url().endsWith("__document__.html"))).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });
});

describe("the browser", () => {
  it("leaves no Chromium process and no profile behind after closing", async () => {
    const browser = await launchBrowser();
    const profile = profileOf(browser);
    expect(processesMentioning(profile).length).toBeGreaterThan(0);
    await browser.close();
    expect(processesMentioning(profile)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });

  it("closes, with nothing left, when a printer is closed while its browser is still starting", async () => {
    const browsers: Browser[] = [];
    let launchBegun!: () => void;
    const launching = new Promise<void>((resolve) => (launchBegun = resolve));
    const printer = new Printer({
      assetDirs: options.assetDirs,
      pages: 2,
      launch: async () => {
        launchBegun();
        const browser = await launchBrowser();
        browsers.push(browser);
        return browser;
      },
    });
    const started = printer.start();
    // Closed while the launch is under way: the pages start() goes on to open must not be asked of
    // a closing browser (puppeteer then waits 30 s for a page that never comes).
    await launching;
    await printer.close();
    await started;
    expect(browsers).toHaveLength(1);
    expect(processesMentioning(profileOf(browsers[0]!))).toEqual([]);
    await expect(printer.print(fixture("document.html"), "after closing")).rejects.toThrow(/closed/);
  }, 10_000);

  it("is closed by withBrowser when the work fails", async () => {
    let profile = "";
    const work = withBrowser(async (browser) => {
      profile = profileOf(browser);
      throw new Error("template failed");
    });
    await expect(work).rejects.toThrow("template failed");
    expect(processesMentioning(profile)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });
});

describe("sourceDate", () => {
  it("reads SOURCE_DATE_EPOCH as seconds since 1970", () => {
    expect(sourceDate({ SOURCE_DATE_EPOCH: "0" })).toEqual(new Date(0));
    expect(sourceDate({ SOURCE_DATE_EPOCH })?.toISOString()).toBe("2008-12-11T00:00:00.000Z");
  });

  it("leaves the choice to the caller when it is not set", () => {
    expect(sourceDate({})).toBeUndefined();
  });

  it("rejects anything but whole seconds", () => {
    expect(() => sourceDate({ SOURCE_DATE_EPOCH: "2008-12-11" })).toThrow(EnvironmentError);
    expect(() => sourceDate({ SOURCE_DATE_EPOCH: "1.5" })).toThrow(/whole seconds.*"1\.5"/);
  });
});
