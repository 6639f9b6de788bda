/**
 * "Er is een verband": the bijlage states relations (integratiedienst and attention per domain,
 * urbanisation and the bestuursakkoord) without a test. We make the rule explicit and print it in the
 * report: a relation holds when the share in one group exceeds the other by at least ten percentage points.
 */
import type { Respondent } from "../model/survey.ts";
import { countRespondents, type Condition } from "./count.ts";
import { share, type Share } from "./share.ts";

export const RELATION_THRESHOLD_TENTHS = 100;

export interface Relation {
  inGroup: Share;
  outGroup: Share;
  /** inGroup minus outGroup, in tenths of a percentage point. */
  differenceTenths: number;
  holds: boolean;
}

export function relation(respondents: Respondent[], outcome: Condition, group: Condition): Relation {
  const inGroup = countRespondents(respondents, group);
  const outGroup = respondents.length - inGroup;
  const inShare = share(countRespondents(respondents, { all: [group, outcome] }), inGroup);
  const outShare = share(countRespondents(respondents, { all: [{ not: group }, outcome] }), outGroup);
  const differenceTenths = (inShare.tenths ?? 0) - (outShare.tenths ?? 0);
  return { inGroup: inShare, outGroup: outShare, differenceTenths, holds: differenceTenths >= RELATION_THRESHOLD_TENTHS };
}

/** Of the respondents meeting `given`, how many also meet `outcome` ("meestal" = strictly more than half). */
export function conditional(respondents: Respondent[], outcome: Condition, given: Condition): Share {
  return share(countRespondents(respondents, { all: [given, outcome] }), countRespondents(respondents, given));
}
