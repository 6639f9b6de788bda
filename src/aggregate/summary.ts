/**
 * What a group of respondents answered: one distribution per question. The bijlage summarises all
 * respondents of a type; a fact sheet summarises the type and the respondent's VRIND peers the same way.
 */
import { optionsFor, questionsFor, type Codebook, type Question, type RespondentTypeCode } from "../model/codebook.ts";
import type { Respondent } from "../model/survey.ts";
import { byCountDescending, share, type Share, type Tally } from "./share.ts";
import { countInitiatives, countRespondents } from "./count.ts";

export interface Distribution {
  questionId: string;
  /** All respondents of the group: the print gives even conditional answers as shares of all (5: 21 of 70). */
  base: number;
  /** Respondents the question was put to (those meeting its askedIf); equals base otherwise. */
  asked: number;
  /** Every option in codebook order, with its count among `base`. */
  options: Tally[];
  /** The same, largest first. */
  sorted: Tally[];
  /** Options by code, for templates: `answers.bestuursakkoord.of.ja`. */
  of: Record<string, Tally>;
  /** Options chosen at least once, largest first. */
  present: Tally[];
  /** Respondents who gave any answer (ticked any option). */
  answered: number;
}

export interface RankShare extends Share {
  rank: number;
}

export interface InitiativeSummary {
  total: number;
  /** Respondents naming an initiative at each rank, of all respondents of the group. */
  byRank: RankShare[];
  /** Initiatives per category, of all initiatives, largest first. */
  byCategory: Tally[];
  of: Record<string, Tally>;
}

export interface GroupSummary {
  type: RespondentTypeCode;
  n: number;
  answers: Record<string, Distribution>;
  initiatives: InitiativeSummary;
}

const byCode = (tallies: Tally[]) => Object.fromEntries(tallies.map((t) => [t.code, t]));

function distribution(question: Question, type: RespondentTypeCode, respondents: Respondent[]): Distribution {
  const base = respondents.length;
  const asked = question.askedIf ? countRespondents(respondents, question.askedIf) : base;
  const options = optionsFor(question, type).map((o) => ({
    code: o.code,
    label: o.label,
    phrase: o.phrase ?? o.label,
    printed: o.printed !== false,
    ...share(countRespondents(respondents, { q: question.id, is: o.code }), base),
  }));
  const sorted = byCountDescending(options);
  const answered = countRespondents(respondents, { q: question.id, is: options.map((o) => o.code) });
  return {
    questionId: question.id,
    base,
    asked,
    options,
    sorted,
    of: byCode(options),
    present: sorted.filter((o) => o.count > 0),
    answered,
  };
}

function initiatives(
  question: Question & { kind: "ranked" },
  type: RespondentTypeCode,
  respondents: Respondent[],
): InitiativeSummary {
  const total = countInitiatives(respondents, {});
  const byRank = Array.from({ length: question.ranks }, (_, i) => ({
    rank: i + 1,
    ...share(countInitiatives(respondents, { rank: i + 1 }), respondents.length),
  }));
  const byCategory = optionsFor(question, type).map((o) => ({
    code: o.code,
    label: o.label,
    phrase: o.phrase ?? o.label,
    printed: o.printed !== false,
    ...share(countInitiatives(respondents, { category: o.code }), total),
  }));
  return { total, byRank, byCategory: byCountDescending(byCategory), of: byCode(byCategory) };
}

export function summarize(codebook: Codebook, type: RespondentTypeCode, respondents: Respondent[]): GroupSummary {
  const answers: Record<string, Distribution> = {};
  let initiativeSummary: InitiativeSummary = { total: 0, byRank: [], byCategory: [], of: {} };
  for (const q of questionsFor(codebook, type)) {
    if (q.kind === "ranked") initiativeSummary = initiatives(q, type, respondents);
    else answers[q.id] = distribution(q, type, respondents);
  }
  return { type, n: respondents.length, answers, initiatives: initiativeSummary };
}
