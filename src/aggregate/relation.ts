/**
 * "Er is een verband": the bijlage states relations (integratiedienst and attention per domain,
 * urbanisation and the bestuursakkoord) without a test. We make the rule explicit and print it in the
 * report: a relation holds when the share in one group exceeds the other by at least ten percentage points.
 */
import type { Respondent } from "../model/survey.ts";
import { countRespondents, type Condition } from "./count.ts";
import { share, type Share } from "./share.ts";

export const RELATION_THRESHOLD_TENTHS = 100;

/** How often an outcome occurs in a group and in the group it is compared with. */
export interface GroupDifference {
  inGroup: Share;
  outGroup: Share;
  /** inGroup minus outGroup, in tenths of a percentage point, from the shares as printed (an empty group: 0). */
  differenceTenths: number;
}

/** A difference measured on the data, and whether it reaches the report's threshold. */
export interface MeasuredRelation extends GroupDifference {
  holds: boolean;
}

/** The outcome's share in `group` against that in `versus` (by default: everybody outside `group`). */
export function groupDifference(
  respondents: Respondent[],
  outcome: Condition,
  group: Condition,
  versus: Condition = { not: group },
): GroupDifference {
  const inGroup = conditional(respondents, outcome, group);
  const outGroup = conditional(respondents, outcome, versus);
  return { inGroup, outGroup, differenceTenths: (inGroup.tenths ?? 0) - (outGroup.tenths ?? 0) };
}

export function relation(respondents: Respondent[], outcome: Condition, group: Condition): MeasuredRelation {
  const difference = groupDifference(respondents, outcome, group);
  return { ...difference, holds: difference.differenceTenths >= RELATION_THRESHOLD_TENTHS };
}

/** Of the respondents meeting `given`, how many also meet `outcome` ("meestal" = strictly more than half). */
export function conditional(respondents: Respondent[], outcome: Condition, given: Condition): Share {
  return share(countRespondents(respondents, { all: [given, outcome] }), countRespondents(respondents, given));
}
