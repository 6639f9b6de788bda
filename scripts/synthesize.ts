/**
 * A synthetic survey of any size with the same codebook, for the scale benchmark: respondents are
 * drawn with replacement from a data set (so answers keep their joint structure), renamed, and given
 * fresh initiative descriptions. Deterministic for a seed.
 *
 *   tsx scripts/synthesize.ts --respondents 10000 --out /tmp/scale [--from data] [--seed 2008]
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadSurvey } from "../src/survey/index.ts";
import { respondentsToCsv } from "../src/model/rows.ts";
import { respondentsOfType, type Respondent } from "../src/model/survey.ts";
import { describe } from "./lib/descriptions.ts";
import { Random } from "./lib/random.ts";

export interface SynthesizeOptions {
  from: string;
  to: string;
  respondents: number;
  seed: number;
}

export async function synthesize(options: SynthesizeOptions): Promise<void> {
  const survey = await loadSurvey(options.from);
  const rng = new Random(options.seed);
  await mkdir(options.to, { recursive: true });
  for (const type of survey.codebook.respondentTypes) {
    const pool = respondentsOfType(survey, type.code);
    const count = Math.round((options.respondents * pool.length) / survey.respondents.length);
    const width = Math.max(3, String(count).length);
    const prefix = pool[0]?.id.replace(/\d+$/, "") ?? type.code.charAt(0).toUpperCase();
    const drawn: Respondent[] = Array.from({ length: count }, (_, i) => {
      const model = rng.pick(pool);
      return {
        ...model,
        id: `${prefix}${String(i + 1).padStart(width, "0")}`,
        answers: {
          ...model.answers,
          initiatieven: model.answers.initiatieven.map((item) => ({
            ...item,
            description: describe(rng, item.category),
          })),
        },
      };
    });
    await writeFile(join(options.to, type.file), respondentsToCsv(survey.codebook, type.code, drawn));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      respondents: { type: "string" },
      out: { type: "string" },
      from: { type: "string", default: "data" },
      seed: { type: "string", default: "2008" },
    },
  });
  if (!values.respondents || !values.out) {
    console.error("usage: tsx scripts/synthesize.ts --respondents N --out DIR [--from data] [--seed 2008]");
    process.exit(64);
  }
  await synthesize({
    from: resolve(values.from!),
    to: resolve(values.out),
    respondents: Number(values.respondents),
    seed: Number(values.seed),
  });
  console.log(`wrote ${values.respondents} synthetic respondents to ${values.out}`);
}
