/**
 * Checks what a codebook says about its survey: where the data comes from and, for a reconstruction,
 * the sentences that say so. A reconstruction's texts reach the documents only when the provenance
 * is "reconstructed"; for a real survey they are dropped, whatever the file holds.
 */
import { DataError } from "../errors.ts";
import { PROVENANCES, type Codebook, type Reconstruction, type SurveyInfo } from "../model/codebook.ts";
import * as msg from "../messages.ts";

const TEXTS = [
  "label",
  "notice",
  "description",
  "heading",
  "about",
  "notPrintedMark",
  "notPrintedNote",
  "chartDescription",
  "errata",
];
const FICHE_TEXTS = ["description", "facts", "heading", "about"];

const isText = (value: unknown) => typeof value === "string" && value.trim() !== "";

function fail(file: string, field: string, problem: string, expected: string): DataError {
  return new DataError({ file, field, expected }, problem);
}

function checkReconstruction(file: string, value: unknown, types: string[]): Reconstruction {
  const block = (value ?? {}) as Record<string, unknown>;
  const fiche = (block.fiche ?? {}) as Record<string, unknown>;
  const notes = (block.initiativeNote ?? {}) as Record<string, unknown>;
  const missing = [
    ...TEXTS.filter((k) => !isText(block[k])),
    ...FICHE_TEXTS.filter((k) => !isText(fiche[k])).map((k) => `fiche.${k}`),
    ...types.filter((t) => !isText(notes[t])).map((t) => `initiativeNote.${t}`),
  ];
  if (missing.length > 0) {
    throw fail(
      file,
      `survey.reconstruction.${missing[0]}`,
      msg.reconstructionTextsMissing(),
      msg.expectReconstructionTexts(missing),
    );
  }
  return block as unknown as Reconstruction;
}

/** The codebook's survey block, checked; `reconstruction` is null unless the data is a reconstruction. */
export function checkSurveyInfo(file: string, codebook: Partial<Codebook>): SurveyInfo {
  const survey = (codebook.survey ?? {}) as Partial<SurveyInfo>;
  const provenance = survey.provenance as unknown;
  if (provenance === undefined)
    throw fail(
      file,
      "survey.provenance",
      msg.noProvenance(),
      `"provenance": "survey" in its "survey" block for a real survey's answers, ` +
        `or "provenance": "reconstructed" with a "reconstruction" block`,
    );
  if (!PROVENANCES.includes(provenance as SurveyInfo["provenance"]))
    throw new DataError(
      { file, field: "survey.provenance", value: String(provenance), expected: msg.expectProvenance() },
      msg.unknownProvenance(),
    );
  if (!Array.isArray(survey.keywords) || !survey.keywords.every(isText))
    throw fail(file, "survey.keywords", msg.noKeywords(), msg.expectKeywords());
  const types = (codebook.respondentTypes ?? []).map((t) => t.code);
  const reconstruction =
    provenance === "reconstructed" ? checkReconstruction(file, survey.reconstruction, types) : null;
  return { ...(survey as SurveyInfo), reconstruction };
}
