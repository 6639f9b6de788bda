/**
 * The numbers the generator must hit, read from data/printed-figures.json (what the bijlage prints)
 * and data/assumptions.json (what it does not), so that no number is typed twice.
 */
import type { Condition } from "../../src/aggregate/count.ts";
import { optionsFor, question, type Codebook, type RespondentTypeCode } from "../../src/model/codebook.ts";
import type { PrintedFigure, PrintedFigures } from "../../src/reconcile/figures.ts";
import { nearestCount, percentToTenths } from "../../src/reconcile/share-rules.ts";

/** A value the print does not give: a count for an option of a question, or for respondents meeting a condition. */
export interface Assumption {
  id: string;
  type: RespondentTypeCode;
  question?: string;
  option?: string;
  respondents?: Condition;
  /** "rest": the respondents the print counts under no other option. */
  count: number | "rest";
  printed: false;
  reason: string;
}

export interface Assumptions {
  note: string;
  assumptions: Assumption[];
}

const isSimple = (c: Condition | "all"): c is { q: string; is: string } =>
  c !== "all" && "q" in c && typeof c.is === "string";

export class Targets {
  constructor(
    readonly codebook: Codebook,
    readonly printed: PrintedFigures,
    readonly assumptions: Assumptions,
  ) {}

  private byId(id: string): PrintedFigure {
    const figure = this.printed.figures.find((f) => f.id === id);
    if (!figure) throw new Error(`printed-figures.json has no figure "${id}"`);
    return figure;
  }

  /** How many respondents of the type took part. */
  respondents(type: RespondentTypeCode): number {
    const figure = this.printed.figures.find(
      (f) =>
        f.type === type &&
        f.measure &&
        "respondents" in f.measure &&
        f.measure.respondents === "all" &&
        f.count !== undefined,
    );
    if (!figure) throw new Error(`printed-figures.json gives no number of ${type} respondents`);
    return figure.count!;
  }

  /** A printed figure as a count of all respondents of its type: its count, or the count nearest its share. */
  private countOf(figure: PrintedFigure): number {
    if (figure.count !== undefined) return figure.count;
    if (figure.share !== undefined && (figure.base ?? "respondents") === "respondents")
      return nearestCount(percentToTenths(figure.share), this.respondents(figure.type));
    throw new Error(`figure "${figure.id}" gives no count of all respondents`);
  }

  /** A printed figure or an assumption by id, as a count. */
  count(id: string): number {
    const assumed = this.assumptions.assumptions.find((a) => a.id === id);
    if (assumed && typeof assumed.count === "number") return assumed.count;
    return this.countOf(this.byId(id));
  }

  /** The code a figure's measure requires of a question ("which inspraak form does this supplement go with?"). */
  codeIn(id: string, questionId: string): string {
    const measure = this.byId(id).measure;
    const conditions =
      measure && "respondents" in measure && measure.respondents !== "all"
        ? "all" in measure.respondents
          ? measure.respondents.all
          : [measure.respondents]
        : [];
    const found = conditions.find(
      (c): c is { q: string; is: string } => "q" in c && c.q === questionId && typeof c.is === "string",
    );
    if (!found) throw new Error(`figure "${id}" names no single code of ${questionId}`);
    return found.is;
  }

  /** The two groups a printed relation compares. */
  relationGroups(id: string): { group: Condition; versus: Condition } {
    const claim = this.byId(id).claim;
    if (!claim || !("relation" in claim)) throw new Error(`figure "${id}" claims no relation`);
    return { group: claim.relation.group, versus: claim.relation.versus ?? { not: claim.relation.group } };
  }

