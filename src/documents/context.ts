/**
 * What every build step shares: paths, the source date, the stylesheets and fonts, and the meta
 * block every document template reads (survey, settings, styles).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Codebook } from "../model/codebook.ts";
import { assetDirs, fontFaceCss, fontFiles } from "../assets/fonts.ts";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const templatesDir = join(projectRoot, "templates");

export interface ReportSettings {
  /** The number of the VRIND footnote: 109 in the print, where the bijlage sits in a book. */
  footnoteNumber: number;
  /** The number of the bijlage's first page in that book. */
  firstPage: number;
}

export async function readSettings(templates = templatesDir): Promise<ReportSettings> {
  return JSON.parse(await readFile(join(templates, "bijlage", "settings.json"), "utf8")) as ReportSettings;
}

/**
 * Where fonts live for the printer (file:// in node_modules), for the web copy (beside the HTML), and
 * for the web edition ("site", <out>/web/, with its responsive stylesheet and site navigation).
 */
export type FontTarget = "print" | "web" | "site";

/** The web copy's fonts are copied to <out>/assets/fonts/ under their own names. */
export const webFontPath = (path: string, root = "") => `${root}assets/fonts/${path.split("/").at(-1)}`;

/** A page of the web edition: `root` leads from its folder back to <out>/web/ ("" or "../"). */
export interface SitePage {
  root: string;
}

export interface DocumentMeta {
  survey: Codebook["survey"];
  settings: ReportSettings;
  fontCss: string;
  css: string;
  runningHeader: string;
  /** Set on the web edition's pages only: templates add its navigation and the charts' tables. */
  web: SitePage | null;
}

export async function documentMeta(
  codebook: Codebook,
  settings: ReportSettings,
  templates: string,
  stylesheets: string[],
  fonts: FontTarget,
  runningHeader: string,
  web: SitePage | null = null,
): Promise<DocumentMeta> {
  const css = (await Promise.all(stylesheets.map((s) => readFile(join(templates, "styles", s), "utf8")))).join("\n");
  const fontCss = fontFaceCss((path) => (fonts === "print" ? pathToFileURL(path).href : webFontPath(path, web?.root)));
  return { survey: codebook.survey, settings, fontCss, css, runningHeader, web };
}

/** The directories a printed page may read: the fonts, nothing else (styles are inlined). */
export function printAssetDirs(): string[] {
  return assetDirs();
}

export function fontsToCopy(): { from: string; to: string }[] {
  return fontFiles().map((f) => ({ from: f.path, to: webFontPath(f.path) }));
}
