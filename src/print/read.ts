/**
 * Opens a printed PDF with pdf.js for reading (outline, text, metadata), in Node, without a
 * canvas or a worker thread.
 */
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Runs `read` on the parsed PDF and frees pdf.js's copy afterwards. */
export async function readPdf<T>(pdf: Uint8Array, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}
