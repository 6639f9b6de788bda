/**
 * Characters that do not show in print but change how text reads: control characters, the
 * bidirectional controls that can turn text around (U+202E), invisible format characters and the
 * tag characters that can smuggle text past a reader. Tab and line break are text; the zero-width
 * joiners and the soft hyphen are left alone, since scripts and emoji need them.
 */
import { codePoint } from "./messages.ts";

const KINDS: [kind: string, pattern: RegExp][] = [
  // eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
  ["control character", /[\x00-\x08\x0b-\x1f\x7f-\x9f]/u],
  ["bidirectional control character", /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u],
  ["invisible format character", /[\u180e\u200b\u2028\u2029\u2060-\u2064\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/u],
];

const ANY = new RegExp(KINDS.map(([, pattern]) => pattern.source).join("|"), "gu");

export interface HiddenCharacter {
  char: string;
  kind: string;
  /** 1-based, in characters (code points). */
  position: number;
}

export function firstHidden(text: string): HiddenCharacter | undefined {
  const match = new RegExp(ANY.source, "u").exec(text);
  if (!match) return undefined;
  const char = match[0];
  const kind = KINDS.find(([, pattern]) => pattern.test(char))![0];
  return { char, kind, position: [...text.slice(0, match.index)].length + 1 };
}

/** The text with every hidden character written as <U+202E>, safe to print in a terminal. */
export function showHidden(text: string): string {
  return text.replace(ANY, (char) => `<${codePoint(char)}>`);
}
