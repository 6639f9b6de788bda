/** The shape of data/codebook.json: what was asked, of whom, with which answer codes. */

export type RespondentTypeCode = "gemeente" | "ocmw";

export interface CodebookOption {
  code: string;
  label: string;
  /** Restricts an option to some respondent types; absent means all the question's types. */
  appliesTo?: RespondentTypeCode[];
  /** false where the printed bijlage gives no figure for this option and the data chose one. */
  printed?: boolean;
  note?: string;
  /** The label with its article, as it stands in a sentence ("het platteland"). */
  phrase?: string;
  /** VRIND classes the text counts as urbanised (2.1, 2.3). */
  urban?: boolean;
  /** Beleidsdomeinen the text calls "traditioneel hard" (2.3). */
  hard?: boolean;
}

export interface Condition {
  q: string;
  is: string | string[];
}

interface QuestionBase {
  id: string;
  /** CSV column, or column prefix for multiple and ranked questions. */
  column: string;
  /** A short Dutch name for tables and fact sheets. */
  label: string;
  section: string;
  text: string;
  appliesTo: RespondentTypeCode[];
  options: CodebookOption[];
  /** Asked only of respondents whose answer meets this condition; empty otherwise. */
  askedIf?: Condition;
  /** When asked, may the answer still be empty? Defaults to required. */
  required?: boolean;
}

export interface SingleQuestion extends QuestionBase {
  kind: "single";
}
/** One 0/1 column per option: `${column}_${code}`. */
export interface MultipleQuestion extends QuestionBase {
  kind: "multiple";
}
/**
 * Up to `ranks` items, each a category and a free-text description:
 * `${column}${rank}_categorie`, `${column}${rank}_omschrijving`.
 */
export interface RankedQuestion extends QuestionBase {
  kind: "ranked";
  ranks: number;
  /** The longest description, in characters, that a fact sheet has room for; longer ones are refused. */
  maxLength?: number;
}
export type Question = SingleQuestion | MultipleQuestion | RankedQuestion;

export interface RespondentTypeInfo {
  code: RespondentTypeCode;
  singular: string;
  plural: string;
  /** Its CSV file in the data folder; a workbook of the same name (.xlsx) may stand in its place. */
  file: string;
  /** The workbook's sheet to read; default the first. */
  sheet?: string;
  idPattern: string;
  /** How many of this type were invited. */
  selected: number;
}

/** Where the answers come from: a real survey, or a reconstruction made to reproduce a print. */
export type Provenance = "reconstructed" | "survey";
export const PROVENANCES: readonly Provenance[] = ["reconstructed", "survey"];

/**
 * What the documents say about a reconstruction, in the data folder's own words. A text may hold
 * placeholders in braces ({id}, {fieldwork}) that the template or chart fills in (src/format/fill.ts).
 */
export interface Reconstruction {
  /** A short name for the source lines, PDF subjects and keywords. */
  label: string;
  /** The cover's notice. */
  notice: string;
  /** The bijlage's HTML description, after its subtitle. */
  description: string;
  /** The paragraph on the about page: its bold lead and its text ({notPrinted}, {domains}). */
  heading: string;
  about: string;
  /** The mark's tooltip and the note under a table with options the print gave no figure for. */
  notPrintedMark: string;
  notPrintedNote: string;
  /** Under the table of initiatives, per respondent type code. */
  initiativeNote: Record<string, string>;
  /** Ends each chart's description ({fieldwork}). */
  chartDescription: string;
  /** Leads errata.md. */
  errata: string;
  /** The fact sheet's description, header line, and the lead and text of its note ({id}). */
  fiche: { description: string; facts: string; heading: string; about: string };
}

export interface SurveyInfo {
  title: string;
  subtitle: string;
  publisher: string;
  fieldwork: string;
  fieldworkDate: string;
  /** The PDF's keywords (a reconstruction adds its label). */
  keywords: string[];
  provenance: Provenance;
  /** Present for a reconstruction only: null when the provenance is "survey", whatever the file holds. */
  reconstruction: Reconstruction | null;
}

/** Optional columns that name a respondent: never in reconstructed data. */
export interface IdentityColumns {
  /** The name as printed ("Aalst"). */
  name: { column: string; text: string };
  /** The five-digit NIS code. */
  nis: { column: string; text: string };
}

export interface Codebook {
  survey: SurveyInfo;
  identity?: IdentityColumns;
  respondentTypes: RespondentTypeInfo[];
  questions: Question[];
}

/** The PDF keywords: the survey's own, and the reconstruction's label where it is one. */
export function keywords(survey: SurveyInfo): string[] {
  return survey.reconstruction ? [...survey.keywords, survey.reconstruction.label] : survey.keywords;
}

export function optionsFor(question: Question, type: RespondentTypeCode): CodebookOption[] {
  return question.options.filter((o) => !o.appliesTo || o.appliesTo.includes(type));
}

export function questionsFor(codebook: Codebook, type: RespondentTypeCode): Question[] {
  return codebook.questions.filter((q) => q.appliesTo.includes(type));
}

export function question(codebook: Codebook, id: string): Question {
  const found = codebook.questions.find((q) => q.id === id);
  if (!found) throw new Error(`codebook has no question "${id}"`);
  return found;
}

export function optionLabel(codebook: Codebook, questionId: string, code: string): string {
  const option = question(codebook, questionId).options.find((o) => o.code === code);
  if (!option) throw new Error(`codebook question "${questionId}" has no option "${code}"`);
  return option.label;
}

/** The CSV columns a respondent type's file must have, in codebook order. */
export function columnsFor(codebook: Codebook, type: RespondentTypeCode): string[] {
  const columns = ["id"];
  for (const q of questionsFor(codebook, type)) {
    if (q.kind === "single") columns.push(q.column);
    else if (q.kind === "multiple") for (const o of optionsFor(q, type)) columns.push(`${q.column}_${o.code}`);
    else
      for (let rank = 1; rank <= q.ranks; rank++)
        columns.push(`${q.column}${rank}_categorie`, `${q.column}${rank}_omschrijving`);
  }
  return columns;
}
