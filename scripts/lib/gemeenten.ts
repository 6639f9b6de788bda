/**
 * Gemeenten: the joint structure behind the printed figures. Who has an erkende integratiedienst is
 * printed per VRIND class; the service then makes attention, a schepen, a budget and support likelier,
 * as the text reports in 2.1–2.3 and 5.
 */
import { assignCounts, has, type Draft } from "./draft.ts";
import type { Random } from "./random.ts";
import { answerAll, createDrafts, domains, initiatives, meets, noForTheRest, support, yesFor } from "./steps.ts";
import type { Targets } from "./targets.ts";

const service = (d: Draft) => has(d, "erkende_integratiedienst", "ja");
const staff = (d: Draft) => has(d, "personeelslid", "ja");
const unit = (d: Draft) => has(d, "aparte_dienst", "ja");
const agreement = (d: Draft) => has(d, "bestuursakkoord", "ja");
/** Engagement plus the weight of an erkende integratiedienst. */
const profile = (d: Draft) => d.engagement + (service(d) ? 1.5 : 0);

export function generateGemeenten(rng: Random, targets: Targets): Draft[] {
  const drafts = createDrafts(rng, targets, "gemeente");
  const one = (code: string) => (code === "ja" ? 1 : 0);

  // 1A: the erkende integratiediensten as printed per class (none in classes the text does not name).
  const services = targets.count("1A-integratiedienst");
  let placed = 0;
  for (const code of new Set(drafts.map((d) => d.answers.vrind as string))) {
    const id = `1A-integratiedienst/${code}`;
    const k = targets.printed.figures.some((f) => f.id === id) ? targets.count(id) : 0;
    placed += k;
    yesFor(
      rng,
      drafts.filter((d) => d.answers.vrind === code),
      "erkende_integratiedienst",
      k,
      (d) => d.engagement,
    );
  }
  if (placed !== services) throw new Error(`integratiediensten per class add up to ${placed}, not ${services}`);
  noForTheRest(drafts, "erkende_integratiedienst");

  // 3.2: every erkende integratiedienst is an aparte dienst, every aparte dienst has a competent staff member.
  const withStaffAndUnit = targets.count("3.2A-personeelslid-en-dienst");
  if (targets.count("gemeente/aparte-dienst-zonder-personeelslid") !== 0)
    throw new Error("the generator puts every aparte dienst with a staff member");
  for (const d of drafts.filter(service)) d.answers.personeelslid = "ja";
  yesFor(
    rng,
    drafts.filter((d) => !service(d)),
    "personeelslid",
    targets.count("3.2A-personeelslid") - services,
    (d) => 2 * d.engagement,
  );
  noForTheRest(drafts, "personeelslid");
  yesFor(
    rng,
    drafts.filter((d) => staff(d) && !service(d)),
    "aparte_dienst",
    withStaffAndUnit - services,
    (d) => 2 * d.engagement,
  );
  for (const d of drafts.filter(service)) d.answers.aparte_dienst = "ja";
  noForTheRest(drafts, "aparte_dienst");

  // 1A: answers from an integratie- of diversiteitsdienst come from respondents that have one.
  const respondedBy = targets.marginals("gemeente", "invuller", drafts.length);
  for (const d of rng.sample(drafts.filter(unit), respondedBy.get("integratie_diversiteit")!))
    d.answers.invuller = "integratie_diversiteit";
  respondedBy.delete("integratie_diversiteit");
  assignCounts(
    rng,
    drafts.filter((d) => d.answers.invuller === undefined),
    "invuller",
    respondedBy,
  );

  // 2.1, 2.2, 3.1: attention in the agreement where urbanised and engaged; plan and schepen follow the agreement.
  const urbanAgreement = targets.relationGroups("2.1-verstedelijking");
  answerAll(rng, targets, drafts, "bestuursakkoord", (code, d) =>
    code === "ja" ? profile(d) + (meets(d, urbanAgreement.group) ? 1 : 0) : 0,
  );
  answerAll(rng, targets, drafts, "meerjarenplan", (code, d) =>
    code === "ja" ? d.engagement + 2 * (agreement(d) ? 1 : 0) + (service(d) ? 1.5 : 0) : 0,
  );
  const aldermen = targets.relationGroups("3.1-verstedelijking");
  const classBias = (d: Draft) => (meets(d, aldermen.group) ? 0.7 : meets(d, aldermen.versus) ? -0.7 : 0);
  answerAll(rng, targets, drafts, "schepen", (code, d) =>
    code === "ja"
      ? d.engagement + 1.5 * one(d.answers.bestuursakkoord as string) + (service(d) ? 1 : 0) + classBias(d)
      : 0,
  );
  const titles = targets.marginals("gemeente", "schepen_titel");
  const titled = rng.sample(
    drafts.filter((d) => has(d, "schepen", "ja")),
    [...titles.values()].reduce((a, b) => a + b, 0),
    (d) => Math.exp(profile(d)),
  );
  for (const d of drafts) d.answers.schepen_titel = null;
  answerAll(rng, targets, titled, "schepen_titel", () => 0);

  domains(rng, targets, drafts, service);
  initiatives(rng, targets, drafts, profile);

  // 3.2: consultation structures, mostly beside a staff member or a unit.
  const withStaffOrUnit = drafts.filter((d) => staff(d) || unit(d));
  yesFor(rng, withStaffOrUnit, "overlegstructuur", targets.count("3.2A-overleg/met"), profile);
  yesFor(
    rng,
    drafts.filter((d) => !staff(d) && !unit(d)),
    "overlegstructuur",
    targets.count("3.2A-overleg/zonder"),
    (d) => d.engagement,
  );
  noForTheRest(drafts, "overlegstructuur");
  if (targets.count("3.2A-overleg/met") + targets.count("3.2A-overleg/zonder") !== targets.count("3.2A-overleg"))
    throw new Error("consultation structures with and without staff do not add up");

  // 3.3: a budget line mostly where there is a unit.
  answerAll(rng, targets, drafts, "begrotingspost", (code, d) =>
    code === "ja" ? d.engagement + (unit(d) ? 2.5 : 0) : 0,
  );

  // 3.4: participation structures, their form, and the supplements the text names per form.
  answerAll(rng, targets, drafts, "inspraak", (code, d) =>
    code === "ja" ? profile(d) + 0.5 * one(d.answers.bestuursakkoord as string) : 0,
  );
  const participating = drafts.filter((d) => has(d, "inspraak", "ja"));
  for (const d of drafts) {
    d.answers.inspraak_vorm = null;
    d.answers.inspraak_aanvulling = null;
  }
  answerAll(rng, targets, participating, "inspraak_vorm", (code, d) =>
    code === "adviesraad_en_vertegenwoordigers" ? profile(d) : 0,
  );
  for (const supplement of ["streeft_vertegenwoordigers", "informeel_overleg"]) {
    const id = `3.4-aanvulling/${supplement}`;
    const form = targets.codeIn(id, "inspraak_vorm");
    for (const d of rng.sample(
      participating.filter((p) => has(p, "inspraak_vorm", form)),
      targets.count(id),
    ))
      d.answers.inspraak_aanvulling = supplement;
  }

  // 5: support, from the gemeentelijke integratiedienst only "voor zover die aanwezig is".
  support(
    rng,
    targets,
    drafts,
    (d) => d.engagement + (unit(d) ? 1.5 : 0),
    (source, d) => source !== "gemeentelijke_integratiedienst" || unit(d),
  );
  return drafts;
}
