/**
 * What PDF/A-2b and PDF/UA-1 ask of the catalog beyond Chromium's: an XMP metadata stream that
 * says the same as the Info dictionary and names both standards, and an output intent with the
 * sRGB profile the colours are meant in (Chromium writes DeviceRGB).
 *
 * The profile is Debian's icc-profiles-free sRGB.icc (ICC v2, from Little CMS, zlib licence):
 * small (7 kB), a version every PDF/A reader accepts, and installed by the set-up with Chromium.
 */
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { PDFDict, PDFName, PDFRawStream, PDFString, type PDFRef } from "pdf-lib";
import { EnvironmentError } from "../errors.ts";
import type { PdfFile } from "../pdf/incremental.ts";
import { SRGB_PACKAGE, SRGB_PROFILE } from "./srgb.ts";
import * as msg from "../messages.ts";

const SRGB_NAME = "sRGB IEC61966-2.1";

export interface XmpFields {
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  language: string;
  creator: string;
  producer: string;
  date: Date;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** PDF/A predefines the XMP schemas it knows; pdfuaid is not one of them, so the packet describes it. */
const PDFUA_EXTENSION_SCHEMA = [
  `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"` +
    ` xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"` +
    ` xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">`,
  `<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">`,
  `<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>`,
  `<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>`,
  `<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>`,
  `<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">`,
  `<pdfaProperty:name>part</pdfaProperty:name>`,
  `<pdfaProperty:valueType>Integer</pdfaProperty:valueType>`,
  `<pdfaProperty:category>internal</pdfaProperty:category>`,
  `<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>`,
  `</rdf:li></rdf:Seq></pdfaSchema:property>`,
  `</rdf:li></rdf:Bag></pdfaExtension:schemas>`,
  `</rdf:Description>`,
];

/** An XMP packet (UTF-8) with the document's metadata and its PDF/A-2b and PDF/UA-1 identification. */
export function xmpPacket(fields: XmpFields): string {
  const date = fields.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const lines = [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
      ` xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
      ` xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"` +
      ` xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(fields.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(fields.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(fields.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(fields.language)}</rdf:li></rdf:Bag></dc:language>`,
    ...(fields.keywords?.length ? [`<pdf:Keywords>${escapeXml(fields.keywords.join(", "))}</pdf:Keywords>`] : []),
    `<pdf:Producer>${escapeXml(fields.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escapeXml(fields.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<pdfaid:part>2</pdfaid:part>`,
    `<pdfaid:conformance>B</pdfaid:conformance>`,
    `<pdfuaid:part>1</pdfuaid:part>`,
    `</rdf:Description>`,
    ...PDFUA_EXTENSION_SCHEMA,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
    `<?xpacket end="w"?>`,
  ];
  return lines.join("\n");
}

const bytesOf = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

let profile: Uint8Array | undefined;

/** The sRGB profile, compressed, read once per process. */
function srgbProfile(): Uint8Array {
  if (profile) return profile;
  let icc: Buffer;
  try {
    icc = readFileSync(SRGB_PROFILE);
  } catch {
    throw new EnvironmentError(msg.noProfile(SRGB_PROFILE, SRGB_PACKAGE));
  }
  profile = bytesOf(deflateSync(icc));
  return profile;
}

/** Adds the metadata stream and the sRGB output intent to `catalog` (which the caller then sets). */
export function addPdfaEntries(file: PdfFile, catalog: PDFDict, fields: XmpFields): void {
  const { context } = file;
  // Uncompressed, as PDF/A asks, so that tools that do not parse PDF can still find it.
  const xmp = Buffer.from(xmpPacket(fields), "utf8");
  const metadata = context.obj({ Type: "Metadata", Subtype: "XML", Length: xmp.byteLength });
  catalog.set(PDFName.of("Metadata"), file.add(PDFRawStream.of(metadata, bytesOf(xmp))));
  const icc = srgbProfile();
  const iccRef: PDFRef = file.add(
    PDFRawStream.of(context.obj({ N: 3, Filter: "FlateDecode", Length: icc.byteLength }), icc),
  );
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of(SRGB_NAME),
    Info: PDFString.of(SRGB_NAME),
    DestOutputProfile: iccRef,
  });
  catalog.set(PDFName.of("OutputIntents"), context.obj([intent]));
}
