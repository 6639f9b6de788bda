/**
 * What only a build that prints needs: the table of contents' second pass and the finishing of
 * Chromium's PDFs (pdf-lib). The build loads this module when a document is to be printed, so a
 * rebuild with nothing changed never loads pdf-lib (some 0.1 s).
 */
export { finalizePdf } from "../print/metadata.ts";
export { outlinePages } from "../print/outline.ts";
export { allHeadings, printWithToc } from "./toc.ts";
