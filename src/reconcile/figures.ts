/**
 * data/printed-figures.json: every figure and claim of the printed bijlage, with how to compute it
 * from respondents. The reconciliation checks them; the generator reads its targets from them, so a
 * printed number is typed once.
 */
import { DataError } from "../errors.ts";
import { optionsFor, type Codebook, type RespondentTypeCode } from "../model/codebook.ts";
import type { Condition, InitiativeFilter } from "../aggregate/count.ts";
import * as msg from "../messages.ts";

/** What a figure counts among the respondents of its type. */
export type Measure =
  /** Respondents meeting the condition ("all": every respondent of the type). */
  | { respondents: Condition | "all" }
  | { initiatives: InitiativeFilter }
  /** Options of a question for the type; with below/above, only those ticked by less/more than that percent. */
  | { options: string; below?: number; above?: number };

/**
 * What a share is a share of: all respondents of the type, the
 * invited ones, some respondents, or another figure's count.
 */
export type Base = "respondents" | "selected" | { respondents: Condition } | string;

export interface RelationClaim {
  group: Condition;
  /** The comparison group; absent means everybody outside `group`. */
  versus?: Condition;
  points: number;
}

/** A printed statement in words that a share or an order must bear out. */
export type PrintedClaim =
  /** "meer dan de helft": the share is strictly above this percent. */
  | { above: number }
  | { below: number }
  /**
   * "beduidend meer", "vaker", "een verband": the share in `group` exceeds
   * that in `versus` by at least `points` (and by more than nothing).
   */
  | { relation: RelationClaim }
  /** "dat verband is niet vastgesteld": the difference stays under `points`. */
  | { noRelation: RelationClaim }
  /** "het grootste aantal", "in eerste instantie": these options outnumber every other option of the question. */
  | { highest: string[]; of: string; excluding?: string[] }
  | { lowest: string[]; of: string; excluding?: string[] };

export interface PrintedFigure {
  id: string;
  section: string;
  type: RespondentTypeCode;
  /** The printed words, as printed (typos included). */
  quote: string;
  measure?: Measure;
  base?: Base;
  count?: number;
  /** Percent as printed: 18.5 for "18,5%". */
  share?: number;
  claim?: PrintedClaim;
  note?: string;
}

/**
 * One printed sentence that holds for several options: expanded into one figure per option ("$option" in conditions).
 */
export interface FigureTemplate extends PrintedFigure {
  forEach?: { question: string; only?: string[]; except?: string[] };
}

export interface FigureGroup {
  id: string;
  /** Figures that together should make up the whole. */
  parts: string[];
  whole: string;
}

export interface PrintedFigures {
  source: string;
  note: string;
  figures: PrintedFigure[];
  groups: FigureGroup[];
}

const OPTION = "$option";

function substitute<T>(value: T, option: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll(JSON.stringify(OPTION), JSON.stringify(option))) as T;
}

function expand(codebook: Codebook, template: FigureTemplate): PrintedFigure[] {
  const { forEach, ...figure } = template;
  if (!forEach) return [figure];
  const question = codebook.questions.find((q) => q.id === forEach.question);
  if (!question) return [figure];
  return optionsFor(question, template.type)
    .map((o) => o.code)
    .filter((code) => (!forEach.only || forEach.only.includes(code)) && !forEach.except?.includes(code))
    .map((code) => ({ ...substitute(figure, code), id: `${template.id}/${code}` }));
}

