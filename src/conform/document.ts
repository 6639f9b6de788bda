/**
 * A finished PDF as the conformance checkpoints see it: catalog, XMP packet, pages, annotations,
 * structure elements and what each page draws outside marked content. Read with the same lazy
 * reader that finishes the PDF (src/pdf/incremental.ts), parsing only what a checkpoint asks for.
 */
import { inflateSync } from "node:zlib";
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { operators, PAINTING, unmarkedStretches } from "../pdf/content-stream.ts";
import { PdfFile } from "../pdf/incremental.ts";

const name = (key: string) => PDFName.of(key);

export interface StructElement {
  /** The structure type after the role map: "/H1", "/Figure", … */
  type: string;
  /** The type of the element it belongs to; undefined for a child of the root. */
  parent: string | undefined;
  /** Its alternative text (Alt, else ActualText), when it has one. */
  alt: string | undefined;
  /** Whether its attributes hold a table Scope. */
  scoped: boolean;
}

export interface Page {
  ref: PDFRef;
  dict: PDFDict;
}

/** Operators that paint, counted per page when they stand outside any marked content. */
export interface UntaggedContent {
  page: number;
  operators: Map<string, number>;
}

export class CheckedPdf {
  readonly file: PdfFile;
  private cache = new Map<string, unknown>();

  constructor(
    readonly bytes: Uint8Array,
    readonly document: string,
  ) {
    this.file = new PdfFile(bytes, document);
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  get catalog(): PDFDict {
    return this.file.catalog;
  }

  /** `dict[key]`, resolved. */
  get(dict: PDFDict | undefined, key: string): PDFObject | undefined {
    return dict ? this.file.resolve(dict.get(name(key))) : undefined;
  }

  getDict(dict: PDFDict | undefined, key: string): PDFDict | undefined {
    const value = this.get(dict, key);
    return value instanceof PDFDict ? value : undefined;
  }

  getArray(dict: PDFDict | undefined, key: string): PDFObject[] {
    const value = this.get(dict, key);
    return value instanceof PDFArray ? value.asArray() : [];
  }

  /** The decoded data of a stream: unfiltered or Flate. */
  streamData(value: PDFObject | undefined): Buffer | undefined {
    const stream = this.file.resolve(value);
    if (!(stream instanceof PDFRawStream)) return undefined;
    const filter = stream.dict.get(name("Filter"));
    const data = Buffer.from(stream.contents);
    if (filter === undefined) return data;
    return filter === name("FlateDecode") ? inflateSync(data) : undefined;
  }

  /** The catalog's XMP packet as text, when there is one. */
  get xmp(): string | undefined {
    return this.once("xmp", () => this.streamData(this.catalog.get(name("Metadata")))?.toString("utf8"));
  }

  get pages(): Page[] {
    return this.once("pages", () => this.file.pageRefs().map((ref) => ({ ref, dict: this.file.dict(ref, "a page") })));
  }

  /** Every annotation with its reference and page number (1-based). */
  get annotations(): { ref: PDFObject; dict: PDFDict; page: number }[] {
    return this.once("annotations", () =>
      this.pages.flatMap(({ dict }, index) =>
        this.getArray(dict, "Annots").flatMap((ref) => {
          const annotation = this.file.resolve(ref);
          return annotation instanceof PDFDict ? [{ ref, dict: annotation, page: index + 1 }] : [];
        }),
      ),
    );
  }

  /** The structure tree root's children, as the root's /K lists them. */
  get rootElements(): StructElement[] {
    return this.structure.filter((element) => element.parent === undefined);
  }

  /** Every structure element in document order (depth first), and the OBJR targets with their element's type. */
  get structure(): StructElement[] {
    return this.once("structure", () => this.walkStructure().elements);
  }

  /** Object number of each annotation that a structure element holds, and that element's type. */
  get annotationOwners(): Map<number, string> {
    return this.once("owners", () => this.walkStructure().owners);
  }

  /**
   * Walks the structure tree from the root in document order. Each element is read from its text
   * with a few patterns rather than parsed whole: a bijlage has thousands, and the check runs on
   * every document of a build. Chromium writes each as a plain object whose kids are references,
   * marked-content ids and OBJR dictionaries.
   */
  private walkStructure() {
    return this.once("walk", () => {
      const elements: StructElement[] = [];
      const owners = new Map<number, string>();
      const root = this.getDict(this.catalog, "StructTreeRoot");
      const roleMap = this.getDict(root, "RoleMap");
      const mapped = (type: string) => {
        const target = roleMap?.get(PDFName.of(type.slice(1)));
        return target instanceof PDFName ? target.toString() : type;
      };
      const seen = new Set<number>();
      const visit = (number: number, parent: string | undefined) => {
        if (seen.has(number)) return;
        seen.add(number);
        const body = this.file.objectText(number);
        const type = body && /\/S\s*(\/[^\s/<>[\]()]+)/.exec(body)?.[1];
        if (!body || !type) return;
        const kids = /\/K\s*(\[[^\]]*\]|\d+\s+\d+\s+R|<<[^>]*>>)/.exec(body)?.[1] ?? "";
        const own = mapped(type);
        elements.push({ type: own, parent, alt: alternativeText(body), scoped: /\/Scope\s*\//.test(body) });
        for (const objr of kids.matchAll(/\/Obj\s+(\d+)\s+\d+\s+R/g)) owners.set(Number(objr[1]), own);
        for (const kid of kids.replace(/<<[^>]*>>/g, "").matchAll(/(\d+)\s+\d+\s+R/g)) visit(Number(kid[1]), own);
      };
      for (const kid of root ? this.kids(root) : []) if (kid instanceof PDFRef) visit(kid.objectNumber, undefined);
      return { elements, owners };
    });
  }

  private kids(dict: PDFDict): PDFObject[] {
    const kids = dict.get(name("K"));
    if (kids instanceof PDFArray) return kids.asArray();
    return kids === undefined || kids instanceof PDFNumber ? [] : [kids];
  }

  /** Per page, the painting operators that stand outside marked content (neither tagged nor artifact). */
  get untagged(): UntaggedContent[] {
    return this.once("untagged", () =>
      this.pages.flatMap(({ dict }, index) => {
        const counts = new Map<string, number>();
        const contents = this.get(dict, "Contents");
        // The streams of an array are one content stream, cut anywhere between tokens.
        const parts = (contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []).map((part) =>
          this.streamData(part),
        );
        if (parts.some((part) => part === undefined)) counts.set("(a content stream it cannot decode)", 1);
        else countUntagged(parts.map((part) => part!.toString("latin1")).join("\n"), counts);
        return counts.size > 0 ? [{ page: index + 1, operators: counts }] : [];
      }),
    );
  }
}

/** An element's Alt, else its ActualText, decoded; undefined when it has neither. */
function alternativeText(body: string): string | undefined {
  const found = /\/(?:Alt|ActualText)\s*(<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\[\s\S])*\))/.exec(body)?.[1];
  if (!found) return undefined;
  return found.startsWith("<")
    ? PDFHexString.of(found.slice(1, -1).replace(/\s/g, "")).decodeText()
    : PDFString.of(found.slice(1, -1)).decodeText();
}

function countUntagged(content: string, counts: Map<string, number>): void {
  for (const [from, to] of unmarkedStretches(content)) {
    for (const { op } of operators(content, from, to)) if (PAINTING.has(op)) counts.set(op, (counts.get(op) ?? 0) + 1);
  }
}
