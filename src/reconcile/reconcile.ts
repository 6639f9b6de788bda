/**
 * Compares every printed figure and claim with the data. Errata are found by rules on the numbers,
 * never listed by hand: after a correction of the data every changed figure shows up here.
 */
import { formatNumber, formatPercent, formatTenths, shareTenths } from "../format/number.ts";
import { optionLabel } from "../model/codebook.ts";
import { respondentsOfType, type Survey } from "../model/survey.ts";
import type { FigureGroup, PrintedFigure, PrintedFigures } from "./figures.ts";
import { compute, orderOf, relationOf, type Computed } from "./measure.ts";
import { judgeShare, nearestCount, percentToTenths } from "./share-rules.ts";

export const RULES = {
  "impossible-share": "aandeel dat geen enkel aantal geeft",
  "count-share-mismatch": "aantal en aandeel spreken elkaar tegen",
  "truncated-share": "afgekapt in plaats van afgerond",
  "parts-sum": "delen tellen niet op tot het geheel",
  "share-without-percent": "aandeel zonder procentteken",
  wording: "bewoording past niet bij het gedrukte cijfer",
  data: "gegevens wijken af van de druk",
} as const;
export type Rule = keyof typeof RULES;

export interface Erratum {
  /** Figure or group id in data/printed-figures.json. */
  id: string;
  section: string;
  quote: string;
  rule: Rule;
  printed: string;
  correct: string;
  /** One Dutch sentence. */
  why: string;
}

export interface FigureCheck {
  figure: PrintedFigure;
  computed: Computed | null;
  errata: Erratum[];
}

export interface Reconciliation {
  checks: FigureCheck[];
  groups: { group: FigureGroup; errata: Erratum[] }[];
  errata: Erratum[];
}

const pct = (tenths: number) => `${formatTenths(tenths)}%`;
const countAndShare = (count: number, base: number) => `${formatNumber(count)} (${formatPercent(count, base)})`;
/** The exact share to two decimals, cut off, to show why rounding goes one way: 56,45…%. */
const exact = (count: number, base: number) => {
  const hundredths = Math.floor((10000 * count) / base);
  return `${formatNumber(Math.floor(hundredths / 100))},${String(hundredths % 100).padStart(2, "0")}`;
};

/** The counts whose shares lie just below and above a share no count gives: "14 van 70 is 20%, 15 van 70 is 21,4%". */
function neighbours(tenths: number, base: number): string {
  let below = 0;
  while (below < base && shareTenths(below + 1, base) < tenths) below++;
  return [below, below + 1]
    .filter((k) => k <= base)
    .map((k) => `${formatNumber(k)} van ${formatNumber(base)} is ${formatPercent(k, base)}`)
    .join(", ");
}

function shareErrata(
  figure: PrintedFigure,
  computed: Computed,
  erratum: (rule: Rule, printed: string, correct: string, why: string) => Erratum,
): Erratum[] {
  const found: Erratum[] = [];
  const printed = percentToTenths(figure.share!);
  const { base } = computed;
  const written = formatTenths(printed);
  if (!figure.quote.includes(`${written}%`) && !figure.quote.includes(`${written} %`)) {
    found.push(
      erratum(
        "share-without-percent",
        written,
        pct(printed),
        `Het aandeel ${written} staat zonder procentteken in de tekst.`,
      ),
    );
  }
  const count = figure.count ?? computed.count;
  const verdict = judgeShare(printed, count, base);
  if (verdict.kind === "rounded") return found;
  if (verdict.kind === "truncated") {
    found.push(
      erratum(
        "truncated-share",
        pct(printed),
        pct(verdict.roundedTenths),
        `${formatNumber(count)} van ${formatNumber(base)} is ${exact(count, base)}…%: ` +
          `naar boven afgerond zoals elders in de tekst is dat ${pct(verdict.roundedTenths)}, niet ${pct(printed)}.`,
      ),
    );
  } else if (figure.count !== undefined) {
    const belongs =
      verdict.kind === "other-count"
        ? `${pct(printed)} hoort bij ${verdict.counts.map(formatNumber).join(" of ")} van ${formatNumber(base)}, ` +
          `niet bij ${formatNumber(figure.count)}`
        : `${pct(printed)} is geen aandeel van ${formatNumber(base)} (${neighbours(printed, base)})`;
    found.push(
      erratum(
        "count-share-mismatch",
        `${formatNumber(figure.count)} (${pct(printed)})`,
        countAndShare(figure.count, base),
        `${belongs}; ${formatNumber(figure.count)} van ${formatNumber(base)} is ${formatPercent(figure.count, base)}.`,
      ),
    );
  } else if (verdict.kind === "impossible") {
    found.push(
      erratum(
        "impossible-share",
        pct(printed),
        formatPercent(count, base),
        `Geen aantal van ${formatNumber(base)} geeft ${pct(printed)} (${neighbours(printed, base)}); ` +
          `de gegevens tellen ${countAndShare(count, base)}.`,
      ),
    );
  } else {
    found.push(
      erratum(
        "data",
        `${pct(printed)} (${verdict.counts.map(formatNumber).join(" of ")} van ${formatNumber(base)})`,
        countAndShare(count, base),
        `De gegevens tellen ${formatNumber(count)} van ${formatNumber(base)}, ` +
          `de druk gaat uit van ${verdict.counts.map(formatNumber).join(" of ")}.`,
      ),
    );
  }
  return found;
}

