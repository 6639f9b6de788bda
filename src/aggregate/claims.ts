/**
 * The claims of the print that the data may or may not still bear out, and the words the report gives
 * each: the print's wording where the data support it, the negation where they do not. Each sentence is
 * written here once; the templates print `text`, the build's warnings and the note on changed text
 * quote `statement`.
 */
import { joinDutch } from "../format/list.ts";
import type { Respondent } from "../model/survey.ts";
import type { Condition } from "./count.ts";
import { conditional, relation, type MeasuredRelation } from "./relation.ts";
import { formatShare, isMajority, type Share, type Tally } from "./share.ts";

/** A statement of the print, checked against the data. */
export interface ReportClaim {
  id: string;
  section: string;
  holds: boolean;
  figures: Record<string, Share>;
  /** The words the report prints: the print's claim where it holds, its negation where not. */
  text: string;
  /** The print's claim with the data's figures, for the warnings where it no longer holds. */
  statement: string;
}

/** What the gemeente claims are computed from. */
export interface ClaimInputs {
  respondents: Respondent[];
  urban: Condition;
  urbanClasses: Tally[];
  /** Domains where attention does not go with an erkende integratiedienst. */
  unrelatedToService: { code: string }[];
  leastAreHard: boolean;
}

export const HAS_SERVICE: Condition = { q: "erkende_integratiedienst", is: "ja" };
const AGREEMENT: Condition = { q: "bestuursakkoord", is: "ja" };
const PLAN: Condition = { q: "meerjarenplan", is: "ja" };
const ALDERMAN: Condition = { q: "schepen", is: "ja" };

const mostly = (holds: boolean) => (holds ? "meestal" : "niet meestal");

/**
 * `words` gives the report's words for either outcome; `sentence` makes a clause that the template joins
 * with another into a sentence of its own, for the warnings.
 */
function claim(
  id: string,
  section: string,
  holds: boolean,
  figures: Record<string, Share>,
  words: (holds: boolean) => string,
  sentence = (text: string) => text,
): ReportClaim {
  return { id, section, holds, figures, text: words(holds), statement: sentence(words(true)) };
}

/** A relation with urbanisation, closed with both shares: "… dan de overige gemeenten: 40% tegenover 20%." */
function urbanClaim(id: string, section: string, found: MeasuredRelation, words: (holds: boolean) => string) {
  const versus = `dan de overige gemeenten: ${formatShare(found.inGroup)} tegenover ${formatShare(found.outGroup)}.`;
  const figures = { urban: found.inGroup, other: found.outGroup };
  return claim(id, section, found.holds, figures, (holds) => `${words(holds)} ${versus}`);
}

/** "meestal ook een bevoegde schepen (61,1%)": the report joins two of these in one sentence. */
const clause = (holds: boolean, what: string, given: Share) =>
  `${holds ? "meestal ook" : "niet meestal"} ${what} (${formatShare(given)})`;

export function gemeenteClaims(inputs: ClaimInputs): Record<string, ReportClaim> {
  const { respondents, urban } = inputs;
  const classes = joinDutch(inputs.urbanClasses.map((c) => c.label));
  const urbanised = (word: string) => `${word} gemeenten (${classes})`;
  const planGivenAgreement = conditional(respondents, PLAN, AGREEMENT);
  const aldermanGivenAgreement = conditional(respondents, ALDERMAN, AGREEMENT);
  const serviceGivenAgreement = conditional(respondents, HAS_SERVICE, AGREEMENT);
  const serviceGivenPlan = conditional(respondents, HAS_SERVICE, PLAN);
  const diversity = "etnisch-culturele diversiteit";
  const claims = [
    urbanClaim("agreementUrban", "2.1", relation(respondents, AGREEMENT, urban), (holds) =>
      holds
        ? `${urbanised("Verstedelijkte")} besteden in het bestuursakkoord beduidend meer aandacht aan ${diversity}`
        : `In het bestuursakkoord besteden ${urbanised("verstedelijkte")} niet beduidend meer aandacht ` +
          `aan ${diversity}`,
    ),
    claim(
      "agreementThenPlan",
      "2.1",
      isMajority(planGivenAgreement),
      { share: planGivenAgreement },
      (holds) =>
        `Bij gemeenten met aandacht voor ${diversity} in het bestuursakkoord is dat ${mostly(holds)} ook het geval ` +
        `in het meerjarenplan (${formatShare(planGivenAgreement)}).`,
    ),
    claim(
      "agreementThenAlderman",
      "2.1",
      isMajority(aldermanGivenAgreement),
      { share: aldermanGivenAgreement },
      (holds) => `is dan ${clause(holds, "een bevoegde schepen", aldermanGivenAgreement)}`,
      (text) => `Er ${text}.`,
    ),
    claim(
      "agreementThenService",
      "2.1",
      isMajority(serviceGivenAgreement),
      { share: serviceGivenAgreement },
      (holds) => clause(holds, "een erkende integratiedienst", serviceGivenAgreement),
      (text) => `Er is dan ${text}.`,
    ),
    claim(
      "planThenService",
      "2.2",
      isMajority(serviceGivenPlan),
      { share: serviceGivenPlan },
      (holds) =>
        `Uit de bevraging blijkt dat indien ${diversity} aandacht krijgt in het meerjarenplan, ` +
        `er ${mostly(holds)} ook een erkende integratiedienst is (${formatShare(serviceGivenPlan)}).`,
    ),
    claim(
      "serviceInAllDomains",
      "2.3",
      inputs.unrelatedToService.every((d) => d.code === "burgerzaken"),
      {},
      () =>
        `De integratiedienst bevordert de aandacht voor ${diversity} in alle beleidsdomeinen, ` +
        "op burgerlijke stand/burgerzaken na.",
    ),
    claim(
      "leastAreHard",
      "2.3",
      inputs.leastAreHard,
      {},
      () => "Etnisch-culturele diversiteit krijgt het minst aandacht in de traditioneel harde beleidsdomeinen.",
    ),
    urbanClaim(
      "aldermanUrban",
      "3.1",
      relation(respondents, ALDERMAN, urban),
      (holds) =>
        `${urbanised("Verstedelijkte")} hebben ${holds ? "vaker" : "niet beduidend vaker"} een schepen ` +
        `die bevoegd is voor ${diversity}`,
    ),
  ];
  return Object.fromEntries(claims.map((c) => [c.id, c]));
}
