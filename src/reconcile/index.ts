export { reconcile, RULES, type Erratum, type FigureCheck, type Reconciliation, type Rule } from "./reconcile.ts";
export { errataMarkdown, errataRows, summary, type ErrataMeta, type ErratumRow } from "./errata.ts";
export {
  parsePrintedFigures,
  type PrintedClaim,
  type FigureGroup,
  type Measure,
  type PrintedFigure,
  type PrintedFigures,
} from "./figures.ts";
export { loadPrintedFigures } from "./load.ts";
