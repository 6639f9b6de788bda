/**
 * A page's content stream read as a sequence of operators, each with where it and its operands
 * lie in the text: enough to find what is drawn outside marked content, and to wrap it. Numbers
 * are left to the regular expression engine to skip, which makes a page of 100 kB take about a
 * millisecond: finishing and checking read every page of every document.
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
const TOKEN = /\/[^\s/[\]()<>{}%]*|\((?:[^()\\]|\\[\s\S]|\((?:[^()\\]|\\[\s\S])*\))*\)|<<|>>|<[^<>]*>|%[^\r\n]*|[A-Za-z'"][A-Za-z0-9*'"]*/g;
const KEYWORDS = new Set(["true", "false", "null"]);

/** The operators of `text` (a decoded content stream, one character per byte), in order. */
export function* operators(text: string): Generator<Operator> {
  const token = new RegExp(TOKEN);
  let start = 0;
  for (let match = token.exec(text); match; match = token.exec(text)) {
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

/** The numbers before `operator` ("a b c d e f cm"). */
export const numericOperands = (text: string, { start, at }: Operator): number[] =>
  text.slice(start, at).trim().split(/\s+/).map(Number);

/** Operators that put marks on the page (text, paths, shadings, XObjects, inline images). */
export const PAINTING = new Set(["Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"]);
