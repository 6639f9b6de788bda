/**
 * The survey of a data folder: its codebook, and each respondent type's rows read (load/) and checked
 * against it (validate/) into typed respondents. The one entry above both stages.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "../errors.ts";
import { exists, readSource } from "../load/index.ts";
import type { Codebook } from "../model/codebook.ts";
import type { Survey } from "../model/survey.ts";
import type { StageTiming } from "../timings.ts";
import { checkSurveyInfo } from "../validate/codebook.ts";
import { validateTable } from "../validate/index.ts";
import * as msg from "../messages.ts";

const untimed: StageTiming = { time: async (_stage, work) => work() };

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

/** A data folder may bring its own codebook.json; otherwise the project's applies. */
export async function loadSurvey(
  dataDir: string,
  options: { codebookPath?: string; timer?: StageTiming } = {},
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
