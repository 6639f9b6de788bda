/**
 * Document metadata and reproducibility. Chromium stamps each PDF with the time of printing and
 * its own version; this replaces them with the report's metadata and a date from the source, so
 * the same input gives the same bytes. Everything else (tags, outline, fonts) is kept as printed.
 */
import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFString, type PDFObject } from "pdf-lib";
import { EnvironmentError, RenderError } from "../errors.ts";
import { retitleOutline } from "./outline-titles.ts";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  /** BCP 47 language of the text, for screen readers: "nl-BE". */
  language: string;
  /** Creation and modification date: the date of the source, never the time of the build. */
  date: Date;
  /** The document's headings in order, to write the outline titles from (see outline-titles.ts). */
  outlineTitles?: string[];
}

/** Fixed, so that upgrading Chromium or pdf-lib does not change a report's bytes by itself. */
const CREATOR = "vvsg-rapporten";
const PRODUCER = "vvsg-rapporten (Chromium, pdf-lib)";

/** Stands in for the file identifier while the file is hashed; then overwritten in place. */
const PLACEHOLDER_ID = "0".repeat(32);

function indexOfLast(haystack: Uint8Array, needle: string): number {
  const bytes = Buffer.from(needle, "latin1");
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).lastIndexOf(bytes);
}

/**
 * Chromium names structure elements after its DOM node ids ("node00000031"), which count every node
 * the renderer made before, in this document or an earlier one. Renumbered by rank they depend on
 * the document alone.
 */
const NODE_ID = /^node(\d+)$/;

type StringVisitor = (value: PDFString, replace: (next: PDFString) => void) => void;

function eachString(object: PDFObject, visit: StringVisitor): void {
  const visitValue = (value: PDFObject, replace: (next: PDFString) => void) =>
    value instanceof PDFString ? visit(value, replace) : eachString(value, visit);
  if (object instanceof PDFDict) for (const [key, value] of object.entries()) visitValue(value, (next) => object.set(key, next));
  else if (object instanceof PDFArray) object.asArray().forEach((value, index) => visitValue(value, (next) => object.set(index, next)));
}

/** Everywhere the ids occur: /ID of each element, the IDTree, and table cells' /Headers. */
function renumberNodeIds(doc: PDFDocument): void {
  const objects = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const ids = new Set<number>();
  for (const object of objects) {
    eachString(object, (value) => {
      const match = NODE_ID.exec(value.asString());
      if (match) ids.add(Number(match[1]));
    });
  }
  const rank = new Map([...ids].sort((a, b) => a - b).map((id, index) => [id, index + 1]));
  for (const object of objects) {
    eachString(object, (value, replace) => {
      const match = NODE_ID.exec(value.asString());
      if (match) replace(PDFString.of(`node${String(rank.get(Number(match[1]))).padStart(8, "0")}`));
    });
  }
}

export interface FinalPdf {
  pdf: Uint8Array;
  /** Counted while the file is open anyway, so nobody has to parse it again for the manifest. */
  pages: number;
}

export async function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<FinalPdf> {
  // updateMetadata would stamp pdf-lib's own producer and the current time.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.language);
  if (meta.outlineTitles) retitleOutline(doc, meta.outlineTitles, meta.title);
  renumberNodeIds(doc);
  const placeholder = PDFHexString.of(PLACEHOLDER_ID);
  doc.context.trailerInfo.ID = doc.context.obj([placeholder, placeholder]);
  const bytes = await doc.save();
  // The identifier is a hash of the file itself, so it changes exactly when the content does.
  const id = createHash("sha256").update(bytes).digest("hex").slice(0, PLACEHOLDER_ID.length).toUpperCase();
  const at = indexOfLast(bytes, `[ <${PLACEHOLDER_ID}> <${PLACEHOLDER_ID}> ]`);
  if (at < 0) throw new RenderError("pdf-lib did not write the file identifier where expected", meta.title);
  bytes.set(Buffer.from(`[ <${id}> <${id}> ]`, "latin1"), at);
  return { pdf: bytes, pages: doc.getPageCount() };
}

/** The build date from SOURCE_DATE_EPOCH (reproducible-builds.org), or undefined when it is not set. */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return undefined;
  if (!/^\d+$/.test(epoch)) {
    throw new EnvironmentError(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, got ${JSON.stringify(epoch)}`);
  }
  return new Date(Number(epoch) * 1000);
}
