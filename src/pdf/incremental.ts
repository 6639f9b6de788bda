/**
 * A printed PDF as Chromium's PDF writer (Skia) lays it out: objects in plain text, found through
 * a classic cross-reference table. It reads single objects without parsing the rest of the file,
 * and changes the file by an incremental update: changed objects are appended with a new
 * cross-reference section, and nothing before them moves. Reading the whole file into an object
 * model and writing it out again cost as much CPU as Chromium took to print it (the benchmark's
 * "finish" figures were measured both ways).
 */
import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObject, PDFObjectParser, PDFRef } from "pdf-lib";
import { RenderError } from "../errors.ts";
import * as msg from "../messages.ts";

const name = (key: string) => PDFName.of(key);

export class PdfFile {
  /** The file's text, one character per byte, for searching. */
  readonly text: string;
  /** Byte offset of every object in use, by object number. */
  private readonly offsets = new Map<number, number>();
  readonly trailer: PDFDict;
  /** Where the last cross-reference section starts: the update's /Prev. */
  private readonly lastXref: number;
  /** Makes the objects of the update. */
  readonly context = PDFContext.create();
  /** Objects parsed so far, by number: each is parsed once, and changed in place before set(). */
  private readonly parsed = new Map<number, PDFObject>();
  /** The objects the update replaces. */
  private readonly changed = new Set<number>();
  /** Same-length edits of the printed bytes: offset and the text written there. */
  private readonly patches: [number, string][] = [];
  private streamRanges: [number, number][] | undefined;

