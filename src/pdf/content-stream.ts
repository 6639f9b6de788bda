/**
 * A page's content stream read as a sequence of operators, each with where it and its operands
 * lie in the text: enough to find what is drawn outside marked content, and to wrap it.
 */

export interface Operator {
  /** The operator: "BT", "Tj", "BDC", … */
  op: string;
  /** Where its operands begin (just after the operator before it). */
  start: number;
  /** Where the operator itself begins. */
  at: number;
  /** Just after the operator. */
  end: number;
}

/**
 * Names, literal strings (one level of nested parentheses; Chromium writes text as hex strings),
 * dictionary brackets, hex strings and comments are matched to be stepped over; what is left that
 * starts with a letter or a quote is an operator.
 */
// The alternatives, in the order above: a name, a literal string, dictionary brackets, a hex string, a comment,
// an operator; String.raw keeps each part's source exactly as a regular expression literal would have it.
const TOKEN = new RegExp(
  [
    String.raw`\/[^\s/[\]()<>{}%]*`,
    String.raw`\((?:[^()\\]|\\[\s\S]|\((?:[^()\\]|\\[\s\S])*\))*\)`,
    "<<|>>",
    "<[^<>]*>",
    String.raw`%[^\r\n]*`,
    `[A-Za-z'"][A-Za-z0-9*'"]*`,
  ].join("|"),
  "g",
);
const KEYWORDS = new Set(["true", "false", "null"]);

/** The operators of `text` (a decoded content stream, one character per byte) between `from` and `to`, in order. */
export function* operators(text: string, from = 0, to = text.length): Generator<Operator> {
  const token = new RegExp(TOKEN);
  token.lastIndex = from;
  let start = from;
  for (let match = token.exec(text); match && match.index < to; match = token.exec(text)) {
    const op = match[0];
    if ("/(<>%".includes(op[0]!) || KEYWORDS.has(op)) continue;
    const end = match.index + op.length;
    yield { op, start, at: match.index, end };
    start = end;
    // An inline image's data is binary: step over it to its end.
    if (op === "ID") {
      const imageEnd = text.indexOf("EI", end);
      token.lastIndex = start = imageEnd < 0 ? text.length : imageEnd + 2;
    }
  }
}

/**
 * The marked-content operators, found without reading the rest: as whole words, which the hex
 * strings and names of Chromium's content streams never hold.
 */
const MARKED = /(?:BDC|BMC|EMC)(?![^\s[<(/%])/g;
const DELIMITED = /[\s\]>)]/;

/**
 * The stretches [start, end) of `text` that lie outside all marked content, in order. Reading only
 * these keeps a check of what is drawn untagged cheap: on Chromium's pages they are the margin
 * boxes and the few operators between two tagged elements.
 */
export function unmarkedStretches(text: string): [number, number][] {
  const stretches: [number, number][] = [];
  let [depth, from] = [0, 0];
  for (const match of text.matchAll(MARKED)) {
    if (match.index > 0 && !DELIMITED.test(text[match.index - 1]!)) continue;
    if (match[0] !== "EMC") {
      if (depth === 0) stretches.push([from, match.index]);
      depth++;
    } else if (depth > 0 && --depth === 0) from = match.index + 3;
  }
  if (depth === 0) stretches.push([from, text.length]);
  return stretches;
}

/** The numbers before `operator` ("a b c d e f cm"). */
export const numericOperands = (text: string, { start, at }: Operator): number[] =>
  text.slice(start, at).trim().split(/\s+/).map(Number);

/** Operators that put marks on the page (text, paths, shadings, XObjects, inline images). */
export const PAINTING = new Set([
  "Tj",
  "TJ",
  "'",
  '"',
  "f",
  "F",
  "f*",
  "B",
  "B*",
  "b",
  "b*",
  "S",
  "s",
  "sh",
  "Do",
  "BI",
]);
