/**
 * The bijlage: report model + reconciliation → charts → HTML → a PDF with a table of contents
 * whose page numbers are read back from the print.
 */
import type { ReportModel } from "../aggregate/report.ts";
import { bijlageCharts } from "../charts/bijlage.ts";
import { byKey, renderFigures, type Figure } from "../charts/figures.ts";
import type { ErratumRow } from "../reconcile/index.ts";
import type { Renderer } from "../render/templates.ts";
import type { DocumentMeta } from "./context.ts";
import type { TocEntry } from "../render/headings.ts";
import type { DocumentOutline } from "./outline.ts";

export interface BijlageInputs {
  model: ReportModel;
  figures: Figure[];
  errata: ErratumRow[];
}

export async function bijlageInputs(
  model: ReportModel,
  errata: ErratumRow[],
  chartDir: string,
): Promise<BijlageInputs> {
  return { model, figures: await renderFigures(bijlageCharts(model), { annexTable: true, chartDir }), errata };
}

export function renderBijlage(
  renderer: Renderer,
  inputs: BijlageInputs,
  meta: DocumentMeta,
  toc: TocEntry[],
  outline: DocumentOutline,
): string {
  const { model, figures, errata } = inputs;
  return renderer.render(
    "bijlage/document",
    {
      meta,
      report: model,
      g: model.types.gemeente,
      o: model.types.ocmw,
      charts: byKey(figures),
      chartList: figures,
      errata,
      toc,
      outline,
    },
    "bijlage.pdf",
  );
}
