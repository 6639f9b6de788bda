/** Renders a document's chart requests into numbered figures for its templates. */
import type { ChartRequest } from "./bijlage.ts";
import { renderChart, type Chart } from "./render.ts";

export interface Figure extends Chart {
  key: string;
  /** Anchor in the document: "figuur-3". */
  id: string;
  number: number;
  note: string;
  /**
   * Whether the document lists the figure's numbers in its table annex (the bijlage does; a fact sheet has no room).
   */
  annexTable: boolean;
}

export async function renderFigures(
  requests: ChartRequest[],
  options: { width?: number; annexTable: boolean; chartDir?: string },
): Promise<Figure[]> {
  const { width, annexTable, chartDir } = options;
  const figures: Figure[] = [];
  for (const [index, request] of requests.entries()) {
    const chart = await renderChart(request.spec, request.rows, {
      title: request.title,
      description: request.description,
      width,
      chartDir,
    });
    figures.push({ ...chart, key: request.key, id: `figuur-${index + 1}`, number: index + 1, note: "", annexTable });
  }
  return figures;
}

export const byKey = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.key, f]));