  /** Figures and assumptions that fix how many respondents (or initiatives) have each option of a question. */
  private explicit(type: RespondentTypeCode, questionId: string): Map<string, number | "rest"> {
    const found = new Map<string, number | "rest">();
    const set = (code: string, value: number | "rest", from: string) => {
      const before = found.get(code);
      if (before !== undefined && before !== value)
        throw new Error(`${type} ${questionId}=${code}: ${from} says ${value}, another source ${before}`);
      found.set(code, value);
    };
    for (const f of this.printed.figures) {
      if (
        f.type !== type ||
        !f.measure ||
        (f.base ?? "respondents") !== "respondents" ||
        (f.count === undefined && f.share === undefined)
      )
        continue;
      if ("respondents" in f.measure && isSimple(f.measure.respondents) && f.measure.respondents.q === questionId)
        set(f.measure.respondents.is, this.countOf(f), f.id);
      if (
        "initiatives" in f.measure &&
        f.measure.initiatives.category &&
        f.measure.initiatives.rank === undefined &&
        questionId === "initiatieven"
      )
        set(f.measure.initiatives.category, this.countOf(f), f.id);
    }
    for (const a of this.assumptions.assumptions)
      if (a.type === type && a.question === questionId && a.option !== undefined) set(a.option, a.count, a.id);
    return found;
  }

  /**
   * Count per option, in codebook order. Single questions get their "rest" (and a lone missing option) from the total.
   */
  marginals(type: RespondentTypeCode, questionId: string, total?: number): Map<string, number> {
    const q = question(this.codebook, questionId);
    const explicit = this.explicit(type, questionId);
    const codes = optionsFor(q, type).map((o) => o.code);
    const missing = codes.filter((c) => explicit.get(c) === undefined || explicit.get(c) === "rest");
    const result = new Map(
      codes.map((c) => [c, typeof explicit.get(c) === "number" ? (explicit.get(c) as number) : 0]),
    );
    if (q.kind === "multiple" || total === undefined) {
      if (missing.length > 0 && q.kind !== "single")
        throw new Error(`${type} ${questionId}: no count for ${missing.join(", ")}`);
      return result;
    }
    if (missing.length > 1) throw new Error(`${type} ${questionId}: no count for ${missing.join(", ")}`);
    const sum = [...result.values()].reduce((a, b) => a + b, 0);
    if (missing.length === 1) result.set(missing[0]!, total - sum);
    else if (sum !== total) throw new Error(`${type} ${questionId}: counts add up to ${sum}, not ${total}`);
    if (missing.length === 1 && total - sum < 0) throw new Error(`${type} ${questionId}: counts exceed ${total}`);
    return result;
  }

  /** Printed number of initiatives in all. */
  initiatives(type: RespondentTypeCode): number {
    const f = this.printed.figures.find(
      (x) =>
        x.type === type && x.measure && "initiatives" in x.measure && Object.keys(x.measure.initiatives).length === 0,
    );
    if (!f) throw new Error(`printed-figures.json gives no number of ${type} initiatives`);
    return this.countOf(f);
  }

  /** Printed initiatives per rank (1, 2, 3…). */
  ranks(type: RespondentTypeCode): number[] {
    const q = question(this.codebook, "initiatieven");
    if (q.kind !== "ranked") throw new Error("initiatieven is not a ranked question");
    return Array.from({ length: q.ranks }, (_, i) => {
      const f = this.printed.figures.find(
        (x) =>
          x.type === type &&
          x.measure &&
          "initiatives" in x.measure &&
          x.measure.initiatives.rank === i + 1 &&
          x.measure.initiatives.category === undefined,
      );
      if (!f) throw new Error(`printed-figures.json gives no number of ${type} initiatives of rank ${i + 1}`);
      return this.countOf(f);
    });
  }

  /** Printed options of a question that a claim (relation / noRelation) ties to a condition on another question. */
  claimedRelations(
    type: RespondentTypeCode,
    questionId: string,
    groupQuestion: string,
  ): { related: Set<string>; unrelated: Set<string> } {
    const related = new Set<string>();
    const unrelated = new Set<string>();
    for (const f of this.printed.figures) {
      if (
        f.type !== type ||
        !f.claim ||
        !f.measure ||
        !("respondents" in f.measure) ||
        !isSimple(f.measure.respondents) ||
        f.measure.respondents.q !== questionId
      )
        continue;
      const relation =
        "relation" in f.claim ? f.claim.relation : "noRelation" in f.claim ? f.claim.noRelation : undefined;
      if (!relation || !("q" in relation.group) || relation.group.q !== groupQuestion) continue;
      ("relation" in f.claim ? related : unrelated).add(f.measure.respondents.is);
    }
    return { related, unrelated };
  }
}
