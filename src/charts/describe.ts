/**
 * The words beside a chart, for readers who cannot see it: a sentence naming the extremes, and the
 * same numbers as a table. Both come from the rows, so they change when the data does.
 */
import { joinDutch } from "../format/list.ts";
import { capitalize, formatNumber } from "../format/number.ts";
import { shareLabel, type ChartDatum } from "./rows.ts";
import type { ChartMeta } from "./spec.ts";

export interface ChartTable {
  /** Headings; the first column holds the categories and works as row headers. */
  columns: string[];
  rows: string[][];
}

const categories = (datums: ChartDatum[]) => [...new Set(datums.map((d) => d.label))];
const comparedSeries = (datums: ChartDatum[]) => [...new Set(datums.filter((d) => !d.subject).map((d) => d.series))];

function countNoun(n: number, meta: ChartMeta): string {
  return `${formatNumber(n)} ${n === 1 ? meta.noun.singular : meta.noun.plural}`;
}

/** "hoogste aandeel a en b (61,4%), laagste aandeel c (7,1%)", ties named together. */
function extremes(datums: ChartDatum[]): string {
  const known = datums.filter((d) => d.tenths !== null);
  if (known.length === 0) return "geen gegevens";
  const tenths = known.map((d) => d.tenths!);
  const max = Math.max(...tenths);
  const min = Math.min(...tenths);
  const at = (t: number) => `${joinDutch(known.filter((d) => d.tenths === t).map((d) => d.label))} (${shareLabel(t)})`;
  if (known.length === 1) return at(max);
  if (max === min) return `overal hetzelfde aandeel (${shareLabel(max)})`;
  return `hoogste aandeel ${at(max)}, laagste aandeel ${at(min)}`;
}

export function altText(datums: ChartDatum[], meta: ChartMeta): string {
  const n = categories(datums).length;
  const series = comparedSeries(datums);
  if (series.length === 1 && series[0] === "" && !datums.some((d) => d.subject)) {
    return `Staafdiagram van ${countNoun(n, meta)}: ${extremes(datums)}.`;
  }
  const named = series.filter((s) => s !== "");
  const sentences = [`Staafdiagram van ${countNoun(n, meta)}${named.length ? ` voor ${joinDutch(named)}` : ""}.`];
  for (const s of series) {
    const ofSeries = extremes(datums.filter((d) => !d.subject && d.series === s));
    sentences.push(s ? `${capitalize(s)}: ${ofSeries}.` : `${capitalize(ofSeries)}.`);
  }
  const subjectRows = datums.filter((d) => d.subject);
  if (subjectRows.length && meta.subject) {
    const yes = subjectRows.filter((d) => d.count > 0).length;
    const noun = countNoun(subjectRows.length, meta);
    sentences.push(`${subjectRows[0]!.series} ${meta.subject.counted} ${formatNumber(yes)} van de ${noun}.`);
  }
  return sentences.join(" ");
}

export function dataTable(datums: ChartDatum[], meta: ChartMeta): ChartTable {
  const labels = categories(datums);
  const series = comparedSeries(datums);
  const subjects = [...new Set(datums.filter((d) => d.subject).map((d) => d.series))];
  if (series.length === 1 && subjects.length === 0) {
    return {
      columns: [meta.table.category, meta.table.count, meta.table.share],
      rows: datums.map((d) => [d.label, d.countLabel, d.shareLabel]),
    };
  }
  const cell = (label: string, series: string, subject: boolean) => {
    const d = datums.find((x) => x.label === label && x.series === series && x.subject === subject);
    if (!d) return "–";
    return subject ? d.answer : d.shareLabel;
  };
  return {
    columns: [meta.table.category, ...subjects, ...series],
    rows: labels.map((label) => [
      label,
      ...subjects.map((s) => cell(label, s, true)),
      ...series.map((s) => cell(label, s, false)),
    ]),
  };
}
