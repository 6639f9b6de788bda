/**
 * The machine-checkable conditions of PDF/UA-1 (ISO 14289-1, numbered as the Matterhorn Protocol
 * numbers its failure conditions) and PDF/A-2b (ISO 19005-2, by clause) that apply to what Chromium
 * writes and the finishing step adds. Each test returns what failed, in words; none means it holds.
 * What needs a person (reading order, whether an alt text is meaningful, colour contrast in the
 * charts) is not here: see the README.
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import type { CheckedPdf } from "./document.ts";

export interface Checkpoint {
  /** "UA 13-004" (Matterhorn) or "PDF/A 6.2.3" (ISO 19005-2 clause). */
  id: string;
  /** The condition that must hold. */
  rule: string;
  test(pdf: CheckedPdf): string[];
}

const text = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** The value of an XMP property, written as an element or as an attribute; the first rdf:li of a list. */
export function xmpProperty(xmp: string, property: string): string | undefined {
  const element = new RegExp(`<${property}(?:\\s[^>]*)?>([\\s\\S]*?)</${property}>`).exec(xmp);
  const attribute = new RegExp(`\\s${property}="([^"]*)"`).exec(xmp);
  const raw = element?.[1] ?? attribute?.[1];
  if (raw === undefined) return undefined;
  const item = /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/.exec(raw);
  const value = (item ? item[1]! : raw).trim();
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

const HEADING = /^\/H([1-6])$/;

/** Structure elements of `type`, each named by its position for the message. */
const elementsOf = (pdf: CheckedPdf, type: string) => pdf.structure.filter((element) => element.type === type);

const linkAnnotations = (pdf: CheckedPdf) =>
  pdf.annotations.filter(({ dict }) => dict.get(PDFName.of("Subtype")) === PDFName.of("Link"));

const INFO_XMP: [string, string][] = [
  ["Title", "dc:title"],
  ["Author", "dc:creator"],
  ["Subject", "dc:description"],
  ["Keywords", "pdf:Keywords"],
  ["Creator", "xmp:CreatorTool"],
  ["Producer", "pdf:Producer"],
];

/** "D:20081211000000Z" → "2008-12-11T00:00:00Z", as XMP writes a date in UTC. */
const xmpDate = (pdfDate: string | undefined) => {
  const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z/.exec(pdfDate ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : pdfDate;
};

const FORBIDDEN_ACTIONS = new Set([
  "/Launch",
  "/Sound",
  "/Movie",
  "/ResetForm",
  "/ImportData",
  "/Hide",
  "/SetOCGState",
  "/Rendition",
  "/Trans",
  "/GoTo3DView",
  "/JavaScript",
]);

export const CHECKPOINTS: Checkpoint[] = [
  {
    id: "UA 01-005",
    rule: "all page content is tagged or marked as an artifact",
    test: (pdf) =>
      pdf.untagged.map(
        ({ page, operators }) =>
          `page ${page}: ${[...operators].map(([op, n]) => `${n} × ${op}`).join(", ")} outside marked content`,
      ),
  },
  {
    id: "UA 06-001",
    rule: "the catalog has an XMP metadata stream (Type Metadata, Subtype XML)",
    test: (pdf) => {
      const metadata = pdf.file.resolve(pdf.catalog.get(PDFName.of("Metadata")));
      const dict = metadata instanceof PDFRawStream ? metadata.dict : undefined;
      if (!dict) return ["the catalog has no /Metadata stream"];
      const typed =
        dict.get(PDFName.of("Type")) === PDFName.of("Metadata") &&
        dict.get(PDFName.of("Subtype")) === PDFName.of("XML");
      if (!typed) return ["/Metadata is not of /Type /Metadata, /Subtype /XML"];
      return pdf.xmp === undefined ? ["the metadata stream cannot be decoded"] : [];
    },
  },
  {
    id: "UA 06-002",
    rule: "the XMP metadata says pdfuaid:part 1",
    test: (pdf) =>
      pdf.xmp === undefined || xmpProperty(pdf.xmp, "pdfuaid:part") === "1"
        ? []
        : ["no pdfuaid:part 1 in the XMP metadata"],
  },
  {
    id: "UA 06-003",
    rule: "the XMP metadata has a dc:title",
    test: (pdf) =>
      pdf.xmp === undefined || xmpProperty(pdf.xmp, "dc:title") ? [] : ["no dc:title in the XMP metadata"],
  },
  {
    id: "UA 07-001",
    rule: "ViewerPreferences/DisplayDocTitle is true",
    test: (pdf) =>
      pdf.get(pdf.getDict(pdf.catalog, "ViewerPreferences"), "DisplayDocTitle") === PDFBool.True
        ? []
        : ["DisplayDocTitle is not true"],
  },
  {
    id: "UA 7.1 MarkInfo",
    rule: "the catalog's MarkInfo says Marked true, and no Suspects",
    test: (pdf) => {
      const markInfo = pdf.getDict(pdf.catalog, "MarkInfo");
      const problems = pdf.get(markInfo, "Marked") === PDFBool.True ? [] : ["MarkInfo/Marked is not true"];
      return pdf.get(markInfo, "Suspects") === PDFBool.True ? [...problems, "MarkInfo/Suspects is true"] : problems;
    },
  },
  {
    id: "UA 7.1 Document",
    rule: "the structure tree has one root element, a Document",
    test: (pdf) => {
      const roots = pdf.rootElements;
      if (!pdf.getDict(pdf.catalog, "StructTreeRoot")) return ["the catalog has no StructTreeRoot"];
      return roots.length === 1 && roots[0]!.type === "/Document"
        ? []
        : [`the root elements are ${roots.map((r) => r.type).join(" ") || "none"}`];
    },
  },
  {
    id: "UA 11-001",
    rule: "the catalog's Lang names the document's language",
    test: (pdf) => {
      const lang = text(pdf.get(pdf.catalog, "Lang"));
      return lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)
        ? []
        : [`the catalog's /Lang is ${lang === undefined ? "missing" : JSON.stringify(lang)}`];
    },
  },
  {
    id: "UA 13-004",
    rule: "every Figure has alternative text (Alt or ActualText)",
    test: (pdf) =>
      elementsOf(pdf, "/Figure")
        .map((figure, index) => ({ figure, index }))
        .filter(({ figure }) => !figure.alt?.trim())
        .map(
          ({ figure, index }) =>
            `Figure ${index + 1}${figure.parent === "/Figure" ? " (inside another Figure)" : ""} has no Alt`,
        ),
  },
  {
    id: "UA 14-002",
    rule: "the first numbered heading is an H1",
    test: (pdf) => {
      const first = pdf.structure.find((element) => HEADING.test(element.type));
      return !first || first.type === "/H1" ? [] : [`the first heading is ${first.type.slice(1)}`];
    },
  },
  {
    id: "UA 14-003",
    rule: "no heading level is skipped going down",
    test: (pdf) => {
      const problems: string[] = [];
      let previous = 0;
      for (const element of pdf.structure) {
        const level = Number(HEADING.exec(element.type)?.[1] ?? 0);
        if (!level) continue;
        if (level > previous + 1 && previous > 0) problems.push(`H${level} follows H${previous}`);
        previous = level;
      }
      return problems;
    },
  },
  {
    id: "UA 15-003",
    rule: "every table header cell (TH) has a Scope",
    test: (pdf) => {
      const missing = elementsOf(pdf, "/TH").filter((th) => !th.scoped).length;
      return missing ? [`${missing} TH without a Scope attribute`] : [];
    },
  },
  {
    id: "UA 28-008/009",
    rule: "every page with annotations has tab order /Tabs /S",
    test: (pdf) =>
      pdf.pages
        .map(({ dict }, index) => ({ dict, page: index + 1 }))
        .filter(({ dict }) => pdf.getArray(dict, "Annots").length > 0 && pdf.get(dict, "Tabs") !== PDFName.of("S"))
        .map(({ page }) => `page ${page} has annotations but no /Tabs /S`),
  },
  {
    id: "UA 28-011",
    rule: "every link annotation belongs to a Link structure element",
    test: (pdf) =>
      linkAnnotations(pdf)
        .filter(({ ref }) => !(ref instanceof PDFRef) || pdf.annotationOwners.get(ref.objectNumber) !== "/Link")
        .map(({ page }) => `a link on page ${page} is not in a Link element`),
  },
  {
    id: "UA 28-012",
    rule: "every link annotation describes where it leads in /Contents",
    test: (pdf) => {
      const bare = linkAnnotations(pdf).filter(({ dict }) => !text(pdf.get(dict, "Contents"))?.trim());
      return bare.length
        ? [`${bare.length} of ${linkAnnotations(pdf).length} links have no /Contents (first on page ${bare[0]!.page})`]
        : [];
    },
  },
  {
    id: "PDF/A 6.1.2",
    rule: "the header is followed by a comment of four bytes above 127",
    test: (pdf) => {
      const header = /^%PDF-\d\.\d\r?\n?\r?%(....)/.exec(pdf.file.text.slice(0, 32));
      return header && [...header[1]!].every((c) => c.charCodeAt(0) > 127)
        ? []
        : ["no binary comment after the header"];
    },
  },
  {
    id: "PDF/A 6.1.3",
    rule: "the trailer has a file identifier /ID of two strings, and no /Encrypt",
    test: (pdf) => {
      const id = pdf.file.trailer.get(PDFName.of("ID"));
      const problems = id instanceof PDFArray && id.size() === 2 ? [] : ["the trailer has no /ID of two strings"];
      return pdf.file.trailer.get(PDFName.of("Encrypt")) ? [...problems, "the trailer has /Encrypt"] : problems;
    },
  },
  {
    id: "PDF/A 6.1.5",
    rule:
      "the Info dictionary says what the XMP metadata says " +
      "(title, author, subject, keywords, creator, producer, dates)",
    test: (pdf) => {
      const info = pdf.file.resolve(pdf.file.trailer.get(PDFName.of("Info")));
      if (!(info instanceof PDFDict) || pdf.xmp === undefined) return [];
      const xmp = pdf.xmp;
      const pairs: [string, string | undefined, string | undefined][] = INFO_XMP.map(([key, property]) => [
        key,
        text(info.get(PDFName.of(key))),
        xmpProperty(xmp, property),
      ]);
      pairs.push([
        "CreationDate",
        xmpDate(text(info.get(PDFName.of("CreationDate")))),
        xmpProperty(xmp, "xmp:CreateDate"),
      ]);
      pairs.push(["ModDate", xmpDate(text(info.get(PDFName.of("ModDate")))), xmpProperty(xmp, "xmp:ModifyDate")]);
      return pairs
        .filter(([, inInfo, inXmp]) => inInfo !== undefined && inInfo !== inXmp)
        .map(([key, inInfo, inXmp]) => `Info /${key} is ${JSON.stringify(inInfo)}, XMP says ${JSON.stringify(inXmp)}`);
    },
  },
  {
    id: "PDF/A 6.2.3",
    rule: "one GTS_PDFA1 output intent with an RGB ICC profile (the pages use DeviceRGB)",
    test: (pdf) => {
      const intents = pdf.getArray(pdf.catalog, "OutputIntents").map((i) => pdf.file.resolve(i));
      const pdfa = intents.filter(
        (i): i is PDFDict => i instanceof PDFDict && i.get(PDFName.of("S")) === PDFName.of("GTS_PDFA1"),
      );
      if (pdfa.length !== 1) return [`${pdfa.length} GTS_PDFA1 output intents`];
      const profile = pdf.streamData(pdfa[0]!.get(PDFName.of("DestOutputProfile")));
      if (!profile) return ["the output intent has no readable DestOutputProfile"];
      const colourSpace = profile.subarray(16, 20).toString("latin1");
      const version = profile[8]!;
      return colourSpace === "RGB " && version >= 2 && version <= 4
        ? []
        : [`the output profile is "${colourSpace}" version ${version}, not an RGB profile of ICC version 2 to 4`];
    },
  },
  {
    id: "PDF/A 6.2.11.4.1",
    rule: "every font used on a page is embedded",
    test: (pdf) => {
      const missing = new Set<string>();
      for (const { dict } of pdf.pages) {
        const fonts = pdf.getDict(pdf.getDict(dict, "Resources"), "Font");
        for (const [, ref] of fonts?.entries() ?? []) {
          const font = pdf.file.resolve(ref);
          if (!(font instanceof PDFDict) || font.get(PDFName.of("Subtype")) === PDFName.of("Type3")) continue;
          const descendant = pdf.file.resolve(pdf.getArray(font, "DescendantFonts")[0]);
          const described = descendant instanceof PDFDict ? descendant : font;
          const descriptor = pdf.getDict(described, "FontDescriptor");
          const embedded = ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor?.has(PDFName.of(key)));
          if (!embedded) missing.add(pdf.get(font, "BaseFont")?.toString() ?? "a font without a name");
        }
      }
      return [...missing].map((font) => `${font} is not embedded`);
    },
  },
  {
    id: "PDF/A 6.3.2",
    rule: "every annotation is set to print and is not hidden",
    test: (pdf) =>
      pdf.annotations
        .filter(({ dict }) => {
          const flags = pdf.get(dict, "F");
          const value = flags instanceof PDFNumber ? flags.asNumber() : 0;
          // Print (4) set; Invisible (1), Hidden (2), NoView (32) and ToggleNoView (256) clear.
          return (value & 4) === 0 || (value & (1 | 2 | 32 | 256)) !== 0;
        })
        .map(({ page }) => `an annotation on page ${page} is not set to print, or is hidden`),
  },
  {
    id: "PDF/A 6.6.1",
    rule: "no JavaScript, no additional actions (AA), no action that PDF/A forbids (Launch, Sound, Movie, …)",
    test: (pdf) => {
      const problems: string[] = [];
      if (pdf.catalog.has(PDFName.of("AA"))) problems.push("the catalog has additional actions (/AA)");
      if (pdf.getDict(pdf.getDict(pdf.catalog, "Names"), "JavaScript")) problems.push("the catalog names JavaScript");
      const actions = [
        pdf.catalog.get(PDFName.of("OpenAction")),
        ...pdf.annotations.map(({ dict }) => dict.get(PDFName.of("A"))),
      ];
      for (const action of actions.map((a) => pdf.file.resolve(a))) {
        const type = action instanceof PDFDict ? action.get(PDFName.of("S"))?.toString() : undefined;
        if (type && FORBIDDEN_ACTIONS.has(type)) problems.push(`a ${type.slice(1)} action`);
      }
      pdf.pages.forEach(
        ({ dict }, index) =>
          dict.has(PDFName.of("AA")) && problems.push(`page ${index + 1} has additional actions (/AA)`),
      );
      pdf.annotations.forEach(
        ({ dict, page }) => dict.has(PDFName.of("AA")) && problems.push(`an annotation on page ${page} has /AA`),
      );
      return problems;
    },
  },
  {
    id: "PDF/A 6.6.2.1",
    rule: "the XMP packet has no bytes or encoding attribute in its header",
    test: (pdf) =>
      pdf.xmp !== undefined && /<\?xpacket[^>]*\s(bytes|encoding)=/.test(pdf.xmp)
        ? ["the xpacket header has bytes or encoding"]
        : [],
  },
  {
    id: "PDF/A 6.6.2.3.1",
    rule: "the pdfuaid schema, which PDF/A does not predefine, is described by a PDF/A extension schema",
    test: (pdf) => {
      const xmp = pdf.xmp;
      if (xmp === undefined || !xmp.includes("pdfuaid:")) return [];
      const described =
        /<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>/.test(xmp) &&
        /<pdfaProperty:name>part<\/pdfaProperty:name>/.test(xmp);
      return described ? [] : ["pdfuaid:part is used without a pdfaExtension schema for it"];
    },
  },
  {
    id: "PDF/A 6.6.4",
    rule: "the XMP metadata says pdfaid:part 2, pdfaid:conformance B",
    test: (pdf) => {
      if (pdf.xmp === undefined) return ["no XMP metadata to identify the file as PDF/A"];
      const [part, conformance] = [xmpProperty(pdf.xmp, "pdfaid:part"), xmpProperty(pdf.xmp, "pdfaid:conformance")];
      return part === "2" && conformance === "B"
        ? []
        : [`pdfaid:part is ${part ?? "missing"}, pdfaid:conformance ${conformance ?? "missing"}`];
    },
  },
];
