/**
 * The model the bijlage templates read: per respondent type a summary of all answers, plus the
 * relations and rankings the text states in words. Every data-dependent word of the report is
 * decided here (a list, an order, whether "meestal" still holds), never in a template.
 */
import { question, type Codebook, type RespondentTypeCode, type RespondentTypeInfo } from "../model/codebook.ts";
import { respondentsOfType, type Respondent, type Survey } from "../model/survey.ts";
import type { Condition } from "./count.ts";
import { relation, RELATION_THRESHOLD_TENTHS, type MeasuredRelation } from "./relation.ts";
import { gemeenteClaims, HAS_SERVICE, type ReportClaim } from "./claims.ts";
import { countRespondents } from "./count.ts";
import { share, type Share, type Tally } from "./share.ts";
import { summarize, type GroupSummary } from "./summary.ts";

export interface DomainStat extends Tally {
  hard: boolean;
  /** Attention with and without an erkende integratiedienst (gemeenten only). */
  service: MeasuredRelation | null;
  /** Attention in urbanised VRIND classes against the others. */
  urbanisation: MeasuredRelation;
}

export interface DomainGroups {
  /** Strictly more than half of the respondents. */
  aboveHalf: DomainStat[];
  exactlyHalf: DomainStat[];
  belowHalf: DomainStat[];
  /** The lowest-ranked domains, as many as the codebook calls hard, smallest first. */
  least: DomainStat[];
  /** Do the least-attended domains coincide with the "traditioneel harde" ones? */
  leastAreHard: boolean;
  relatedToService: DomainStat[];
  unrelatedToService: DomainStat[];
  relatedToUrbanisation: DomainStat[];
  /** Domains for which the print gives no figure. */
  notPrinted: DomainStat[];
}

export interface Organisation {
  staff: Share;
  /** Respondents with both a competent staff member and a separate service, of all respondents. */
  staffAndService: Share;
  serviceWithoutStaff: Share;
  consultation: Share;
  /** Of the consultation structures, those alongside a staff member or a service, and those without. */
  consultationWithStaffOrService: Share;
  consultationWithoutStaffOrService: Share;
}

export interface ParticipationForm {
  form: Tally;
  /** Supplements (inspraak_aanvulling) named by respondents of this form, largest first. */
  supplements: Tally[];
}

export interface Support {
  /** Named sources, largest first, "andere" left out. */
  named: Tally[];
  other: Tally;
  /** True where "andere organisaties" outnumber every named source (the OCMW's in the print). */
  otherIsLargest: boolean;
}

export interface TypeReport extends GroupSummary {
  info: RespondentTypeInfo;
  response: Share;
  /** VRIND classes with at least one respondent, largest first. */
  vrindClasses: Tally[];
  urbanClasses: Tally[];
  domains: DomainStat[];
  domainGroups: DomainGroups;
  /** Erkende integratiediensten by VRIND class (gemeenten), largest first, empty classes left out. */
  servicesByClass: Tally[];
  /** Who filled in the form: the secretary, then the other services, largest first, "andere" last. */
  respondedBy: { secretary: Tally; others: Tally[] };
  organisation: Organisation;
  /** Inspraak forms in codebook order (gemeenten only). */
  participationForms: ParticipationForm[];
  support: Support;
  claims: Record<string, ReportClaim>;
}

export interface ReportModel {
  survey: Codebook["survey"];
  respondents: number;
  types: Record<RespondentTypeCode, TypeReport>;
  /** The difference that counts as a relation, printed in the report's note on method. */
  relationThresholdTenths: number;
  /** Claims of the print that the data no longer supports, for the build log. */
  failedClaims: ReportClaim[];
}

function urbanCondition(codebook: Codebook): Condition {
  return {
    q: "vrind",
    is: question(codebook, "vrind")
      .options.filter((o) => o.urban)
      .map((o) => o.code),
  };
}

function domainStats(codebook: Codebook, summary: GroupSummary, respondents: Respondent[]): DomainStat[] {
  const hard = new Set(
    question(codebook, "beleidsdomeinen")
      .options.filter((o) => o.hard)
      .map((o) => o.code),
  );
  const urban = urbanCondition(codebook);
  return summary.answers.beleidsdomeinen!.sorted.map((t) => {
    const attention: Condition = { q: "beleidsdomeinen", is: t.code };
    return {
      ...t,
      hard: hard.has(t.code),
      service: summary.type === "gemeente" ? relation(respondents, attention, HAS_SERVICE) : null,
      urbanisation: relation(respondents, attention, urban),
    };
  });
}

