/**
 * Document metadata and reproducibility. Chromium stamps each PDF with the time of printing and
 * its own version; this replaces them with the report's metadata and a date from the source, so
 * the same input gives the same bytes. Everything else (tags, outline, fonts) is kept as printed.
 */
import { createHash } from "node:crypto";
import { PDFBool, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString } from "pdf-lib";
import { RenderError } from "../errors.ts";
import { markArtifacts } from "./artifacts.ts";
import { retitleOutline } from "./outline.ts";
import { PdfFile } from "../pdf/incremental.ts";
import { addPdfaEntries } from "./pdfa.ts";
import { describeLinks, flattenNestedFigures } from "./tags.ts";
import * as msg from "../messages.ts";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  /** BCP 47 language of the text, for screen readers: "nl-BE". */
  language: string;
  /** Creation and modification date: the date of the source, never the time of the build. */
  date: Date;
  /** The document's headings in order, to write the outline titles from (see outline.ts). */
  outlineTitles?: string[];
  /** What each link target (an element id) is, for the links' descriptions (see tags.ts). */
  linkLabels?: ReadonlyMap<string, string>;
}

/** Fixed, so that upgrading Chromium or pdf-lib does not change a report's bytes by itself. */
const CREATOR = "vvsg-rapporten";
const PRODUCER = "vvsg-rapporten (Chromium)";

/** Stands in for the file identifier while the file is hashed; then overwritten in place. */
const PLACEHOLDER_ID = "0".repeat(32);

/**
 * Chromium names structure elements after its DOM node ids ("node00000031"), which count every node
 * the renderer made before, in this document or an earlier one. Renumbered by rank, at the same
 * width, they depend on the document alone. They occur as literal strings in plain objects (/ID of
 * each element, the IDTree, table cells' /Headers); streams are skipped, so a compressed byte
 * sequence that happens to read like one is left alone.
 */
function renumberNodeIds(file: PdfFile): void {
  const found = [...file.text.matchAll(/\(node(\d+)\)/g)].filter((match) => !file.inStream(match.index));
  const rank = new Map(
    [...new Set(found.map((m) => Number(m[1])))].sort((a, b) => a - b).map((id, index) => [id, index + 1]),
  );
  for (const match of found) {
    const digits = match[1]!;
    file.patch(match.index + "(node".length, String(rank.get(Number(digits))).padStart(digits.length, "0"));
  }
}

export interface FinalPdf {
  pdf: Uint8Array;
  /** Counted while the file is open anyway, so nobody has to parse it again for the manifest. */
  pages: number;
}

/**
 * The printed PDF with the report's metadata (Info and XMP), output intent, outline titles, tags
 * completed for PDF/UA (artifacts, figures, links) and file identifier, as an incremental update.
 */
export function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): FinalPdf {
  const file = new PdfFile(pdf, meta.title);
  const { context } = file;
  const text = (value: string) => PDFHexString.fromText(value);
  const info = context.obj({});
  info.set(PDFName.of("Title"), text(meta.title));
  info.set(PDFName.of("Author"), text(meta.author));
  info.set(PDFName.of("Subject"), text(meta.subject));
  if (meta.keywords?.length) info.set(PDFName.of("Keywords"), text(meta.keywords.join(", ")));
  info.set(PDFName.of("Creator"), text(CREATOR));
  info.set(PDFName.of("Producer"), text(PRODUCER));
  info.set(PDFName.of("CreationDate"), PDFString.fromDate(meta.date));
  info.set(PDFName.of("ModDate"), PDFString.fromDate(meta.date));
  const infoRef = file.reference("Info");
  file.set(infoRef, info);

  const catalogRef = file.reference("Root");
  const catalog = file.catalog;
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(meta.language))
    throw new RenderError(msg.notLanguageTag(meta.language), meta.title);
  catalog.set(PDFName.of("Lang"), PDFString.of(meta.language));
  const preferences = context.obj({});
  const printed = file.resolve(catalog.get(PDFName.of("ViewerPreferences")));
  if (printed instanceof PDFDict) for (const [key, value] of printed.entries()) preferences.set(key, value);
  // Viewers show the title rather than the file name.
  preferences.set(PDFName.of("DisplayDocTitle"), PDFBool.True);
  catalog.set(PDFName.of("ViewerPreferences"), preferences);
  addPdfaEntries(file, catalog, { ...meta, creator: CREATOR, producer: PRODUCER });
  file.set(catalogRef, catalog);
  markArtifacts(file);
  flattenNestedFigures(file);
  describeLinks(file, meta.linkLabels ?? new Map());
  if (meta.outlineTitles) retitleOutline(file, meta.outlineTitles, meta.title);

  const pageCount = file.dict(catalog.get(PDFName.of("Pages")), "the page tree").get(PDFName.of("Count"));
  if (!(pageCount instanceof PDFNumber)) throw new RenderError(msg.noPageCount(), meta.title);

  const placeholder = PDFHexString.of(PLACEHOLDER_ID);
  renumberNodeIds(file);
  const bytes = file.update({ Info: infoRef, ID: context.obj([placeholder, placeholder]) });
  // The identifier is a hash of the file itself, so it changes exactly when the content does.
  const id = createHash("sha256").update(bytes).digest("hex").slice(0, PLACEHOLDER_ID.length).toUpperCase();
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(
    `[ <${PLACEHOLDER_ID}> <${PLACEHOLDER_ID}> ]`,
    undefined,
    "latin1",
  );
  if (at < 0) throw new RenderError(msg.idNotWritten(), meta.title);
  bytes.set(Buffer.from(`[ <${id}> <${id}> ]`, "latin1"), at);
  return { pdf: bytes, pages: pageCount.asNumber() };
}
