/**
 * Everything a document is made from, prepared once per build (or per preview reload): the
 * validated survey, the report model, the reconciliation, the templates and the figures. The build
 * prints from it; the preview serves its HTML.
 */
import { join } from "node:path";
import { buildReportModel, type ReportModel } from "../aggregate/report.ts";
import { buildFactSheet, factSheetGroups, type FactSheetGroups, type FactSheetModel } from "../aggregate/factsheet.ts";
import { ficheCharts } from "../charts/fiche.ts";
import { byKey, renderFigures } from "../charts/figures.ts";
import { loadSurvey } from "../survey/index.ts";
import type { Survey } from "../model/survey.ts";
import type { Renderer } from "../render/templates.ts";
import { bijlageInputs, renderBijlage, type BijlageInputs } from "./bijlage.ts";
import {
  documentMeta,
  readSettings,
  templatesDir as projectTemplates,
  type DocumentMeta,
  type FontTarget,
  type ReportSettings,
} from "./context.ts";
import { DocumentOutline, readOutlineDeclaration } from "./outline.ts";
import { reconcileSurvey, type ReconciliationOutput } from "./reconciliation.ts";
import { StageTimer } from "../timings.ts";
import type { TocEntry } from "../render/headings.ts";

/** A document's HTML, its outline as the templates printed it, and what a link's description needs of it. */
export interface RenderedDocument {
  html: string;
  outline: DocumentOutline;
  /** The places a link can lead to, by element id: what each is called. */
  linkLabels: Map<string, string>;
}

export interface PrepareOptions {
  dataDir: string;
  templatesDir?: string;
  timer?: StageTimer;
}

export interface Prepared {
  survey: Survey;
  model: ReportModel;
  reconciliation: ReconciliationOutput;
  /** The templates, compiled on first use: a build with nothing to print never loads Handlebars. */
  renderer(): Promise<Renderer>;
  settings: ReportSettings;
  groups: FactSheetGroups;
  templatesDir: string;
  runningHeader: string;
  bijlage(): Promise<BijlageInputs>;
  meta(kind: "bijlage" | "fiche", fonts: FontTarget): Promise<DocumentMeta>;
  /** The bijlage's HTML, and its outline as printed (headings, link targets). */
  bijlageHtml(fonts: FontTarget, toc: TocEntry[]): Promise<RenderedDocument>;
  ficheHtml(id: string, fonts: FontTarget): Promise<RenderedDocument & { sheet: FactSheetModel }>;
}

const STYLES = { bijlage: ["report.css"], fiche: ["report.css", "fiche.css"] };

export async function prepare(options: PrepareOptions): Promise<Prepared> {
  const timer = options.timer ?? new StageTimer();
  const templatesDir = options.templatesDir ?? projectTemplates;
  const survey = await loadSurvey(options.dataDir, { timer });
  const model = await timer.time("aggregate", () => buildReportModel(survey));
  const groups = await timer.time("aggregate", () => factSheetGroups(survey));
  const reconciliation = await reconcileSurvey(survey, options.dataDir);
  const settings = await readSettings(templatesDir);
  const outlines = {
    bijlage: await readOutlineDeclaration(templatesDir, "bijlage"),
    fiche: await readOutlineDeclaration(templatesDir, "fiche"),
  };
  const { title, subtitle } = survey.codebook.survey;
  const runningHeader = `${title} ${subtitle}`;
  const metas = new Map<string, Promise<DocumentMeta>>();
  let bijlage: Promise<BijlageInputs> | undefined;
  let renderer: Promise<Renderer> | undefined;
  const prepared: Prepared = {
    survey,
    model,
    reconciliation,
    renderer() {
      renderer ??= import("../render/templates.ts").then(({ createRenderer }) => createRenderer(templatesDir));
      return renderer;
    },
    settings,
    groups,
    templatesDir,
    runningHeader,
    bijlage() {
      bijlage ??= timer.time("charts", () => bijlageInputs(model, reconciliation.rows, join(templatesDir, "charts")));
      return bijlage;
    },
    meta(kind, fonts) {
      const key = `${kind}/${fonts}`;
      // The web edition's fact sheets sit one folder down, in web/fiches/.
      const site = fonts === "site" ? { root: kind === "fiche" ? "../" : "" } : null;
      const styles = site ? [...STYLES[kind], "web.css"] : STYLES[kind];
      if (!metas.has(key))
        metas.set(
          key,
          documentMeta(
            survey.codebook,
            settings,
            templatesDir,
            styles,
            fonts,
            kind === "bijlage" ? `${runningHeader} · Bijlage` : `${runningHeader} · Fiche`,
            site,
          ),
        );
      return metas.get(key)!;
    },
    async bijlageHtml(fonts, toc) {
      const inputs = await prepared.bijlage();
      const meta = await prepared.meta("bijlage", fonts);
      const templates = await prepared.renderer();
      const values = { title: survey.codebook.survey.title, footnoteNumber: settings.footnoteNumber };
      const outline = new DocumentOutline(outlines.bijlage, values);
      const html = await timer.time("templates", () => renderBijlage(templates, inputs, meta, toc, outline));
      return { html, outline, linkLabels: outline.linkLabels(inputs.figures) };
    },
    async ficheHtml(id, fonts) {
      const sheet = buildFactSheet(survey, id, groups);
      const figures = await timer.time("charts", () =>
        renderFigures(ficheCharts(sheet), { annexTable: false, chartDir: join(templatesDir, "charts") }),
      );
      const meta = await prepared.meta("fiche", fonts);
      const templates = await prepared.renderer();
      const outline = new DocumentOutline(outlines.fiche, { heading: sheet.header.title });
      const html = await timer.time("templates", () =>
        templates.render(
          "fiche/document",
          { meta, sheet, charts: byKey(figures), chartList: figures, outline },
          `fiches/${id}.pdf`,
        ),
      );
      return { html, sheet, outline, linkLabels: outline.linkLabels(figures) };
    },
  };
  return prepared;
}