/** Reads and checks the file's content against the codebook; `text` lets messages point at a line. */
export function parsePrintedFigures(codebook: Codebook, json: unknown, file: string, text?: string): PrintedFigures {
  const fail = (problem: string, id?: string, expected?: string): never => {
    const offset = id && text ? text.indexOf(`"id": ${JSON.stringify(id)}`) : -1;
    const line = offset >= 0 ? text!.slice(0, offset).split("\n").length : undefined;
    throw new DataError({ file, line, field: id, expected }, problem);
  };
  const raw = json as { source?: string; note?: string; figures?: FigureTemplate[]; groups?: FigureGroup[] };
  if (!raw || !Array.isArray(raw.figures) || !Array.isArray(raw.groups))
    fail(msg.notPrintedFigures(), undefined, "an object with figures and groups");
  const figures = raw.figures!.flatMap((t) => expand(codebook, t));
  const ids = new Set<string>();
  for (const f of figures) {
    if (typeof f.id !== "string" || typeof f.section !== "string" || typeof f.quote !== "string")
      fail(msg.figureWithoutText(), f.id, "id, section and quote strings");
    if (ids.has(f.id)) fail(msg.duplicateFigure(), f.id, "unique ids");
    ids.add(f.id);
    if (!codebook.respondentTypes.some((t) => t.code === f.type))
      fail(msg.unknownFigureType(String(f.type)), f.id, "a codebook respondent type");
    if (!f.measure && !f.claim) fail(msg.figureWithoutMeasure(), f.id);
    if ((f.count !== undefined || f.share !== undefined) && !f.measure) fail(msg.valueWithoutMeasure(), f.id);
    for (const problem of conditionProblems(codebook, f)) fail(problem, f.id, "codes from the codebook");
  }
  for (const f of figures)
    if (typeof f.base === "string" && !["respondents", "selected"].includes(f.base) && !ids.has(f.base))
      fail(msg.unknownBase(f.base), f.id);
  for (const g of raw.groups!)
    for (const part of [...g.parts, g.whole]) if (!ids.has(part)) fail(msg.unknownGroupPart(g.id, part), g.id);
  return { source: raw.source ?? "", note: raw.note ?? "", figures, groups: raw.groups! };
}

function conditionsOf(f: PrintedFigure): Condition[] {
  const found: Condition[] = [];
  if (f.measure && "respondents" in f.measure && f.measure.respondents !== "all") found.push(f.measure.respondents);
  if (f.base && typeof f.base === "object") found.push(f.base.respondents);
  if (f.claim && "relation" in f.claim)
    found.push(f.claim.relation.group, ...(f.claim.relation.versus ? [f.claim.relation.versus] : []));
  if (f.claim && "noRelation" in f.claim)
    found.push(f.claim.noRelation.group, ...(f.claim.noRelation.versus ? [f.claim.noRelation.versus] : []));
  return found;
}

function conditionProblems(codebook: Codebook, f: PrintedFigure): string[] {
  const problems: string[] = [];
  const check = (c: Condition): void => {
    if ("all" in c) return c.all.forEach(check);
    if ("any" in c) return c.any.forEach(check);
    if ("not" in c) return check(c.not);
    const question = codebook.questions.find((q) => q.id === c.q);
    if (!question || !question.appliesTo.includes(f.type))
      return void problems.push(`unknown question "${c.q}" for ${f.type}`);
    const codes = optionsFor(question, f.type).map((o) => o.code);
    for (const code of Array.isArray(c.is) ? c.is : [c.is])
      if (!codes.includes(code)) problems.push(`"${code}" is no option of ${c.q}`);
  };
  conditionsOf(f).forEach(check);
  const codesOf = (questionId: string) => {
    const q = codebook.questions.find((x) => x.id === questionId && x.appliesTo.includes(f.type));
    return q ? optionsFor(q, f.type).map((o) => o.code) : undefined;
  };
  if (f.measure && "options" in f.measure && !codesOf(f.measure.options))
    problems.push(`unknown question "${f.measure.options}" for ${f.type}`);
  const category = f.measure && "initiatives" in f.measure ? f.measure.initiatives.category : undefined;
  if (category !== undefined && !codesOf("initiatieven")?.includes(category))
    problems.push(`"${category}" is no option of initiatieven`);
  const orderClaim = f.claim && ("highest" in f.claim || "lowest" in f.claim) ? f.claim : undefined;
  if (orderClaim) {
    const question = codebook.questions.find((q) => q.id === orderClaim.of);
    const listed = "highest" in orderClaim ? orderClaim.highest : orderClaim.lowest;
    if (!question) problems.push(`unknown question "${orderClaim.of}"`);
    else
      for (const code of [...listed, ...(orderClaim.excluding ?? [])])
        if (!optionsFor(question, f.type).some((o) => o.code === code))
          problems.push(`"${code}" is no option of ${orderClaim.of}`);
  }
  return problems;
}
