/**
 * The model of one respondent's fact sheet: its own answers beside those of all respondents of its
 * type and of its VRIND peers. The group summaries are computed once per survey (factSheetGroups) so a
 * batch of thousands of sheets costs one pass over the data per group, not one per sheet.
 */
import {
  optionsFor,
  question,
  questionsFor,
  type Codebook,
  type CodebookOption,
  type Question,
  type RespondentTypeCode,
  type RespondentTypeInfo,
} from "../model/codebook.ts";
import { respondentsOfType, type Respondent, type Survey } from "../model/survey.ts";
import { UsageError } from "../errors.ts";
import { capitalize } from "../format/number.ts";
import { countRespondents, matches } from "./count.ts";
import { share, type Share } from "./share.ts";
import { summarize, type Distribution, type GroupSummary } from "./summary.ts";
import * as msg from "../messages.ts";

/**
 * Below five, a peer share says little (one answer moves it by 20 points or more) and a reader who
 * knows which municipalities share the VRIND class could work out who answered what.
 */
export const MIN_PEER_GROUP = 5;

const DOMAINS = "beleidsdomeinen";
const VRIND = "vrind";
/** The structural elements both types were asked about (3.2, 3.3): what the structure sentence counts. */
export const STRUCTURE_ELEMENTS = ["personeelslid", "aparte_dienst", "overlegstructuur", "begrotingspost"] as const;
const HAS = "ja";

/** The chapters of the bijlage that hold questions, by the number the codebook's sections start with. */
const CHAPTERS = { "1": "profile", "2": "policy", "3": "organisation", "5": "support" } as const;
type Chapter = (typeof CHAPTERS)[keyof typeof CHAPTERS];
/** Chapters carry their own heading; "1A" (the gemeenten part of chapter 1) is no section of the sheet. */
const SUBSECTION = /^\d+\.\d+$/;

interface Scores {
  domains: number;
  structure: number;
}

/** A group to compare with, summarised once: all respondents of a type, or those of one VRIND class. */
export interface ComparisonGroup {
  summary: GroupSummary;
  /** Respondents naming at least one initiative of each category, of all respondents of the group. */
  naming: Record<string, Share>;
  /** How many respondents have each score (index = score): ranks without a pass over the group. */
  histograms: Record<keyof Scores, number[]>;
}

export interface FactSheetGroups {
  byId: Map<string, Respondent>;
  types: Record<RespondentTypeCode, ComparisonGroup>;
  /** Per type, per VRIND class code; only classes with respondents. */
  classes: Record<RespondentTypeCode, Record<string, ComparisonGroup>>;
}

export type AnswerStatus =
  /** A single question answered with `answer`. */
  | "chosen"
  /** An option of a multiple question, ticked or not. */
  | "ticked"
  | "notTicked"
  /** Asked, left empty where the codebook allows it. */
  | "empty"
  /** Not put to this respondent (its answer to an earlier question skipped it). */
  | "notAsked";

export interface AnswerRow {
  /** The question's label; for a multiple question, the option's label. */
  label: string;
  status: AnswerStatus;
  /** The label of the chosen option, for status "chosen". */
  answer: string | null;
  /** Respondents of the same type who gave the same answer (or were likewise not asked). */
  all: Share;
  /** The same among the VRIND peers; null where the peer group is too small to show. */
  peers: Share | null;
}

/**
 * One question: a single row, or a row per option of a multiple
 * question under its label (one row where it was not asked).
 */
export interface AnswerBlock {
  questionId: string;
  section: string;
  /** The bijlage's subsection number ("2.1") on the first question of each subsection, else null. */
  number: string | null;
  label: string;
  multiple: boolean;
  rows: AnswerRow[];
}

/** One beleidsdomein, ready for the comparison chart. */
export interface DomainRow {
  code: string;
  label: string;
  own: boolean;
  /** Respondents of the type paying attention to this domain. */
  all: Share;
  peers: Share | null;
}

export interface InitiativeRow {
  rank: number;
  category: string;
  label: string;
  /** Free text from the data: templates must escape it. */
  description: string;
  /** Respondents of the type naming an initiative of this category. */
  all: Share;
  peers: Share | null;
}

/** Where the respondent's score stands in a group it belongs to. */
export interface Standing {
  score: number;
  max: number;
  /** Respondents in the group, the respondent itself included. */
  n: number;
  /** Other respondents with a lower, equal and higher score. */
  fewer: number;
  same: number;
  more: number;
}

export interface Comparison {
  all: Standing;
  peers: Standing | null;
}

export interface PeerGroup {
  code: string;
  label: string;
  /** The class as it stands in a sentence ("het platteland"). */
  phrase: string;
  /** Respondents of the type in the class, the respondent itself included. */
  n: number;
  shown: boolean;
  reason: "tooFew" | null;
}

export interface FactSheetHeader {
  id: string;
  type: RespondentTypeInfo;
  survey: Codebook["survey"];
  /** The respondent's name and NIS code where the data has them (a real survey only), else null. */
  name: string | null;
  nis: string | null;
  /** How the sheet calls its respondent: its name, else its id. */
  label: string;
  /** The sheet's heading: "Gemeente Aalst", "OCMW O007". */
  title: string;
  /** The PDF's and the HTML's title: a named sheet by its heading, another by its id. */
  documentTitle: string;
}

