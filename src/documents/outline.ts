/**
 * A document's outline, declared beside its templates (templates/<document>/outline.json): each heading's
 * level and title, and the names of the other places a link can lead to. The templates print headings
 * through {{sectionHeading "id"}} (src/render/helpers.ts), which notes each one as printed: the table of contents,
 * the PDF outline and the links' descriptions are made from what was printed, never read back from HTML.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fill } from "../format/fill.ts";
import { escapeHtml } from "../render/escape.ts";
import type { Heading } from "../render/headings.ts";

interface DeclaredHeading {
  level: number;
  title: string;
  /** A number set apart before the title (the fact sheet's "2.4"), in its own slot. */
  number?: string;
  /** False for a heading the table of contents leaves out (its own). */
  toc?: boolean;
}

export interface OutlineDeclaration {
  /** The deepest level the table of contents lists. */
  tocLevels: number;
  headings: Record<string, DeclaredHeading>;
  /** Places a link leads to that are not headings, by element id: what they are called. */
  targets?: Record<string, string>;
  /** What a figure is called, from its number and title. */
  figure: string;
}

/** A heading as the template prints it: its title's HTML (values escaped), and as plain text for the outline. */
export interface PrintedHeading extends Heading {
  html: string;
  number?: string;
}

export const readOutlineDeclaration = async (templatesDir: string, document: "bijlage" | "fiche") =>
  JSON.parse(await readFile(join(templatesDir, document, "outline.json"), "utf8")) as OutlineDeclaration;

const escaped = (values: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(String(v))]));

/** One rendering of a document: the declaration with this document's values, and the headings printed so far. */
export class DocumentOutline {
  readonly printed: PrintedHeading[] = [];

  constructor(
    private readonly declaration: OutlineDeclaration,
    /** What the titles' placeholders stand for ({title}: the survey's title; {heading}: the sheet's). */
    private readonly values: Record<string, string | number>,
  ) {}

  /** Notes the heading `id` as printed and returns it; an undeclared id is a template error. */
  print(id: string): PrintedHeading {
    const declared = this.declaration.headings[id];
    if (!declared) throw new Error(`heading "${id}" is not declared in the document's outline.json`);
    const { level, title, number } = declared;
    const text = fill(title, this.values);
    const heading = {
      id,
      level,
      number,
      title: number ? `${number} ${text}` : text,
      html: fill(title, escaped(this.values)),
    };
    this.printed.push(heading);
    return heading;
  }

  /** The headings the table of contents lists, in the order they were printed. */
  tocHeadings(): Heading[] {
    return this.printed
      .filter((h) => h.level <= this.declaration.tocLevels && this.declaration.headings[h.id]!.toc !== false)
      .map(({ id, level, title }) => ({ id, level, title }));
  }

  /** What each place a link can lead to is called: headings by their title, figures and other targets as declared. */
  linkLabels(figures: readonly { id: string; number: number; title: string }[]): Map<string, string> {
    const labels = new Map(
      Object.entries(this.declaration.targets ?? {}).map(([id, label]) => [id, fill(label, this.values)]),
    );
    for (const figure of figures) labels.set(figure.id, fill(this.declaration.figure, { ...figure }));
    for (const heading of this.printed) labels.set(heading.id, heading.title);
    return labels;
  }
}
