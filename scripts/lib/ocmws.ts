/**
 * OCMW's: fewer questions (no agreement, schepen or inspraak), a small organisation structure as
 * printed in 3.2B, and no relation the print reports beyond what engagement brings.
 */
import { has, type Draft } from "./draft.ts";
import type { Random } from "./random.ts";
import { answerAll, createDrafts, domains, initiatives, noForTheRest, support, yesFor } from "./steps.ts";
import type { Targets } from "./targets.ts";

const staff = (d: Draft) => has(d, "personeelslid", "ja");
const unit = (d: Draft) => has(d, "aparte_dienst", "ja");

export function generateOcmws(rng: Random, targets: Targets): Draft[] {
  const drafts = createDrafts(rng, targets, "ocmw");
  const profile = (d: Draft) => d.engagement + (staff(d) ? 1 : 0) + (unit(d) ? 1 : 0);

  // 3.2B: staff members, units with and without one.
  yesFor(rng, drafts, "personeelslid", targets.count("3.2B-personeelslid"), (d) => 2 * d.engagement);
  noForTheRest(drafts, "personeelslid");
  yesFor(
    rng,
    drafts.filter(staff),
    "aparte_dienst",
    targets.count("3.2B-personeelslid-en-dienst"),
    (d) => d.engagement,
  );
  yesFor(
    rng,
    drafts.filter((d) => !staff(d)),
    "aparte_dienst",
    targets.count("3.2B-dienst-zonder-personeelslid"),
    (d) => d.engagement,
  );
  noForTheRest(drafts, "aparte_dienst");

  answerAll(rng, targets, drafts, "invuller", () => 0);
  answerAll(rng, targets, drafts, "meerjarenplan", (code, d) => (code === "ja" ? profile(d) : 0));
  domains(rng, targets, drafts, () => false);
  initiatives(rng, targets, drafts, profile);

  // 3.2B: most consultation structures work without a staff member or unit.
  const without = targets.count("3.2B-overleg/zonder");
  yesFor(
    rng,
    drafts.filter((d) => staff(d) || unit(d)),
    "overlegstructuur",
    targets.count("3.2B-overleg") - without,
    profile,
  );
  yesFor(
    rng,
    drafts.filter((d) => !staff(d) && !unit(d)),
    "overlegstructuur",
    without,
    (d) => d.engagement,
  );
  noForTheRest(drafts, "overlegstructuur");

  answerAll(rng, targets, drafts, "begrotingspost", (code, d) =>
    code === "ja" ? d.engagement + (unit(d) ? 2 : 0) : 0,
  );
  support(rng, targets, drafts, profile, () => true);
  return drafts;
}
