/** Reads the codebook and each respondent type's CSV file or workbook from a data folder into a validated Survey. */
import { access, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "../errors.ts";
import type { Codebook, RespondentTypeInfo } from "../model/codebook.ts";
import type { Survey } from "../model/survey.ts";
import { checkSurveyInfo } from "../validate/codebook.ts";
import { validateTable } from "../validate/index.ts";
import { readTable, type Table } from "./table.ts";
import * as msg from "../messages.ts";

export { readTable, type Table, type TableRow, type Delimiter } from "./table.ts";
export type { Encoding } from "./decode.ts";

export const projectCodebookPath = fileURLToPath(new URL("../../data/codebook.json", import.meta.url));

export async function loadCodebook(path: string): Promise<Codebook> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DataError({ file: path }, msg.codebookUnreadable((error as NodeJS.ErrnoException).code ?? String(error)));
  }
  let codebook: Partial<Codebook>;
  try {
    codebook = JSON.parse(text) as Partial<Codebook>;
  } catch (error) {
    // V8 names the position in its message only for some faults, so the message is passed on whole.
    throw new DataError(
      { file: path, expected: "JSON" },
      msg.codebookNotJson((error as Error).message.replace(/\s+/g, " ")),
    );
  }
  if (!Array.isArray(codebook.respondentTypes) || !Array.isArray(codebook.questions))
    throw new DataError({ file: path, expected: msg.expectCodebook() }, msg.notCodebook());
  return { ...codebook, survey: checkSurveyInfo(path, codebook) } as Codebook;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A respondent type's CSV file, or the Excel workbook of the same name; never both. */
async function readSource(dataDir: string, type: RespondentTypeInfo): Promise<Table> {
  const csv = join(dataDir, type.file);
  const xlsx = csv.replace(/(\.csv)?$/i, ".xlsx");
  const [hasCsv, hasXlsx] = await Promise.all([exists(csv), exists(xlsx)]);
  if (hasCsv && hasXlsx)
    throw new DataError(
      { file: xlsx, expected: msg.expectOneFilePerType() },
      msg.ambiguousInput([type.file, basename(xlsx)]),
    );
  // exceljs takes a while to load: only a folder with a workbook pays for it.
  return hasXlsx ? (await import("./workbook.ts")).readWorkbook(xlsx, type.sheet) : readTable(csv);
}

/** Measures the two halves of loading separately, for the build log and the benchmark. */
export interface LoadTimer {
  time<T>(stage: "load" | "validate", work: () => Promise<T> | T): Promise<T>;
}

const untimed: LoadTimer = { time: async (_stage, work) => work() };

/** A data folder may bring its own codebook.json; otherwise the project's applies. */
export async function loadSurvey(
  dataDir: string,
  options: { codebookPath?: string; timer?: LoadTimer } = {},
): Promise<Survey> {
  const timer = options.timer ?? untimed;
  const local = join(dataDir, "codebook.json");
  const codebookPath = options.codebookPath ?? ((await exists(local)) ? local : projectCodebookPath);
  const codebook = await timer.time("load", () => loadCodebook(codebookPath));
  const respondents = [];
  const warnings: string[] = [];
  for (const type of codebook.respondentTypes) {
    const table = await timer.time("load", () => readSource(dataDir, type));
    respondents.push(...(await timer.time("validate", () => validateTable(codebook, type.code, table, warnings))));
  }
  return { codebook, respondents, warnings };
}