function domainGroups(domains: DomainStat[]): DomainGroups {
  const hardCount = domains.filter((d) => d.hard).length;
  const least = domains.slice(domains.length - hardCount).reverse();
  return {
    aboveHalf: domains.filter((d) => 2 * d.count > d.base),
    exactlyHalf: domains.filter((d) => 2 * d.count === d.base),
    belowHalf: domains.filter((d) => 2 * d.count < d.base),
    least,
    leastAreHard: hardCount > 0 && least.every((d) => d.hard),
    relatedToService: domains.filter((d) => d.service?.holds),
    unrelatedToService: domains.filter((d) => d.service && !d.service.holds),
    relatedToUrbanisation: domains.filter((d) => d.urbanisation.holds),
    notPrinted: domains.filter((d) => !d.printed),
  };
}

function organisation(respondents: Respondent[]): Organisation {
  const n = respondents.length;
  const staff: Condition = { q: "personeelslid", is: "ja" };
  const service: Condition = { q: "aparte_dienst", is: "ja" };
  const consultation: Condition = { q: "overlegstructuur", is: "ja" };
  const count = (c: Condition) => countRespondents(respondents, c);
  const consultations = count(consultation);
  return {
    staff: share(count(staff), n),
    staffAndService: share(count({ all: [staff, service] }), n),
    serviceWithoutStaff: share(count({ all: [service, { not: staff }] }), n),
    consultation: share(consultations, n),
    consultationWithStaffOrService: share(count({ all: [consultation, { any: [staff, service] }] }), consultations),
    consultationWithoutStaffOrService: share(
      count({ all: [consultation, { not: { any: [staff, service] } }] }),
      consultations,
    ),
  };
}

function participationForms(summary: GroupSummary, respondents: Respondent[]): ParticipationForm[] {
  const forms = summary.answers.inspraak_vorm;
  const supplements = summary.answers.inspraak_aanvulling;
  if (!forms || !supplements) return [];
  return forms.options.map((form) => {
    const ofForm = respondents.filter((r) => r.answers.inspraak_vorm === form.code);
    return {
      form,
      supplements: supplements.sorted
        .map((t) => ({
          ...t,
          ...share(ofForm.filter((r) => r.answers.inspraak_aanvulling === t.code).length, ofForm.length),
        }))
        .filter((t) => t.count > 0),
    };
  });
}

function support(summary: GroupSummary): Support {
  const sources = summary.answers.ondersteuning_bron!;
  const other = sources.of.andere!;
  const named = sources.present.filter((t) => t.code !== "andere");
  return { named, other, otherIsLargest: named.every((t) => t.count < other.count) };
}

function typeReport(codebook: Codebook, info: RespondentTypeInfo, respondents: Respondent[]): TypeReport {
  const summary = summarize(codebook, info.code, respondents);
  const domains = domainStats(codebook, summary, respondents);
  const groups = domainGroups(domains);
  const vrind = summary.answers.vrind!;
  const servicesByClass =
    info.code === "gemeente"
      ? vrind.sorted
          .map((t) => ({
            ...t,
            ...share(
              respondents.filter((r) => r.answers.vrind === t.code && r.answers.erkende_integratiedienst === "ja")
                .length,
              t.count,
            ),
          }))
          .filter((t) => t.count > 0)
          .sort((a, b) => b.count - a.count)
      : [];
  const responded = summary.answers.invuller!;
  const urbanCodes = new Set(
    question(codebook, "vrind")
      .options.filter((o) => o.urban)
      .map((o) => o.code),
  );
  const urbanClasses = vrind.options.filter((t) => urbanCodes.has(t.code));
  return {
    ...summary,
    info,
    response: share(respondents.length, info.selected),
    vrindClasses: vrind.sorted.filter((t) => t.count > 0),
    urbanClasses,
    domains,
    domainGroups: groups,
    servicesByClass,
    respondedBy: {
      secretary: responded.of.secretaris!,
      others: [
        ...responded.present.filter((t) => t.code !== "secretaris" && t.code !== "andere"),
        ...responded.present.filter((t) => t.code === "andere"),
      ],
    },
    organisation: organisation(respondents),
    participationForms: participationForms(summary, respondents),
    support: support(summary),
    claims:
      info.code === "gemeente"
        ? gemeenteClaims({ respondents, urban: urbanCondition(codebook), urbanClasses, ...groups })
        : {},
  };
}

export function buildReportModel(survey: Survey): ReportModel {
  const { codebook } = survey;
  const types = Object.fromEntries(
    codebook.respondentTypes.map((info) => [
      info.code,
      typeReport(codebook, info, respondentsOfType(survey, info.code)),
    ]),
  ) as Record<RespondentTypeCode, TypeReport>;
  return {
    survey: codebook.survey,
    respondents: survey.respondents.length,
    types,
    relationThresholdTenths: RELATION_THRESHOLD_TENTHS,
    failedClaims: Object.values(types).flatMap((t) => Object.values(t.claims).filter((c) => !c.holds)),
  };
}
