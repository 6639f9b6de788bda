/**
 * Chromium paints a page's @page margin boxes (the running head, "page n / total") first, before
 * the page's tagged content, and marks them as nothing, so readers would meet them as untagged
 * text. Each text object of that leading part is wrapped as a pagination artifact, a header or a
 * footer by where it stands on the page. Only the page's content streams are rewritten.
 */
import { deflateSync, inflateSync } from "node:zlib";
import { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef } from "pdf-lib";
import { operators } from "./content-stream.ts";
import type { PdfFile } from "./pdf-file.ts";

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied after `n`'s space: the CTM after "m cm" when it was `n`. */
const times = ([a, b, c, d, e, f]: Matrix, n: Matrix): Matrix => [
  a * n[0] + b * n[2],
  a * n[1] + b * n[3],
  c * n[0] + d * n[2],
  c * n[1] + d * n[3],
  e * n[0] + f * n[2] + n[4],
  e * n[1] + f * n[3] + n[5],
];

const artifact = (subtype: string) => `/Artifact <</Type /Pagination /Subtype /${subtype}>> BDC\n`;

/**
 * `content` with each text object drawn before its first marked content wrapped as a Header
 * (upper half of the page, whose vertical middle is `middle`) or Footer artifact; undefined when
 * there is none.
 */
export function markPagination(content: string, middle: number): string | undefined {
  const pieces: string[] = [];
  let [last, textStart, y] = [0, -1, 0];
  let ctm = IDENTITY;
  const saved: Matrix[] = [];
  for (const { op, operands, start, end } of operators(content)) {
    if (op === "BDC" || op === "BMC") break;
    if (op === "q") saved.push(ctm);
    else if (op === "Q") ctm = saved.pop() ?? IDENTITY;
    else if (op === "cm") ctm = times(operands.map(Number) as Matrix, ctm);
    else if (op === "BT") [textStart, y] = [start, ctm[5]];
    else if (op === "Tm") y = times(operands.map(Number) as Matrix, ctm)[5];
    else if (op === "ET" && textStart >= 0) {
      pieces.push(content.slice(last, textStart), artifact(y > middle ? "Header" : "Footer"), content.slice(textStart, end), "\nEMC");
      [last, textStart] = [end, -1];
    }
  }
  return pieces.length > 0 ? pieces.join("") + content.slice(last) : undefined;
}

/** Rewrites the content stream of each page whose margin boxes hold text. */
export function markPaginationArtifacts(file: PdfFile): void {
  for (const pageRef of file.pageRefs()) {
    const page = file.dict(pageRef, "a page");
    const box = file.resolve(page.get(PDFName.of("MediaBox")));
    const contents = page.get(PDFName.of("Contents"));
    if (!(box instanceof PDFArray) || !(contents instanceof PDFRef)) continue;
    const stream = file.object(contents);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of("Filter")) !== PDFName.of("FlateDecode")) continue;
    const [, bottom, , top] = box.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
    const text = inflateSync(stream.contents).toString("latin1");
    const marked = markPagination(text, (bottom! + top!) / 2);
    if (marked === undefined) continue;
    const bytes = deflateSync(Buffer.from(marked, "latin1"));
    const dict = file.context.obj({ Filter: "FlateDecode", Length: bytes.byteLength });
    file.set(contents, PDFRawStream.of(dict, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }
}
