/**
 * The fact sheet's chart: per beleidsdomein the respondent's own answer beside the share of all
 * respondents of its type and of its VRIND peers (left out where the peer group is too small).
 */
import type { FactSheetModel } from "../aggregate/factsheet.ts";
import { dataSource, type ChartRequest } from "./bijlage.ts";
import type { ChartRow } from "./render.ts";

export function ficheCharts(sheet: FactSheetModel): ChartRequest[] {
  const rows: ChartRow[] = sheet.domainRows.flatMap((d) => [
    {
      label: d.label,
      count: d.own ? 1 : 0,
      base: 1,
      tenths: d.own ? 1000 : 0,
      series: sheet.header.label,
      subject: true,
    },
    { label: d.label, ...d.all, series: `alle ${sheet.all.label} (n = ${sheet.all.n})` },
    ...(d.peers ? [{ label: d.label, ...d.peers, series: `${sheet.peers.label} (n = ${sheet.peers.n})` }] : []),
  ]);
  return [
    {
      key: "domains",
      spec: "fiche-domains",
      rows,
      title:
        "Aandacht voor etnisch-culturele diversiteit per beleidsdomein: " +
        `${sheet.header.label} en vergelijkbare besturen`,
      description:
        `Per beleidsdomein het antwoord van ${sheet.header.label} en het aandeel van de ${sheet.all.label}` +
        `${sheet.peers.shown ? ` en van de ${sheet.peers.label}` : ""} dat er aandacht aan besteedt. ` +
        dataSource(sheet.header.survey),
    },
  ];
}