const thresholdWords = (percent: number, above: boolean) =>
  percent === 50
    ? above
      ? "meer dan de helft"
      : "minder dan de helft"
    : `${above ? "meer" : "minder"} dan ${formatNumber(percent)}%`;

function claimErrata(
  survey: Survey,
  figure: PrintedFigure,
  computed: Computed | null,
  erratum: (rule: Rule, printed: string, correct: string, why: string) => Erratum,
): Erratum[] {
  const claim = figure.claim!;
  if ("above" in claim || "below" in claim) {
    const above = "above" in claim;
    const limit = above ? claim.above : claim.below;
    const words = thresholdWords(limit, above);
    const holdsFor = (tenths: number) => (above ? tenths > 10 * limit : tenths < 10 * limit);
    const exactHolds = (c: Computed) => (above ? 100 * c.count > limit * c.base : 100 * c.count < limit * c.base);
    if (figure.share !== undefined && !holdsFor(percentToTenths(figure.share))) {
      const printed = pct(percentToTenths(figure.share));
      const half =
        computed && 2 * computed.count === computed.base
          ? `: ${formatNumber(computed.count)} van ${formatNumber(computed.base)} is precies de helft`
          : "";
      return [
        erratum(
          "wording",
          `${words} (${printed})`,
          computed
            ? `${formatNumber(computed.count)} van ${formatNumber(computed.base)} ` +
                `(${formatPercent(computed.count, computed.base)})`
            : printed,
          `"${words}" past niet bij ${printed}${half}.`,
        ),
      ];
    }
    if (computed && !exactHolds(computed)) {
      return [
        erratum(
          "data",
          words,
          `${formatNumber(computed.count)} van ${formatNumber(computed.base)} ` +
            `(${formatPercent(computed.count, computed.base)})`,
          `Volgens de gegevens is het ${formatNumber(computed.count)} van ${formatNumber(computed.base)}, ` +
            `niet ${words}.`,
        ),
      ];
    }
    return [];
  }
  if ("relation" in claim || "noRelation" in claim) {
    const relation = "relation" in claim ? claim.relation : claim.noRelation;
    const outcome =
      figure.measure && "respondents" in figure.measure && figure.measure.respondents !== "all"
        ? figure.measure.respondents
        : { all: [] };
    const result = relationOf(survey, figure.type, outcome, relation);
    const difference = result.differenceTenths;
    const holds =
      "relation" in claim ? difference > 0 && difference >= 10 * relation.points : difference < 10 * relation.points;
    if (holds) return [];
    const shares =
      `${formatPercent(result.inGroup.count, result.inGroup.base || 1)} tegenover ` +
      formatPercent(result.outGroup.count, result.outGroup.base || 1);
    const expected =
      "relation" in claim
        ? `minstens ${formatNumber(relation.points)} procentpunt verschil`
        : `minder dan ${formatNumber(relation.points)} procentpunt verschil`;
    return [
      erratum(
        "data",
        expected,
        `${shares} (${formatTenths(difference)} procentpunt)`,
        `Volgens de gegevens is het verschil ${formatTenths(difference)} procentpunt (${shares}), ` +
          "wat de uitspraak niet draagt.",
      ),
    ];
  }
  const order = orderOf(survey, figure.type, claim);
  if (order.holds) return [];
  const label = (code: string) => optionLabel(survey.codebook, claim.of, code);
  const side = "highest" in claim ? "hoogst" : "laagst";
  const list = (xs: [string, number][]) => xs.map(([code, n]) => `${label(code)} ${formatNumber(n)}`).join(", ");
  const sorted = [...order.listed, ...order.others].sort((a, b) => ("highest" in claim ? b[1] - a[1] : a[1] - b[1]));
  return [
    erratum(
      "data",
      `${order.listed.map(([c]) => label(c)).join(", ")} het ${side}`,
      list(sorted.slice(0, order.listed.length)),
      `Volgens de gegevens scoren niet ${order.listed.map(([c]) => label(c)).join(", ")} het ${side}: ` +
        `${list(order.listed)} tegenover ${list(order.others)}.`,
    ),
  ];
}

