/**
 * Reconstructs respondent-level data from the printed bijlage: `npm run generate [-- --seed N] [--data DIR]`
 * writes gemeenten.csv and ocmws.csv. Targets come from printed-figures.json and assumptions.json;
 * who answers what is decided here, by seeded draws, until every printed figure and claim holds.
 */
import { rename, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import assumptionsJson from "../data/assumptions.json" with { type: "json" };
import printedJson from "../data/printed-figures.json" with { type: "json" };
import { question, questionsFor, type Codebook, type RespondentTypeCode } from "../src/model/codebook.ts";
import { respondentsToCsv } from "../src/model/rows.ts";
import { respondentsOfType, type Answers, type Respondent, type Survey } from "../src/model/survey.ts";
import { loadCodebook } from "../src/survey/index.ts";
import { parsePrintedFigures, type PrintedFigures } from "../src/reconcile/figures.ts";
import { relationOf } from "../src/reconcile/measure.ts";
import { reconcile } from "../src/reconcile/reconcile.ts";
import type { Draft } from "./lib/draft.ts";
import { generateGemeenten } from "./lib/gemeenten.ts";
import { generateOcmws } from "./lib/ocmws.ts";
import { Random } from "./lib/random.ts";
import { Targets, type Assumptions } from "./lib/targets.ts";

/** The last day of the fieldwork, December 2008. */
export const DEFAULT_SEED = 20081231;
const ATTEMPTS = 500;

export interface GenerateOptions {
  seed?: number;
  printed?: PrintedFigures;
  assumptions?: Assumptions;
}

function toRespondents(rng: Random, codebook: Codebook, type: RespondentTypeCode, drafts: Draft[]): Respondent[] {
  const info = codebook.respondentTypes.find((t) => t.code === type)!;
  const prefix = /^\^([A-Za-z]+)/.exec(info.idPattern)?.[1] ?? type.charAt(0).toUpperCase();
  // Shuffled before numbering, so that an id says nothing about class or answers.
  return rng.shuffle(drafts).map((d, i) => {
    const answers = Object.fromEntries(
      questionsFor(codebook, type).map((q) => [q.id, d.answers[q.id] ?? (q.kind === "single" ? null : [])]),
    );
    return {
      id: `${prefix}${String(i + 1).padStart(3, "0")}`,
      type,
      answers: answers as unknown as Answers,
      source: { file: info.file, line: i + 2 },
    };
  });
}

/**
 * Readings sharper than the print's wording that the report's own model uses: urbanised classes
 * (codebook `urban`) against all others, by the 10-point rule, for the agreement and the schepen.
 */
function sharperReadingsFail(survey: Survey): string[] {
  const urban = {
    q: "vrind",
    is: question(survey.codebook, "vrind")
      .options.filter((o) => o.urban)
      .map((o) => o.code),
  };
  return (["bestuursakkoord", "schepen"] as const)
    .filter((q) => relationOf(survey, "gemeente", { q, is: "ja" }, { group: urban, points: 10 }).differenceTenths < 100)
    .map((q) => `${q}: urban classes less than 10 points ahead`);
}

/** Problems of a candidate data set: printed figures or claims it contradicts. */
export function contradictions(survey: Survey, printed: PrintedFigures): string[] {
  const data = reconcile(survey, printed).errata.filter((e) => e.rule === "data");
  return [...data.map((e) => `${e.id}: ${e.why}`), ...sharperReadingsFail(survey)];
}

export function generateSurvey(codebook: Codebook, options: GenerateOptions = {}): Respondent[] {
  const printed = options.printed ?? parsePrintedFigures(codebook, printedJson, "data/printed-figures.json");
  const targets = new Targets(codebook, printed, options.assumptions ?? (assumptionsJson as Assumptions));
  const rng = new Random(options.seed ?? DEFAULT_SEED);
  let last: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const gemeenten = generateGemeenten(rng, targets);
    const ocmws = generateOcmws(rng, targets);
    const respondents = [
      ...toRespondents(rng, codebook, "gemeente", gemeenten),
      ...toRespondents(rng, codebook, "ocmw", ocmws),
    ];
    last = contradictions({ codebook, respondents }, printed);
    if (last.length === 0) return respondents;
  }
  throw new Error(
    `no data set in ${ATTEMPTS} attempts meets every printed figure; the last missed:\n  ${last.join("\n  ")}`,
  );
}

/** The CSV text per respondent type's file name. */
export function surveyFiles(codebook: Codebook, respondents: Respondent[]): Map<string, string> {
  return new Map(
    codebook.respondentTypes.map((t) => [
      t.file,
      respondentsToCsv(codebook, t.code, respondentsOfType({ codebook, respondents }, t.code)),
    ]),
  );
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: "string" }, data: { type: "string", default: "data" } },
  });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed takes a whole number, got "${values.seed}"`);
  const dataDir = resolve(values.data!);
  const codebook = await loadCodebook(join(dataDir, "codebook.json"));
  const printedPath = join(dataDir, "printed-figures.json");
  const printed = parsePrintedFigures(codebook, JSON.parse(await readFile(printedPath, "utf8")), printedPath);
  const assumptions = JSON.parse(await readFile(join(dataDir, "assumptions.json"), "utf8")) as Assumptions;
  const files = surveyFiles(codebook, generateSurvey(codebook, { seed, printed, assumptions }));
  // Written only once everything is generated, each file replaced in one step.
  for (const [name, text] of files) {
    const path = join(dataDir, name);
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
    console.log(`wrote ${path} (${text.split("\n").length - 2} respondents, seed ${seed})`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