export interface FactSheetModel {
  header: FactSheetHeader;
  all: { label: string; n: number };
  peers: PeerGroup;
  minPeerGroup: number;
  profile: AnswerBlock[];
  policy: AnswerBlock[];
  organisation: AnswerBlock[];
  support: AnswerBlock[];
  domainRows: DomainRow[];
  initiatives: InitiativeRow[];
  summary: { domains: Comparison; structure: Comparison };
}

function scores(codebook: Codebook, respondent: Respondent): Scores {
  const domainCodes = new Set(optionsFor(question(codebook, DOMAINS), respondent.type).map((o) => o.code));
  return {
    domains: respondent.answers.beleidsdomeinen.filter((d) => domainCodes.has(d)).length,
    structure: STRUCTURE_ELEMENTS.filter((q) => respondent.answers[q] === HAS).length,
  };
}

function maxScores(codebook: Codebook, type: RespondentTypeCode): Scores {
  return { domains: optionsFor(question(codebook, DOMAINS), type).length, structure: STRUCTURE_ELEMENTS.length };
}

function histogram(values: number[], max: number): number[] {
  const counts = new Array<number>(max + 1).fill(0);
  for (const v of values) counts[v]!++;
  return counts;
}

function initiativeQuestion(codebook: Codebook, type: RespondentTypeCode): Question | undefined {
  return questionsFor(codebook, type).find((q) => q.kind === "ranked");
}

function comparisonGroup(codebook: Codebook, type: RespondentTypeCode, respondents: Respondent[]): ComparisonGroup {
  const ranked = initiativeQuestion(codebook, type);
  const naming = Object.fromEntries(
    (ranked ? optionsFor(ranked, type) : []).map((o) => [
      o.code,
      share(countRespondents(respondents, { q: ranked!.id, is: o.code }), respondents.length),
    ]),
  );
  const max = maxScores(codebook, type);
  const all = respondents.map((r) => scores(codebook, r));
  return {
    summary: summarize(codebook, type, respondents),
    naming,
    histograms: {
      domains: histogram(
        all.map((s) => s.domains),
        max.domains,
      ),
      structure: histogram(
        all.map((s) => s.structure),
        max.structure,
      ),
    },
  };
}

export function factSheetGroups(survey: Survey): FactSheetGroups {
  const { codebook } = survey;
  const types = {} as FactSheetGroups["types"];
  const classes = {} as FactSheetGroups["classes"];
  for (const { code } of codebook.respondentTypes) {
    const ofType = respondentsOfType(survey, code);
    types[code] = comparisonGroup(codebook, code, ofType);
    const classCodes = [...new Set(ofType.map((r) => r.answers.vrind))];
    classes[code] = Object.fromEntries(
      classCodes.map((vrind) => [
        vrind,
        comparisonGroup(
          codebook,
          code,
          ofType.filter((r) => r.answers.vrind === vrind),
        ),
      ]),
    );
  }
  return { byId: new Map(survey.respondents.map((r) => [r.id, r])), types, classes };
}

function standing(counts: number[], score: number): Standing {
  const n = counts.reduce((a, b) => a + b, 0);
  const fewer = counts.slice(0, score).reduce((a, b) => a + b, 0);
  const same = counts[score]! - 1;
  return { score, max: counts.length - 1, n, fewer, same, more: n - 1 - fewer - same };
}

/** Respondents of a group who answered as this one did, given how this one answered. */
function sameAnswer(d: Distribution, status: AnswerStatus, code: string | null): Share {
  switch (status) {
    case "chosen":
    case "ticked":
      return share(d.of[code!]!.count, d.base);
    case "notTicked":
      return share(d.asked - d.of[code!]!.count, d.base);
    case "empty":
      return share(d.asked - d.answered, d.base);
    case "notAsked":
      return share(d.base - d.asked, d.base);
  }
}

interface RowContext {
  respondent: Respondent;
  all: ComparisonGroup;
  peers: ComparisonGroup | null;
}

function row(
  ctx: RowContext,
  q: Question,
  status: AnswerStatus,
  option: CodebookOption | null,
  label: string,
): AnswerRow {
  const code = option?.code ?? null;
  const compare = (g: ComparisonGroup) => sameAnswer(g.summary.answers[q.id]!, status, code);
  return {
    label,
    status,
    answer: status === "chosen" ? option!.label : null,
    all: compare(ctx.all),
    peers: ctx.peers ? compare(ctx.peers) : null,
  };
}

/** Whether the respondent was put the question (its askedIf, if any, holds). */
const isAsked = (respondent: Respondent, q: Question) => !q.askedIf || matches(respondent, q.askedIf);

