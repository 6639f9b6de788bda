/**
 * Chromium paints a page's @page margin boxes (the running head, "page n / total") first, before
 * the page's tagged content, and marks them as nothing, so readers would meet them as untagged
 * text. Each text object of that leading part is wrapped as a pagination artifact, a header or a
 * footer by where it stands on the page. Decoration that Chromium leaves untagged anywhere (the
 * dotted leaders of the table of contents, drawn by a border) is wrapped as a layout artifact:
 * paths only, never text, so text that lost its tags still fails the conformance check.
 * Only the pages' content streams are rewritten.
 */
import { deflateSync, inflateSync } from "node:zlib";
import { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef } from "pdf-lib";
import { numericOperands, operators, unmarkedStretches } from "../pdf/content-stream.ts";
import type { PdfFile } from "../pdf/incremental.ts";

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

const PATH_START = new Set(["m", "re"]);
const PATH_CONTINUE = new Set(["l", "c", "v", "y", "h"]);
const PATH_PAINT = new Set(["f", "F", "f*", "B", "B*", "b", "b*", "S", "s"]);
const pagination = (subtype: string) => `/Artifact <</Type /Pagination /Subtype /${subtype}>> BDC\n`;
const LAYOUT = "/Artifact <</Type /Layout>> BDC\n";

/** A stretch of the content to wrap: [start, end) and the opening operator. */
type Wrap = [number, number, string];

/**
 * The stretches of `content` to mark as artifacts: text objects before the first marked content
 * (Header above the page's vertical middle `middle`, Footer below), and painted paths outside
 * marked content.
 */
export function artifactStretches(content: string, middle: number): Wrap[] {
  const wraps: Wrap[] = [];
  unmarkedStretches(content).forEach(([from, to], index) => {
    // The margin boxes come before the first marked content: the first stretch, at the start.
    const margin = index === 0;
    let [textStart, pathStart, y] = [-1, -1, 0];
    let ctm = IDENTITY;
    const saved: Matrix[] = [];
    for (const operator of operators(content, from, to)) {
      const { op, start, at, end } = operator;
      if (op === "q") saved.push(ctm);
      else if (op === "Q") ctm = saved.pop() ?? IDENTITY;
      else if (op === "cm") ctm = times(numericOperands(content, operator) as Matrix, ctm);
      else if (op === "BT" && margin) [textStart, y] = [at, ctm[5]];
      else if (op === "Tm") y = times(numericOperands(content, operator) as Matrix, ctm)[5];
      else if (op === "ET" && textStart >= 0) {
        wraps.push([textStart, end, pagination(y > middle ? "Header" : "Footer")]);
        textStart = -1;
      } else if (PATH_START.has(op) && pathStart < 0) pathStart = start;
      else if (PATH_PAINT.has(op) && pathStart >= 0) wraps.push([pathStart, end, LAYOUT]);
      if (!PATH_START.has(op) && !PATH_CONTINUE.has(op)) pathStart = -1;
    }
  });
  return wraps;
}

/** `content` with each stretch wrapped in its artifact; neighbours with only white space between them share one. */
export function wrapArtifacts(content: string, wraps: Wrap[]): string {
  const merged: Wrap[] = [];
  for (const wrap of wraps) {
    const last = merged.at(-1);
    if (last && last[2] === wrap[2] && content.slice(last[1], wrap[0]).trim() === "") last[1] = wrap[1];
    else merged.push([...wrap]);
  }
  const pieces: string[] = [];
  let done = 0;
  for (const [start, end, open] of merged) {
    pieces.push(content.slice(done, start), open, content.slice(start, end), "\nEMC");
    done = end;
  }
  return pieces.join("") + content.slice(done);
}

/** Rewrites the content stream of each page that draws something outside marked content. */
export function markArtifacts(file: PdfFile): void {
  for (const pageRef of file.pageRefs()) {
    const page = file.dict(pageRef, "a page");
    const box = file.resolve(page.get(PDFName.of("MediaBox")));
    const contents = page.get(PDFName.of("Contents"));
    if (!(box instanceof PDFArray) || !(contents instanceof PDFRef)) continue;
    const stream = file.object(contents);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of("Filter")) !== PDFName.of("FlateDecode"))
      continue;
    const [, bottom, , top] = box.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
    const text = inflateSync(stream.contents).toString("latin1");
    const wraps = artifactStretches(text, (bottom! + top!) / 2);
    if (wraps.length === 0) continue;
    // The fastest level: a page's stream takes a fifth of the time level 6 takes (0.2 ms for 100 kB)
    // for a third more bytes; every page of every document passes here.
    const bytes = deflateSync(Buffer.from(wrapArtifacts(text, wraps), "latin1"), { level: 1 });
    const dict = file.context.obj({ Filter: "FlateDecode", Length: bytes.byteLength });
    file.set(contents, PDFRawStream.of(dict, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }
}
