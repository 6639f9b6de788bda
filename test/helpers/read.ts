/**
 * Opens a printed PDF with pdf.js for reading (outline, text, metadata), in Node, without a
 * canvas or a worker thread.
 */
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * pdf.js 5.4 mixes up the page counts of documents open at the same time (mozilla/pdf.js#20629):
 * one document at a time, then. Reading is a small part of a build.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Runs `read` on the parsed PDF and frees pdf.js's copy afterwards. */
export function readPdf<T>(pdf: Uint8Array, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const turn = queue.then(async () => {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    const doc = await getDocument({
      data: pdf.slice(),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
    }).promise;
    try {
      return await read(doc);
    } finally {
      await doc.destroy();
    }
  });
  queue = turn.catch(() => undefined);
  return turn;
}
