/**
 * Turns a file's bytes into text. Survey exports come from web forms (UTF-8) and from
 * Belgian Excel (Windows-1252), so a file that is not valid UTF-8 is read as Windows-1252.
 */
import { DataError } from "../errors.ts";
import * as msg from "../messages.ts";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: Encoding;
}

/** Control characters no spreadsheet writes; tab and line breaks are text. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
const CONTROL = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/** Above this share of control characters the bytes are binary, whatever they decode to. */
const MAX_CONTROL_SHARE = 0.05;

function notText(file: string, line: number, detail: string): DataError {
  return new DataError({ file, line, column: 1, expected: msg.expectCsvText() }, msg.notCsvText(detail));
}

/**
 * Windows-1252 for bytes 0x80–0x9F (WHATWG index); the rest is ISO-8859-1. Node's own
 * TextDecoder("windows-1252") decodes these bytes as Latin-1 since 20.18.3 (nodejs/node#60888),
 * which would turn Excel's ’ and € into control characters.
 */
const WINDOWS_1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    throw notText(file, 1, "UTF-16 text; save it as CSV UTF-8");
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).filter((b) => b === 0x0a).length + 1;
    throw notText(file, line, `NUL byte at byte ${nul + 1}`);
  }
  let decoded: DecodedText;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    decoded = { text, encoding: startsWith(bytes, [0xef, 0xbb, 0xbf]) ? "utf-8-bom" : "utf-8" };
  } catch {
    decoded = { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
  const controls = decoded.text.match(CONTROL)?.length ?? 0;
  if (controls > decoded.text.length * MAX_CONTROL_SHARE)
    throw notText(file, 1, `${controls} control characters in ${decoded.text.length}`);
  return decoded;
}
