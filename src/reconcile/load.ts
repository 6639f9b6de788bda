/** Reads data/printed-figures.json: the one place the reconciliation touches the disk. */
import { readFile } from "node:fs/promises";
import { DataError } from "../errors.ts";
import type { Codebook } from "../model/codebook.ts";
import { parsePrintedFigures, type PrintedFigures } from "./figures.ts";
import * as msg from "../messages.ts";

export async function loadPrintedFigures(codebook: Codebook, path: string): Promise<PrintedFigures> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DataError(
      { file: path },
      msg.printedFiguresUnreadable((error as NodeJS.ErrnoException).code ?? String(error)),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const before = text.slice(0, errorOffset(text, (error as Error).message)).split("\n");
    throw new DataError(
      { file: path, line: before.length, column: before.at(-1)!.length + 1, expected: "JSON" },
      msg.notJson((error as Error).message),
    );
  }
  return parsePrintedFigures(codebook, json, path, text);
}

/**
 * Where JSON.parse stopped. V8 names a position for some errors; for an unexpected token it quotes
 * the text around it instead ("...", then ten characters before the token), which we find again.
 */
function errorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const context = /, (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  const index = context ? text.indexOf(context[2]!) : -1;
  if (index < 0) return 0;
  if (context![1]) return index + 10;
  const token = /token '(.)'/.exec(message);
  return token ? Math.max(index, text.indexOf(token[1]!, index)) : index;
}
