/**
 * Errors thrown at the edges carry the context a user needs to fix the input;
 * the CLI prints them once (src/cli.ts).
 */
import { showHidden } from "./hidden-characters.ts";
import * as msg from "./messages.ts";

export interface InputLocation {
  file: string;
  /** In a workbook: the sheet, whose rows are the lines and whose columns are named by letter. */
  sheet?: string;
  line?: number;
  column?: number;
  field?: string;
  value?: string;
  expected?: string;
}

export class ReportError extends Error {
  override name = "ReportError";
  /** Exit code the CLI uses for this kind of failure (see README, "Exit codes"). */
  readonly exitCode: number = 1;
}

/** Data that does not match the codebook or cannot be read as CSV. */
export class DataError extends ReportError {
  override name = "DataError";
  override readonly exitCode = 2;
  constructor(
    readonly location: InputLocation,
    readonly problem: string,
  ) {
    super(formatLocation(location, problem));
  }
}

/** Wrong command-line use. */
export class UsageError extends ReportError {
  override name = "UsageError";
  override readonly exitCode = 64;
}

/** No usable Chromium, fonts or other part of the environment. */
export class EnvironmentError extends ReportError {
  override name = "EnvironmentError";
  override readonly exitCode = 3;
}

/** A template or chart that fails for one document. */
export class RenderError extends ReportError {
  override name = "RenderError";
  override readonly exitCode = 4;
  constructor(
    message: string,
    readonly document: string,
    readonly template?: { file: string; line?: number; column?: number },
  ) {
    super(message);
  }
}

/** An output that cannot be written; the message says why in words a user can act on. */
export class OutputError extends ReportError {
  override name = "OutputError";
  override readonly exitCode = 5;
  /** `blocker`: a file standing where a folder of `path` should be. */
  constructor(
    readonly path: string,
    cause: unknown,
    blocker?: string,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    // Node's own messages already start with the code ("EEXIST: file already exists, mkdir …").
    const detail =
      cause instanceof Error
        ? code && !cause.message.startsWith(code)
          ? `${code}: ${cause.message}`
          : cause.message
        : String(cause);
    super(msg.cannotWrite(path, code, detail, blocker));
  }
}

/** The output folder is held by another build (src/pipeline/lock.ts). */
export class OutputLockedError extends ReportError {
  override name = "OutputLockedError";
  override readonly exitCode = 5;
  constructor(
    readonly folder: string,
    readonly pid: number | undefined,
  ) {
    super(msg.outputFolderLocked(folder, pid));
  }
}

/** Shard manifests that cannot be read or merged. */
export class ManifestError extends ReportError {
  override name = "ManifestError";
}

/** A PDF that fails checkpoints of PDF/UA-1 or PDF/A-2b (src/conform/); each failure names its checkpoint. */
export class ConformanceError extends ReportError {
  override name = "ConformanceError";
  constructor(
    readonly document: string,
    readonly failures: { checkpoint: string; problem: string }[],
  ) {
    super(msg.nonConforming(document, failures));
  }
}

/** Exit code for an unexpected error: a bug, not bad input (see README, "Exit codes"). */
export const INTERNAL_ERROR = 70;

/**
 * Prints an error once, the way every command does: a ReportError as one line, anything else
 * (a bug) with its stack; returns the exit code that goes with it.
 */
export function reportFailure(error: unknown): number {
  if (error instanceof ReportError) {
    console.error(`error: ${error.message}`);
    return error.exitCode;
  }
  console.error(error);
  return INTERNAL_ERROR;
}

export function formatLocation(l: InputLocation, problem: string): string {
  const where =
    l.sheet === undefined ? [l.file, l.line, l.column].filter((p) => p !== undefined).join(":") : cellName(l);
  const parts = [`${where}: ${problem}`];
  if (l.field !== undefined) parts.push(`column "${l.field}"`);
  // A bidirectional override in a value would turn the rest of the message around in a terminal.
  if (l.value !== undefined) parts.push(`value ${JSON.stringify(showHidden(l.value))}`);
  if (l.expected !== undefined) parts.push(`expected ${l.expected}`);
  return parts.join("; ");
}

/** "A", "Z", "AA": a spreadsheet's name for a 1-based column. */
export function columnLetter(column: number): string {
  const rest = Math.floor((column - 1) / 26);
  return (rest > 0 ? columnLetter(rest) : "") + String.fromCharCode(65 + ((column - 1) % 26));
}

function cellName(l: InputLocation): string {
  const parts = [l.file, `sheet "${l.sheet}"`];
  if (l.line !== undefined) parts.push(`row ${l.line}`);
  if (l.column !== undefined) parts.push(`column ${columnLetter(l.column)}`);
  return parts.join(", ");
}