function checkFigure(survey: Survey, figures: Map<string, PrintedFigure>, figure: PrintedFigure): FigureCheck {
  const computed = compute(survey, figures, figure);
  const erratum = (rule: Rule, printed: string, correct: string, why: string): Erratum => ({
    id: figure.id,
    section: figure.section,
    quote: figure.quote,
    rule,
    printed,
    correct,
    why,
  });
  const errata: Erratum[] = [];
  if (computed && figure.count !== undefined && figure.count !== computed.count) {
    errata.push(
      erratum(
        "data",
        formatNumber(figure.count),
        figure.share !== undefined ? countAndShare(computed.count, computed.base) : formatNumber(computed.count),
        `De gegevens tellen ${formatNumber(computed.count)}, de druk ${formatNumber(figure.count)}.`,
      ),
    );
  }
  if (computed && figure.share !== undefined) errata.push(...shareErrata(figure, computed, erratum));
  if (figure.claim) errata.push(...claimErrata(survey, figure, computed, erratum));
  return { figure, computed, errata };
}

/** A printed figure's value as a count: the count itself, or the count nearest its share. */
function printedCount(figure: PrintedFigure, computed: Computed | null): number | undefined {
  if (figure.count !== undefined) return figure.count;
  if (figure.share !== undefined && computed) return nearestCount(percentToTenths(figure.share), computed.base);
  return undefined;
}

function checkGroup(survey: Survey, group: FigureGroup, checks: Map<string, FigureCheck>): Erratum[] {
  const whole = checks.get(group.whole)!;
  const parts = group.parts.map((id) => checks.get(id)!);
  const partCounts = parts.map((p) => printedCount(p.figure, p.computed));
  const wholeCount = printedCount(whole.figure, whole.computed);
  if (wholeCount === undefined || partCounts.some((c) => c === undefined)) return [];
  const sum = (partCounts as number[]).reduce((a, b) => a + b, 0);
  if (sum === wholeCount) return [];
  const missing = missingOptions(
    survey,
    parts.map((p) => p.figure),
    whole,
  );
  return [
    {
      id: group.id,
      section: whole.figure.section,
      quote: parts
        .map((p) => p.figure.quote)
        .filter((q, i, all) => all.indexOf(q) === i)
        .join(" … "),
      rule: "parts-sum",
      printed: `${(partCounts as number[]).map(formatNumber).join(" + ")} = ${formatNumber(sum)}`,
      correct: formatNumber(wholeCount),
      why:
        `De delen tellen samen ${formatNumber(sum)}, niet ${formatNumber(wholeCount)}` +
        `${missing ? `; in de gegevens staan de overige bij ${missing}` : ""}.`,
    },
  ];
}

/** Where the parts are options of one question, the options the print leaves out and their counts in the data. */
function missingOptions(survey: Survey, parts: PrintedFigure[], whole: FigureCheck): string | undefined {
  const conditions = parts.map((p) => (p.measure && "respondents" in p.measure ? p.measure.respondents : undefined));
  const single = conditions.every((c) => c !== undefined && c !== "all" && "q" in c && typeof c.is === "string");
  if (!single) return undefined;
  const q = (conditions[0] as { q: string }).q;
  if (!conditions.every((c) => (c as { q: string }).q === q)) return undefined;
  const named = new Set(conditions.map((c) => (c as { is: string }).is));
  const counts = respondentsOfType(survey, whole.figure.type).reduce((m, r) => {
    const answer = (r.answers as unknown as Record<string, unknown>)[q];
    if (typeof answer === "string" && !named.has(answer)) m.set(answer, (m.get(answer) ?? 0) + 1);
    return m;
  }, new Map<string, number>());
  if (counts.size === 0) return undefined;
  return [...counts].map(([code, n]) => `${optionLabel(survey.codebook, q, code)} (${formatNumber(n)})`).join(", ");
}

export function reconcile(survey: Survey, printed: PrintedFigures): Reconciliation {
  const figures = new Map(printed.figures.map((f) => [f.id, f]));
  const checks = printed.figures.map((f) => checkFigure(survey, figures, f));
  const byId = new Map(checks.map((c) => [c.figure.id, c]));
  const groups = printed.groups.map((group) => ({ group, errata: checkGroup(survey, group, byId) }));
  return { checks, groups, errata: [...checks.flatMap((c) => c.errata), ...groups.flatMap((g) => g.errata)] };
}
