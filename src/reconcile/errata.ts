/** The reconciliation for readers: errata.md (Dutch), the errata table of the PDF, and a summary for `validate`. */
import type { Codebook } from "../model/codebook.ts";
import { RULES, type Erratum, type Reconciliation, type Rule } from "./reconcile.ts";

export type ErrataMeta = Pick<Codebook["survey"], "title" | "subtitle" | "fieldwork" | "reconstruction">;

/** Errata in the order of the text: by the first figure of their section, then as found. */
function inTextOrder(rec: Reconciliation): Erratum[] {
  const sections = [...new Set(rec.checks.map((c) => c.figure.section))];
  const position = (e: Erratum) => {
    const i = sections.indexOf(e.section);
    return i < 0 ? sections.length : i;
  };
  return rec.errata
    .map((e, i) => ({ e, i }))
    .sort((a, b) => position(a.e) - position(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** One line of the errata table in the PDF; the full reasoning stands in errata.md. */
export interface ErratumRow {
  section: string;
  printed: string;
  correct: string;
  why: string;
}

export function errataRows(rec: Reconciliation): ErratumRow[] {
  return inTextOrder(rec).map(({ section, printed, correct, why }) => ({ section, printed, correct, why }));
}

function countsByRule(rec: Reconciliation): [Rule, number][] {
  const counts = new Map<Rule, number>();
  for (const e of rec.errata) counts.set(e.rule, (counts.get(e.rule) ?? 0) + 1);
  return (Object.keys(RULES) as Rule[]).filter((r) => counts.has(r)).map((r) => [r, counts.get(r)!]);
}

const matching = (rec: Reconciliation) => rec.checks.filter((c) => c.errata.length === 0).length;

export function summary(rec: Reconciliation): string {
  const rules = countsByRule(rec)
    .map(([rule, n]) => `${n} ${rule}`)
    .join(", ");
  const groupErrata = rec.groups.filter((g) => g.errata.length > 0).length;
  return (
    `Reconciliation with the printed bijlage: ${rec.checks.length} printed figures and claims checked, ` +
    `${matching(rec)} agree with the data; ` +
    `${rec.groups.length} sums checked, ${groupErrata} do not add up. ` +
    (rec.errata.length === 0 ? "No errata." : `${rec.errata.length} errata: ${rules}.`)
  );
}

const inline = (text: string) => text.replace(/\s+/g, " ").trim();

export function errataMarkdown(rec: Reconciliation, meta: ErrataMeta): string {
  const lines = [
    "# Errata bij de gedrukte bijlage",
    "",
    `*${meta.title} ${meta.subtitle}* (enquête van ${meta.fieldwork})`,
    "",
    ...(meta.reconstruction ? [`> ${meta.reconstruction.errata}`, ""] : []),
    `${rec.checks.length} gedrukte cijfers en uitspraken en ${rec.groups.length} optellingen nagekeken; ` +
      `${matching(rec)} cijfers en uitspraken kloppen met de gegevens. ` +
      (rec.errata.length === 0 ? "Geen errata." : `${rec.errata.length} errata:`),
    "",
    ...countsByRule(rec).map(([rule, n]) => `- ${RULES[rule]}: ${n}`),
  ];
  for (const e of inTextOrder(rec)) {
    lines.push(
      "",
      `## ${e.section} · ${RULES[e.rule]}`,
      "",
      `> ${inline(e.quote)}`,
      "",
      `- Gedrukt: ${e.printed}`,
      `- Juist: ${e.correct}`,
      `- Waarom: ${e.why}`,
      `- Cijfer: \`${e.id}\` (regel \`${e.rule}\`)`,
    );
  }
  return lines.join("\n") + "\n";
}
