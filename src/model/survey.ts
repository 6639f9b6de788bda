/** The survey as it flows from validate to aggregate: typed respondents, read against the codebook. */
import type { Codebook } from "./codebook.ts";
import type { Answers, RespondentType } from "./survey.generated.ts";

export type * from "./survey.generated.ts";

export interface Respondent {
  /** The data's own id (G001, O007): a pseudonym in reconstructed data. */
  id: string;
  /** The name as printed and the NIS code, from the optional identity columns (never in reconstructed data). */
  name?: string;
  nis?: string;
  type: RespondentType;
  answers: Answers;
  /** Where the row stands, for messages that point back at the data. */
  source: { file: string; line: number };
}

export interface Survey {
  codebook: Codebook;
  respondents: Respondent[];
  /** What validation accepted after a change, one line each with file, line and column. */
  warnings?: string[];
}

/** The respondents of one type (gemeenten or OCMW's), in data order: what every figure of a type counts among. */
export const respondentsOfType = (survey: Survey, type: RespondentType): Respondent[] =>
  survey.respondents.filter((r) => r.type === type);
