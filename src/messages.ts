/**
 * What the build tells a user when it refuses input or cannot do its work: one function per
 * message, so that the wording lives in one place and tests can ask for the same text.
 */

const KEPT = "Earlier outputs were left as they were";

/** Why a path cannot be written, in words, for the error codes a user can act on. */
const OUTPUT_REASONS: Record<string, (blocker: string) => string> = {
  ENOTDIR: (blocker) => `${blocker} is not a folder: a file stands at ${blocker}; move it or choose another --out`,
  EROFS: () => "the disk is read-only; choose another --out",
  EACCES: () => "permission denied; give this user write access or choose another --out",
  EPERM: () => "permission denied; give this user write access or choose another --out",
  ENOSPC: () => "the disk is full; free some space and build again",
  EDQUOT: () => "the disk quota is used up; free some space and build again",
  EISDIR: (blocker) => `${blocker} is a folder where a file should be; remove it and build again`,
};

/** `blocker`: the path that is in the way, where it is not `path` itself (a file where a folder should be). */
export function cannotWrite(path: string, code: string | undefined, detail: string, blocker = path): string {
  const reason = code && OUTPUT_REASONS[code] ? OUTPUT_REASONS[code](blocker) : detail;
  return `cannot write ${path}: ${reason}. ${KEPT}.`;
}

export function outputFolderLocked(folder: string, pid: number | undefined): string {
  const who = pid === undefined ? "another build" : `another build (pid ${pid})`;
  return `the output folder ${folder} is in use by ${who}; wait until it ends or choose another --out. ${KEPT}.`;
}

export function tooManyPages(path: string, pages: number, limit: number): string {
  return (
    `${path} has ${pages} pages, more than the ${limit} a fact sheet may have; it was not written ` +
    "(the earlier one, if any, stays). Shorten the respondent's free text or the fact sheet template"
  );
}

export const textTooLong = (length: number, limit: number) =>
  `free text of ${length} characters, longer than the limit of ${limit}`;
export const textLimit = (limit: number) => `at most ${limit} characters (maxLength in the codebook)`;

/** "U+202E" */
export const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export function hiddenCharacter(found: { char: string; kind: string; position: number }): string {
  return `${found.kind} ${codePoint(found.char)} at character ${found.position} of the cell`;
}

export const HIDDEN_EXPECTED =
  "printable text (remove the character; it does not show and can disguise what the text says)";

export const TAB_REPLACED = "a tab in free text was read as a space";

export const QUOTE_NOT_CLOSED = "quoted cell is not closed";

export function quoteNotClosedExpected(nextQuoteLine: number | undefined): string {
  const next = nextQuoteLine === undefined ? "" : ` (the next quote, on line ${nextQuoteLine}, was read as its end)`;
  return `a closing quote at the end of this cell${next}`;
}

export function ambiguousInput(files: string[]): string {
  return `both ${files.join(" and ")} are in the data folder; keep one of them`;
}

export function sheetNotFound(sheet: string, sheets: string[]): string {
  return `no sheet "${sheet}" (the codebook names it); the workbook has ${sheets.map((s) => `"${s}"`).join(", ") || "no sheets"}`;
}

export function notAWorkbook(detail: string): string {
  return `not an Excel workbook (${detail}); save it as .xlsx`;
}

export const FORBIDDEN_HOST = "Forbidden: this preview answers only to localhost, 127.0.0.1 and [::1].";
