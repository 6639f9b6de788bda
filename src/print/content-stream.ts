/**
 * A page's content stream read as a sequence of operators, each with its operands and where it
 * lies in the text: enough to find what is drawn outside marked content, and to wrap it.
 */

export interface Operator {
  /** The operator: "BT", "Tj", "BDC", … */
  op: string;
  operands: string[];
  /** Where its first operand (or the operator itself) starts. */
  start: number;
  /** Just after the operator. */
  end: number;
}

/** Whitespace, comments, names, dictionary brackets, hex strings, arrays, and numbers or operators. */
const TOKEN = /\s+|%[^\r\n]*|\/[^\s/[\]()<>{}%]*|<<|>>|<[^<>]*>|[[\]{}]|[^\s/[\]()<>{}%]+/y;
const OPERAND = /^(?:[-+.\d]|true$|false$|null$)/;

/** The end of the literal string that starts at `at` (balanced parentheses, backslash escapes). */
function literalEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The operators of `text` (a decoded content stream, one character per byte), in order. */
export function* operators(text: string): Generator<Operator> {
  let operands: string[] = [];
  let start = -1;
  for (let at = 0; at < text.length; ) {
    let token: string;
    if (text[at] === "(") {
      const end = literalEnd(text, at);
      token = text.slice(at, end);
    } else {
      TOKEN.lastIndex = at;
      const match = TOKEN.exec(text);
      // A stray delimiter (")" or ">") cannot start a token: step over it.
      token = match ? match[0] : text[at]!;
    }
    const tokenStart = at;
    at += token.length;
    const first = token[0]!;
    if (/\s|%/.test(first)) continue;
    if (start < 0) start = tokenStart;
    if (/[/(<[\]{}>]/.test(first) || OPERAND.test(token)) {
      operands.push(token);
      continue;
    }
    yield { op: token, operands, start, end: at };
    // An inline image's data is binary: skip to its end.
    if (token === "ID") {
      const end = text.indexOf("EI", at);
      at = end < 0 ? text.length : end + 2;
    }
    operands = [];
    start = -1;
  }
}

/** Operators that put marks on the page (text, paths, shadings, XObjects, inline images). */
export const PAINTING = new Set(["Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"]);
