/** Computes what a printed figure says from the respondents, the way the print counts. */
import { countInitiatives, countRespondents, type Condition } from "../aggregate/count.ts";
import { groupDifference } from "../aggregate/relation.ts";
import { optionsFor, question, type RespondentTypeCode } from "../model/codebook.ts";
import { respondentsOfType, type Survey } from "../model/survey.ts";
import type { Base, Measure, PrintedClaim, PrintedFigure, RelationClaim } from "./figures.ts";

export interface Computed {
  count: number;
  base: number;
}

/** How many respondents (for a multiple question: ticked it), or initiatives of a ranked question, have each option. */
export function optionCounts(survey: Survey, type: RespondentTypeCode, questionId: string): Map<string, number> {
  const q = question(survey.codebook, questionId);
  const respondents = respondentsOfType(survey, type);
  return new Map(
    optionsFor(q, type).map((o) => [
      o.code,
      q.kind === "ranked"
        ? countInitiatives(respondents, { category: o.code })
        : countRespondents(respondents, { q: q.id, is: o.code }),
    ]),
  );
}

export function measureCount(survey: Survey, type: RespondentTypeCode, measure: Measure): number {
  const respondents = respondentsOfType(survey, type);
  if ("respondents" in measure)
    return measure.respondents === "all" ? respondents.length : countRespondents(respondents, measure.respondents);
  if ("initiatives" in measure) return countInitiatives(respondents, measure.initiatives);
  const counts = [...optionCounts(survey, type, measure.options).values()];
  const n = respondents.length;
  return counts.filter(
    (c) =>
      (measure.below === undefined || 100 * c < measure.below * n) &&
      (measure.above === undefined || 100 * c > measure.above * n),
  ).length;
}

export function baseCount(
  survey: Survey,
  figures: Map<string, PrintedFigure>,
  type: RespondentTypeCode,
  base: Base = "respondents",
): number {
  if (base === "respondents") return respondentsOfType(survey, type).length;
  if (base === "selected") return survey.codebook.respondentTypes.find((t) => t.code === type)!.selected;
  if (typeof base === "object") return countRespondents(respondentsOfType(survey, type), base.respondents);
  const other = figures.get(base)!;
  return measureCount(survey, other.type, other.measure!);
}

export function compute(survey: Survey, figures: Map<string, PrintedFigure>, figure: PrintedFigure): Computed | null {
  if (!figure.measure) return null;
  return {
    count: measureCount(survey, figure.type, figure.measure),
    base: baseCount(survey, figures, figure.type, figure.base),
  };
}

export function relationOf(survey: Survey, type: RespondentTypeCode, outcome: Condition, relation: RelationClaim) {
  return groupDifference(respondentsOfType(survey, type), outcome, relation.group, relation.versus);
}

export interface OrderResult {
  listed: [string, number][];
  others: [string, number][];
  holds: boolean;
}

export function orderOf(
  survey: Survey,
  type: RespondentTypeCode,
  claim: Extract<PrintedClaim, { of: string }>,
): OrderResult {
  const listed = "highest" in claim ? claim.highest : claim.lowest;
  const counts = [...optionCounts(survey, type, claim.of)].filter(([code]) => !claim.excluding?.includes(code));
  const inList = counts.filter(([code]) => listed.includes(code));
  const others = counts.filter(([code]) => !listed.includes(code));
  const values = (xs: [string, number][]) => xs.map(([, c]) => c);
  const holds =
    "highest" in claim
      ? Math.min(...values(inList)) > Math.max(...values(others))
      : Math.max(...values(inList)) < Math.min(...values(others));
  return { listed: inList, others, holds };
}
