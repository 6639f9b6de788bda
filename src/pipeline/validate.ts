/** `validate`: read and check the data, compare it with the printed edition, write nothing. */
import { buildReportModel } from "../aggregate/report.ts";
import { loadSurvey } from "../survey/index.ts";
import { respondentsOfType } from "../model/survey.ts";
import { reconcileSurvey } from "../documents/reconciliation.ts";
import * as msg from "../messages.ts";

export async function runValidate(dataDir: string): Promise<number> {
  const survey = await loadSurvey(dataDir);
  const counts = survey.codebook.respondentTypes.map((t) => `${respondentsOfType(survey, t.code).length} ${t.plural}`);
  console.log(msg.dataValid(dataDir, counts));
  for (const warning of survey.warnings ?? []) console.log(msg.dataWarning(warning));
  const { summary } = await reconcileSurvey(survey, dataDir);
  console.log(summary);
  for (const claim of buildReportModel(survey).failedClaims)
    console.log(msg.claimNoLongerHolds(claim.section, claim.statement));
  return 0;
}
