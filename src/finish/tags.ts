/**
 * What Chromium's tags lack for PDF/UA. A chart is an SVG image (a Figure with its alternative
 * text) inside the HTML <figure>, which Chromium tags as a second Figure without one: the outer
 * becomes a Div, its caption a P, so each chart is one Figure whose Alt is its computed
 * description, and a reader still meets the caption and the source note in order. A link
 * annotation gets the /Contents PDF/UA asks for: where it leads, from the document's own text.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from "pdf-lib";
import type { PdfFile } from "../pdf/incremental.ts";

const S = PDFName.of("S");

/** The plain objects (outside streams) whose text contains `pattern`, once each, as references. */
export function objectsContaining(file: PdfFile, pattern: RegExp): PDFRef[] {
  const numbers = new Set<number>();
  for (const match of file.text.matchAll(pattern)) {
    const ref = file.inStream(match.index) ? undefined : file.objectAt(match.index);
    if (ref) numbers.add(ref.objectNumber);
  }
  return [...numbers].map((number) => PDFRef.of(number));
}

const kidsOf = (file: PdfFile, element: PDFDict): PDFObject[] => {
  const kids = file.resolve(element.get(PDFName.of("K")));
  return kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
};

const typeOf = (file: PdfFile, value: PDFObject | undefined) => {
  const element = file.resolve(value);
  return element instanceof PDFDict ? element.get(S)?.toString() : undefined;
};

/** Makes a Figure that holds another Figure a Div, and its Caption a P. */
export function flattenNestedFigures(file: PdfFile): void {
  for (const ref of objectsContaining(file, /\/S\s*\/Figure\b/g)) {
    const element = file.dict(ref, "a structure element");
    const kids = kidsOf(file, element);
    if (!kids.some((kid) => typeOf(file, kid) === "/Figure")) continue;
    element.set(S, PDFName.of("Div"));
    file.set(ref, element);
    for (const kid of kids) {
      if (!(kid instanceof PDFRef) || typeOf(file, kid) !== "/Caption") continue;
      const caption = file.dict(kid, "a caption");
      caption.set(S, PDFName.of("P"));
      file.set(kid, caption);
    }
  }
}

/** "figuur-1" → "figuur 1": a destination's name in words, when the document names no text for it. */
const words = (name: string) => name.replace(/[-_]+/g, " ").trim();

/**
 * Gives each link annotation a /Contents: "Naar <text>" for a link within the document, from
 * `labels` (element id → its heading or caption), and the address for a link to the web. Each is
 * also set to print (/F 4), as PDF/A asks.
 */
export function describeLinks(file: PdfFile, labels: ReadonlyMap<string, string>): void {
  for (const ref of objectsContaining(file, /\/Subtype\s*\/Link\b/g)) {
    const link = file.dict(ref, "a link annotation");
    if (link.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
    const dest = link.get(PDFName.of("Dest"));
    const action = file.resolve(link.get(PDFName.of("A")));
    const uri = action instanceof PDFDict ? action.get(PDFName.of("URI")) : undefined;
    const target =
      dest instanceof PDFName
        ? dest.decodeText()
        : dest instanceof PDFString || dest instanceof PDFHexString
          ? dest.decodeText()
          : "";
    const contents =
      uri instanceof PDFString || uri instanceof PDFHexString
        ? uri.decodeText()
        : `Naar ${labels.get(target) ?? words(target)}`;
    link.set(PDFName.of("Contents"), PDFHexString.fromText(contents));
    link.set(PDFName.of("F"), PDFNumber.of(4));
    file.set(ref, link);
  }
}
