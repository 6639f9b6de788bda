/** Steps both respondent types go through; the type files decide the order and what makes an answer likely. */
import { matches, type Condition } from "../../src/aggregate/count.ts";
import { question, type RespondentTypeCode } from "../../src/model/codebook.ts";
import type { Respondent } from "../../src/model/survey.ts";
import { tickDomains } from "./domains.ts";
import { assignCounts, type Draft } from "./draft.ts";
import { assignInitiatives } from "./initiatives.ts";
import type { Random } from "./random.ts";
import { assignSources } from "./sources.ts";
import type { Targets } from "./targets.ts";

/** Urban VRIND classes (codebook `urban`) start with a little more engagement: the print finds more attention there. */
const URBAN_ENGAGEMENT = 0.5;

export const urbanCodes = (targets: Targets) =>
  new Set(
    question(targets.codebook, "vrind")
      .options.filter((o) => o.urban)
      .map((o) => o.code),
  );

export function createDrafts(rng: Random, targets: Targets, type: RespondentTypeCode): Draft[] {
  const urban = urbanCodes(targets);
  const drafts: Draft[] = [];
  for (const [code, k] of targets.marginals(type, "vrind", targets.respondents(type))) {
    for (let i = 0; i < k; i++)
      drafts.push({
        type,
        engagement: rng.normal() + (urban.has(code) ? URBAN_ENGAGEMENT : 0),
        answers: { vrind: code },
      });
  }
  return drafts;
}

/** A draft meets a condition of the printed figures' language. */
export const meets = (d: Draft, condition: Condition) =>
  matches({ answers: d.answers } as unknown as Respondent, condition);

/** The printed counts of a single question over all respondents of the type; `score` favours some for some codes. */
export function answerAll(
  rng: Random,
  targets: Targets,
  drafts: Draft[],
  questionId: string,
  score: (code: string, d: Draft) => number,
): void {
  assignCounts(rng, drafts, questionId, targets.marginals(drafts[0]!.type, questionId, drafts.length), score);
}

/** "ja" for exactly k of the pool, drawn by score. */
export function yesFor(rng: Random, pool: Draft[], questionId: string, k: number, score: (d: Draft) => number): void {
  for (const d of rng.sample(pool, k, (d) => Math.exp(score(d)))) d.answers[questionId] = "ja";
}

/** "nee" for everybody not yet answered. */
export function noForTheRest(drafts: Draft[], questionId: string): void {
  for (const d of drafts) d.answers[questionId] ??= "nee";
}

export function domains(rng: Random, targets: Targets, drafts: Draft[], isService: (d: Draft) => boolean): void {
  const type = drafts[0]!.type;
  const service = targets.claimedRelations(type, "beleidsdomeinen", "erkende_integratiedienst");
  const urban = urbanCodes(targets);
  tickDomains(
    rng,
    drafts,
    targets.marginals(type, "beleidsdomeinen"),
    {
      serviceRelated: service.related,
      serviceUnrelated: service.unrelated,
      urbanRelated: targets.claimedRelations(type, "beleidsdomeinen", "vrind").related,
    },
    isService,
    (d) => urban.has(d.answers.vrind as string),
  );
}

export function initiatives(rng: Random, targets: Targets, drafts: Draft[], score: (d: Draft) => number): void {
  const type = drafts[0]!.type;
  const categories = targets.marginals(type, "initiatieven");
  const total = [...categories.values()].reduce((a, b) => a + b, 0);
  if (total !== targets.initiatives(type))
    throw new Error(`${type} initiative categories add up to ${total}, not the printed ${targets.initiatives(type)}`);
  assignInitiatives(rng, drafts, targets.ranks(type), categories, score);
}

/** Whether support is sought, and from whom; `possible` says which sources a respondent can name. */
export function support(
  rng: Random,
  targets: Targets,
  drafts: Draft[],
  score: (d: Draft) => number,
  possible: (source: string, d: Draft) => boolean,
): void {
  const type = drafts[0]!.type;
  const answers = targets.marginals(type, "ondersteuning", drafts.length);
  const sources = targets.marginals(type, "ondersteuning_bron");
  // Sources open to few respondents (the gemeentelijke integratiedienst) first get enough seekers who can name them.
  const able = (source: string) => drafts.filter((d) => possible(source, d));
  const seekers = new Set<Draft>();
  for (const source of [...sources.keys()].sort((a, b) => able(a).length - able(b).length)) {
    const missing = sources.get(source)! - able(source).filter((d) => seekers.has(d)).length;
    if (missing > 0)
      for (const d of rng.sample(
        able(source).filter((d) => !seekers.has(d)),
        missing,
        (d) => Math.exp(score(d)),
      ))
        seekers.add(d);
  }
  const yes = answers.get("ja")!;
  if (seekers.size > yes)
    throw new Error(
      `${type}: the printed sources need ${seekers.size} respondents seeking support, the print has ${yes}`,
    );
  for (const d of rng.sample(
    drafts.filter((d) => !seekers.has(d)),
    yes - seekers.size,
    (d) => Math.exp(score(d)),
  ))
    seekers.add(d);
  for (const d of seekers) d.answers.ondersteuning = "ja";
  answers.delete("ja");
  assignCounts(
    rng,
    drafts.filter((d) => !seekers.has(d)),
    "ondersteuning",
    answers,
  );
  for (const d of drafts) d.answers.ondersteuning_bron = [];
  assignSources(rng, [...seekers], sources, possible, score);
}
