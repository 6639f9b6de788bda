/**
 * Which charts the bijlage shows and what each is drawn from: pure, from the report model. The
 * order of this list is the order of the figures in the document, and so their numbers.
 */
import type { ReportModel, TypeReport } from "../aggregate/report.ts";
import { fill } from "../format/fill.ts";
import type { SurveyInfo } from "../model/codebook.ts";
import type { ChartRow } from "./render.ts";

export interface ChartRequest {
  /** The name the templates use: {{> shared/chart charts.domainsGemeenten}}. */
  key: string;
  spec: string;
  rows: ChartRow[];
  title: string;
  description: string;
}

/**
 * The sentence that ends a chart's description: where its data
 * comes from, in the data folder's words for a reconstruction.
 */
export function dataSource(survey: SurveyInfo): string {
  const { fieldwork, reconstruction } = survey;
  return reconstruction
    ? fill(reconstruction.chartDescription, { fieldwork })
    : `Gegevens van de VVSG-enquête van ${fieldwork}.`;
}

function perType(model: ReportModel, make: (t: TypeReport, suffix: string) => ChartRequest): ChartRequest[] {
  return [make(model.types.gemeente, "Gemeenten"), make(model.types.ocmw, "Ocmws")];
}

export function bijlageCharts(model: ReportModel): ChartRequest[] {
  const plural = (t: TypeReport) => t.info.plural;
  const source = dataSource(model.survey);
  return [
    ...perType(model, (t, suffix) => ({
      key: `vrind${suffix}`,
      spec: "vrind-profile",
      rows: t.answers.vrind!.options.filter((o) => o.count > 0),
      title: `Deelnemende ${plural(t)} naar VRIND-klasse (n = ${t.n})`,
      description: `Aantal deelnemende ${plural(t)} per VRIND-klasse. ${source}`,
    })),
    ...perType(model, (t, suffix) => ({
      key: `domains${suffix}`,
      spec: "domains",
      rows: t.domains,
      title: `Aandacht voor etnisch-culturele diversiteit per beleidsdomein, ${plural(t)} (n = ${t.n})`,
      description:
        `Aandeel van de ${plural(t)} dat in elk beleidsdomein aandacht besteedt ` +
        `aan etnisch-culturele diversiteit. ${source}`,
    })),
    ...perType(model, (t, suffix) => ({
      key: `initiatives${suffix}`,
      spec: "initiative-categories",
      rows: t.initiatives.byCategory,
      title: `Prioritaire initiatieven 2009-2012 per categorie, ${plural(t)} (${t.initiatives.total} initiatieven)`,
      description: `Aantal prioritaire initiatieven van de ${plural(t)} per categorie. ${source}`,
    })),
    ...perType(model, (t, suffix) => ({
      key: `support${suffix}`,
      spec: "support-sources",
      rows: [...t.support.named, t.support.other],
      title: `Bronnen van ondersteuning, ${plural(t)} (n = ${t.n})`,
      description: `Aandeel van de ${plural(t)} dat ondersteuning zoekt bij elke bron. ${source}`,
    })),
  ];
}
