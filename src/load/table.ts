/** Reads a CSV file into rows of cells that keep their physical line numbers. */
import { readFile } from "node:fs/promises";
import { parse, CsvError } from "csv-parse/sync";
import { DataError } from "../errors.ts";
import { QUOTE_NOT_CLOSED, quoteNotClosedExpected } from "../messages.ts";
import { decodeText, type Encoding } from "./decode.ts";
import * as msg from "../messages.ts";

export type Delimiter = "," | ";";

export interface TableRow {
  /** Physical line (1-based) where the row starts; a quoted cell may span lines. */
  line: number;
  /** As in the file, untrimmed; a row may have more or fewer cells than the header. */
  cells: string[];
}

export interface Table {
  file: string;
  /** The worksheet, for a table read from an Excel workbook; its lines are the sheet's rows. */
  sheet?: string;
  header: string[];
  headerLine: number;
  rows: TableRow[];
  /** How a CSV file was read; a workbook has neither. */
  encoding?: Encoding;
  delimiter?: Delimiter;
}

/** The part of a location that names a table: its file, and its sheet in a workbook. */
export const tableSource = (table: Table) =>
  table.sheet === undefined ? { file: table.file } : { file: table.file, sheet: table.sheet };

/** Belgian Excel separates with ";" because "," is the decimal mark; the header decides. */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === "\n") break;
    else if (char === ",") commas++;
    else if (char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Excel leaves rows of empty cells (";;;;") below the data; they are no respondents. */
export const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");

const QUOTING = 'a quote only around a whole cell, and "" for a quote inside it';
const QUOTE_PROBLEMS: Record<string, string> = {
  INVALID_OPENING_QUOTE: "quote inside a cell that is not quoted",
  CSV_INVALID_CLOSING_QUOTE: "text after the closing quote of a quoted cell",
};

/**
 * Where the quoted cell that is open at the end of `raw` (a record as far as csv-parse read it)
 * began, as a count of line breaks before its opening quote.
 */
function openingQuoteOffset(raw: string, delimiter: Delimiter): number {
  let quoted = false;
  let fieldStart = true;
  let breaks = 0;
  let breaksAtOpening = 0;
  for (const char of raw) {
    if (char === '"') {
      if (fieldStart) breaksAtOpening = breaks;
      quoted = !quoted;
    }
    if (char === "\n") breaks++;
    fieldStart = !quoted && (char === delimiter || char === "\n");
  }
  return breaksAtOpening;
}

/**
 * csv-parse reports the line where it gave up. A quote left open swallows the lines after it
 * until the next quote, which it takes for the closing one: a user needs the line where it opened.
 */
function parseError(file: string, text: string, error: CsvError, lastRecordEnd: number, delimiter: Delimiter) {
  const column = (typeof error.column === "number" ? error.column : 0) + 1;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    const lines = text.split("\n");
    let line = lastRecordEnd + 1;
    while (line < lines.length && lines[line - 1]!.trim() === "") line++;
    return new DataError({ file, line, column, expected: `a closing quote; ${QUOTING}` }, msg.quoteNeverClosed());
  }
  const line = typeof error.lines === "number" ? error.lines : lastRecordEnd + 1;
  const raw = typeof error.raw === "string" ? error.raw : "";
  const recordStart = line - (raw.match(/\n/g)?.length ?? 0);
  const opened = recordStart + openingQuoteOffset(raw, delimiter);
  if (error.code === "CSV_INVALID_CLOSING_QUOTE" && opened < line)
    return new DataError({ file, line: opened, column, expected: quoteNotClosedExpected(line) }, QUOTE_NOT_CLOSED);
  const problem = QUOTE_PROBLEMS[error.code] ?? error.message.replace(/ at line \d+.*$/, "");
  return new DataError({ file, line, column, expected: QUOTING }, problem);
}

export function parseTable(file: string, bytes: Uint8Array): Table {
  const { text: decoded, encoding } = decodeText(bytes, file);
  if (decoded.trim() === "")
    throw new DataError({ file, line: 1, column: 1, expected: msg.expectTable("line") }, msg.emptyFile());
  // One line break form, so that line numbers count what an editor shows; cells keep their text.
  const text = decoded.replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(text);
  let lastRecordEnd = 0;
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lastRecordEnd = context.lines;
        return record;
      },
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw parseError(file, text, error, lastRecordEnd, delimiter);
    throw error;
  }
  const rows = records.map(({ record, raw, info }) => {
    const breaksInside = raw.split("\n").length - 1 - (raw.endsWith("\n") ? 1 : 0);
    return { line: info.lines - breaksInside, cells: record };
  });
  const [header, ...body] = rows;
  return {
    file,
    header: header!.cells,
    headerLine: header!.line,
    rows: body.filter((row) => !isBlank(row.cells)),
    encoding,
    delimiter,
  };
}

export async function readTable(path: string): Promise<Table> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(
      { file: path },
      code === "ENOENT" ? msg.fileNotFound() : msg.fileUnreadable(code ?? String(error)),
    );
  }
  return parseTable(path, bytes);
}