  constructor(
    readonly bytes: Uint8Array,
    /** The document, for error messages. */
    private readonly document: string,
  ) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.text.slice(-64));
    if (!startxref) this.fail("it does not end with startxref and %%EOF");
    this.lastXref = Number(startxref[1]);
    let trailer: PDFDict | undefined;
    // Sections from the last to the first: a later one overrides what an earlier one says.
    for (let at: number | undefined = this.lastXref; at !== undefined;) {
      const section = this.readXref(at);
      trailer ??= section;
      const previous = section.get(name("Prev"));
      at = previous instanceof PDFNumber ? previous.asNumber() : undefined;
    }
    this.trailer = trailer!;
  }

  private fail(problem: string): never {
    throw new RenderError(msg.cannotFinish(problem), this.document);
  }

  /** Reads one classic cross-reference section and returns its trailer. */
  private readXref(at: number): PDFDict {
    if (!this.text.startsWith("xref", at))
      this.fail(`no cross-reference table at byte ${at} (a cross-reference stream is not supported)`);
    const header = /(\d+)[ \t]+(\d+)[ \t]*\r?\n/y;
    let position = at + 4;
    while (/\s/.test(this.text[position]!)) position++;
    while (!this.text.startsWith("trailer", position)) {
      header.lastIndex = position;
      const match = header.exec(this.text);
      if (!match) this.fail(`an unreadable cross-reference subsection at byte ${position}`);
      const [first, count] = [Number(match[1]), Number(match[2])];
      position = header.lastIndex;
      for (let i = 0; i < count; i++, position += 20) {
        const entry = this.text.slice(position, position + 18);
        if (entry[17] === "n" && !this.offsets.has(first + i)) this.offsets.set(first + i, Number(entry.slice(0, 10)));
      }
      while (/\s/.test(this.text[position]!)) position++;
    }
    const trailer = this.parseAt(position + "trailer".length);
    if (!(trailer instanceof PDFDict)) this.fail("its trailer is not a dictionary");
    return trailer;
  }

  private parseAt(position: number): PDFObject {
    return PDFObjectParser.forBytes(this.bytes.subarray(position), this.context).parseObject();
  }

  /** Where the printed object `number` begins, after its "n g obj" header; undefined when it is not in the file. */
  private bodyStart(number: number): number | undefined {
    const offset = this.offsets.get(number);
    if (offset === undefined) return undefined;
    const header = /(\d+)\s+(\d+)\s+obj\b/y;
    header.lastIndex = offset;
    const match = header.exec(this.text);
    if (!match || Number(match[1]) !== number) this.fail(`object ${number} is not at byte ${offset}`);
    return header.lastIndex;
  }

  /**
   * The text of object `number` as the file holds it now, between "obj" and "endobj"; undefined when it is not in use.
   */
  objectText(number: number): string | undefined {
    const start = this.bodyStart(number);
    if (start === undefined) return undefined;
    const end = this.text.indexOf("endobj", start);
    return this.text.slice(start, end < 0 ? undefined : end);
  }

  /** The object `ref` names, as it is now (changed or as printed). */
  object(ref: PDFRef): PDFObject {
    const kept = this.parsed.get(ref.objectNumber);
    if (kept) return kept;
    const start = this.bodyStart(ref.objectNumber);
    if (start === undefined) this.fail(`object ${ref.objectNumber} is not in the cross-reference table`);
    const object = this.parseAt(start);
    this.parsed.set(ref.objectNumber, object);
    return object;
  }

  /** `value` itself, or the object it refers to. */
  resolve(value: PDFObject | undefined): PDFObject | undefined {
    return value instanceof PDFRef ? this.object(value) : value;
  }

  dict(value: PDFObject | undefined, what: string): PDFDict {
    const resolved = this.resolve(value);
    if (!(resolved instanceof PDFDict)) this.fail(`${what} is not a dictionary`);
    return resolved;
  }

  get catalog(): PDFDict {
    return this.dict(this.trailer.get(name("Root")), "the catalog");
  }

  /** The page objects' references, in page order. */
  pageRefs(): PDFRef[] {
    const refs: PDFRef[] = [];
    const walk = (node: PDFObject | undefined, depth: number) => {
      if (depth > 32) this.fail("its page tree is too deep");
      const kids = this.resolve(this.dict(node, "a page tree node").get(name("Kids")));
      if (!(kids instanceof PDFArray)) return void (node instanceof PDFRef && refs.push(node));
      for (const kid of kids.asArray()) walk(kid, depth + 1);
    };
    walk(this.catalog.get(name("Pages")), 0);
    return refs;
  }

  /** The object the trailer's `key` (Root, Info) refers to; a new object number when it has none. */
  reference(key: "Root" | "Info"): PDFRef {
    const ref = this.trailer.get(name(key));
    if (ref instanceof PDFRef) return ref;
    if (key === "Root") this.fail("its trailer names no catalog");
    const next = this.add(this.context.obj({}));
    this.trailer.set(name(key), next);
    return next;
  }

  /** Adds `object` to the update under a new object number. */
  add(object: PDFObject): PDFRef {
    const size = this.trailer.get(name("Size"));
    const ref = PDFRef.of(size instanceof PDFNumber ? size.asNumber() : this.offsets.size + 1);
    this.trailer.set(name("Size"), PDFNumber.of(ref.objectNumber + 1));
    this.set(ref, object);
    return ref;
  }

  /** Replaces object `ref` in the update. */
  set(ref: PDFRef, object: PDFObject): void {
    this.parsed.set(ref.objectNumber, object);
    this.changed.add(ref.objectNumber);
  }

  /** Whether byte `at` lies inside a stream's data, where text that reads like PDF syntax is not. */
  inStream(at: number): boolean {
    this.streamRanges ??= [...this.text.matchAll(/>>\s*stream\r?\n/g)].map((match) => {
      const start = match.index + match[0].length;
      const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(
        this.text.slice(this.text.lastIndexOf(" obj", match.index), match.index),
      );
      return [start, length ? start + Number(length[1]) : this.text.indexOf("endstream", start)];
    });
    return this.streamRanges.some(([start, end]) => at >= start && at < end);
  }

  private starts: number[] | undefined;

  /** The object in use whose text holds byte `at`, when one does. */
  objectAt(at: number): PDFRef | undefined {
    this.starts ??= [...this.offsets.values()].sort((a, b) => a - b);
    let [low, high] = [0, this.starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    const header = /(\d+)\s+\d+\s+obj\b/y;
    header.lastIndex = this.starts[low] ?? 0;
    const match = header.exec(this.text);
    return match && this.offsets.get(Number(match[1])) === this.starts[low] ? PDFRef.of(Number(match[1])) : undefined;
  }

  /** Overwrites printed bytes in place, at the same length, so that no offset moves. */
  patch(at: number, text: string): void {
    this.patches.push([at, text]);
  }

  /**
   * The file with its patches, the changed objects appended, and a trailer holding `trailer`'s
   * entries over the printed one's (for /Info, /ID).
   */
  update(trailer: Record<string, PDFObject>): Uint8Array {
    const body = Buffer.from(this.bytes);
    for (const [at, text] of this.patches) body.write(text, at, "latin1");
    // The printed versions of the replaced objects stay in the file, unreachable; they are emptied
    // in place, so that nothing of them (Chromium's print time and version in /Info) is left to find.
    for (const number of this.changed) {
      const start = this.bodyStart(number);
      if (start === undefined) continue;
      const end = this.text.indexOf("endobj", start);
      if (end < 0 || this.text.slice(start, end).includes("stream")) continue;
      body.fill(0x20, start, end);
      body.write("<<>>", start + 1, "latin1");
      body[end - 1] = 0x0a;
    }
    const parts: string[] = [body.at(-1) === 0x0a ? "" : "\n"];
    let offset = body.byteLength + parts[0]!.length;
    const entries: [number, number][] = [];
    for (const number of [...this.changed].sort((a, b) => a - b)) {
      const text = `${number} 0 obj\n${this.parsed.get(number)!.toString()}\nendobj\n`;
      entries.push([number, offset]);
      parts.push(text);
      offset += Buffer.byteLength(text, "latin1");
    }
    // Every entry is 20 bytes: "0000012345 00000 n " and a newline.
    const entry = ([number, at]: [number, number]) => `${number} 1\n${String(at).padStart(10, "0")} 00000 n \n`;
    const xref = `xref\n${entries.map(entry).join("")}`;
    const newTrailer = this.context.obj({});
    for (const [key, value] of this.trailer.entries()) newTrailer.set(key, value);
    newTrailer.set(name("Prev"), PDFNumber.of(this.lastXref));
    for (const [key, value] of Object.entries(trailer)) newTrailer.set(name(key), value);
    parts.push(`${xref}trailer\n${newTrailer.toString()}\nstartxref\n${offset}\n%%EOF\n`);
    const file = Buffer.concat([body, Buffer.from(parts.join(""), "latin1")]);
    // A plain Uint8Array: readers such as pdf.js refuse a Buffer.
    return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  }
}
