/**
 * The web edition's own model and pages: the index of respondents (by type, then VRIND class, in the
 * codebook's order), the list of downloads, and the tables of a page put in boxes that scroll.
 */
import { textOf } from "../render/headings.ts";
import { escapeXml } from "../charts/svg.ts";
import { capitalize } from "../format/number.ts";
import { optionsFor, question, type Codebook } from "../model/codebook.ts";
import type { Respondent } from "../model/survey.ts";
import type { DataTable } from "./tables.ts";

/** A respondent in the index: its id, and its name where the data gives one. */
export interface IndexEntry {
  id: string;
  /** "Aalst (G001)" with a name, else the id. */
  label: string;
  /** What the filter's search box matches, in capitals. */
  search: string;
}

export interface ClassGroup {
  code: string;
  label: string;
  /** In id order. */
  members: IndexEntry[];
}

export interface TypeGroup {
  code: string;
  label: string;
  n: number;
  classes: ClassGroup[];
}

export interface SiteIndex {
  types: TypeGroup[];
  /** Every VRIND class that has respondents, for the filter. */
  classes: { code: string; label: string }[];
  /** Whether the data names its respondents (then the search box also finds names). */
  named: boolean;
}

function indexEntry(r: Respondent): IndexEntry & { vrind: string } {
  const label = r.name ? `${r.name} (${r.id})` : r.id;
  return { id: r.id, label, search: [r.id, r.name ?? ""].join(" ").toUpperCase(), vrind: r.answers.vrind };
}

export function siteIndex(codebook: Codebook, respondents: Respondent[]): SiteIndex {
  const vrind = question(codebook, "vrind");
  const types = codebook.respondentTypes.map((type) => {
    const ofType = respondents
      .filter((r) => r.type === type.code)
      .map(indexEntry)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const classes = optionsFor(vrind, type.code)
      .map((o) => ({
        code: o.code,
        label: o.label,
        members: ofType.filter((r) => r.vrind === o.code).map(({ id, label, search }) => ({ id, label, search })),
      }))
      .filter((c) => c.members.length > 0);
    return { code: type.code, label: capitalize(type.plural), n: ofType.length, classes };
  });
  const used = new Set(types.flatMap((t) => t.classes.map((c) => c.code)));
  return {
    types,
    classes: vrind.options.filter((o) => used.has(o.code)).map((o) => ({ code: o.code, label: o.label })),
    named: respondents.some((r) => r.name !== undefined),
  };
}

/** Where a table's downloads stand in web/. */
export const downloadPaths = (id: string) => ({ excel: `data/excel/${id}.csv`, plain: `data/csv/${id}.csv` });

export interface Download {
  id: string;
  caption: string;
  excel: string;
  plain: string;
}

export const downloadsOf = (tables: DataTable[]): Download[] =>
  tables.map((t) => ({ id: t.id, caption: t.caption, ...downloadPaths(t.id) }));

/**
 * Each table in a box of its own that scrolls sideways on a narrow screen, focusable so a keyboard
 * can scroll it and named by its caption. The print has no use for the box, so only the web edition
 * gets it.
 */
export function withScrollingTables(html: string): string {
  return html.replace(/<table\b[\s\S]*?<\/table>/g, (table) => {
    const caption = textOf(/<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? "");
    return `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeXml(caption)}">${table}</div>`;
  });
}