function rowsFor(ctx: RowContext, q: Question): AnswerRow[] {
  const { respondent } = ctx;
  if (!isAsked(respondent, q)) return [row(ctx, q, "notAsked", null, q.label)];
  const value = (respondent.answers as unknown as Record<string, unknown>)[q.id];
  const options = optionsFor(q, respondent.type);
  if (q.kind === "multiple") {
    const ticked = new Set(Array.isArray(value) ? (value as string[]) : []);
    return options.map((o) => row(ctx, q, ticked.has(o.code) ? "ticked" : "notTicked", o, o.label));
  }
  const chosen = options.find((o) => o.code === value) ?? null;
  return [row(ctx, q, chosen ? "chosen" : "empty", chosen, q.label)];
}

const chapterOf = (section: string): Chapter => {
  const chapter = CHAPTERS[section.replace(/[^0-9].*$/, "") as keyof typeof CHAPTERS];
  if (!chapter) throw new Error(`codebook section "${section}" belongs to no chapter of the fact sheet`);
  return chapter;
};

/** Every single and multiple question of the type but the VRIND class (the peers) and the domains (the chart). */
function answerBlocks(codebook: Codebook, ctx: RowContext): Record<Chapter, AnswerBlock[]> {
  const chapters: Record<Chapter, AnswerBlock[]> = { profile: [], policy: [], organisation: [], support: [] };
  const questions = questionsFor(codebook, ctx.respondent.type).filter(
    (q) => q.kind !== "ranked" && q.id !== VRIND && q.id !== DOMAINS,
  );
  questions.forEach((q, i) => {
    const rows = rowsFor(ctx, q);
    const numbered = SUBSECTION.test(q.section) && q.section !== questions[i - 1]?.section;
    chapters[chapterOf(q.section)].push({
      questionId: q.id,
      section: q.section,
      number: numbered ? q.section : null,
      label: q.label,
      multiple: q.kind === "multiple" && isAsked(ctx.respondent, q),
      rows,
    });
  });
  return chapters;
}

function domainRows(codebook: Codebook, ctx: RowContext): DomainRow[] {
  const own = new Set<string>(ctx.respondent.answers.beleidsdomeinen);
  return optionsFor(question(codebook, DOMAINS), ctx.respondent.type).map((o) => {
    const of = (g: ComparisonGroup) => share(g.summary.answers[DOMAINS]!.of[o.code]!.count, g.summary.n);
    return {
      code: o.code,
      label: o.label,
      own: own.has(o.code),
      all: of(ctx.all),
      peers: ctx.peers ? of(ctx.peers) : null,
    };
  });
}

function initiativeRows(codebook: Codebook, ctx: RowContext): InitiativeRow[] {
  const ranked = initiativeQuestion(codebook, ctx.respondent.type);
  if (!ranked) return [];
  return [...ctx.respondent.answers.initiatieven]
    .sort((a, b) => a.rank - b.rank)
    .map((item) => {
      const option = optionsFor(ranked, ctx.respondent.type).find((o) => o.code === item.category)!;
      return {
        rank: item.rank,
        category: item.category,
        label: option.label,
        description: item.description,
        all: ctx.all.naming[item.category]!,
        peers: ctx.peers ? ctx.peers.naming[item.category]! : null,
      };
    });
}

function factSheetHeader(codebook: Codebook, respondent: Respondent, type: RespondentTypeInfo): FactSheetHeader {
  const { id, name = null, nis = null } = respondent;
  const label = name ?? id;
  const title = `${capitalize(type.singular)} ${label}`;
  return {
    id,
    type,
    survey: codebook.survey,
    name,
    nis,
    label,
    title,
    documentTitle: `Fiche ${name ? title : id}: ${codebook.survey.title}`,
  };
}

export function buildFactSheet(
  survey: Survey,
  respondentId: string,
  groups: FactSheetGroups = factSheetGroups(survey),
): FactSheetModel {
  const { codebook } = survey;
  const respondent = groups.byId.get(respondentId);
  if (!respondent) throw new UsageError(msg.noRespondent(respondentId));
  const type = codebook.respondentTypes.find((t) => t.code === respondent.type)!;
  const all = groups.types[respondent.type];
  const peerGroup = groups.classes[respondent.type][respondent.answers.vrind]!;
  const shown = peerGroup.summary.n >= MIN_PEER_GROUP;
  const peers = shown ? peerGroup : null;
  const vrind = question(codebook, VRIND).options.find((o) => o.code === respondent.answers.vrind)!;
  const ctx: RowContext = { respondent, all, peers };
  const own = scores(codebook, respondent);
  const compare = (score: keyof Scores): Comparison => ({
    all: standing(all.histograms[score], own[score]),
    peers: peers ? standing(peers.histograms[score], own[score]) : null,
  });
  return {
    header: factSheetHeader(codebook, respondent, type),
    all: { label: type.plural, n: all.summary.n },
    peers: {
      code: vrind.code,
      label: vrind.label,
      phrase: vrind.phrase ?? vrind.label,
      n: peerGroup.summary.n,
      shown,
      reason: shown ? null : "tooFew",
    },
    minPeerGroup: MIN_PEER_GROUP,
    ...answerBlocks(codebook, ctx),
    domainRows: domainRows(codebook, ctx),
    initiatives: initiativeRows(codebook, ctx),
    summary: { domains: compare("domains"), structure: compare("structure") },
  };
}
