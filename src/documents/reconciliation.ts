/**
 * The reconciliation of a data set with its printed edition, when the data folder has one
 * (printed-figures.json): the errata rows for the PDF and errata.md. A data folder without it (a
 * new wave, a test fixture) has no printed edition to answer to.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { Survey } from "../model/survey.ts";
import {
  errataMarkdown,
  errataRows,
  loadPrintedFigures,
  reconcile,
  summary,
  type ErratumRow,
  type Reconciliation,
} from "../reconcile/index.ts";
import * as msg from "../messages.ts";

export const PRINTED_FIGURES = "printed-figures.json";

export interface ReconciliationOutput {
  reconciliation: Reconciliation | undefined;
  rows: ErratumRow[];
  markdown: string;
  summary: string;
}

export async function reconcileSurvey(survey: Survey, dataDir: string): Promise<ReconciliationOutput> {
  const path = join(dataDir, PRINTED_FIGURES);
  const present = await access(path).then(
    () => true,
    () => false,
  );
  if (!present) {
    // errata.md is an output: it must not depend on where the data folder happens to lie.
    return {
      reconciliation: undefined,
      rows: [],
      markdown: `# Errata\n\n${msg.noPrintedEdition(PRINTED_FIGURES, "the data folder")}\n`,
      summary: msg.noPrintedEdition(PRINTED_FIGURES, dataDir),
    };
  }
  const reconciliation = reconcile(survey, await loadPrintedFigures(survey.codebook, path));
  return {
    reconciliation,
    rows: errataRows(reconciliation),
    markdown: errataMarkdown(reconciliation, survey.codebook.survey),
    summary: summary(reconciliation),
  };
}
