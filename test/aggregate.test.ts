/**
 * The bijlage's model (src/aggregate) against figures counted straight from the CSV rows of a fixture:
 * 20 gemeenten and 12 OCMW's taken from the reconstructed data (every third and every fifth row). The
 * counts here read the columns as a reader of the data would, without the project's loader or model;
 * the codebook only says which columns and options there are.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildReportModel, type TypeReport } from "../src/aggregate/report.ts";
import { relation } from "../src/aggregate/relation.ts";
import { formatShare, share } from "../src/aggregate/share.ts";
import { loadSurvey } from "../src/survey/index.ts";
import { optionsFor, type Question, type RespondentTypeCode } from "../src/model/codebook.ts";
import type { Respondent, Survey } from "../src/model/survey.ts";

type Row = Record<string, string>;
const dir = new URL("fixtures/aggregate/", import.meta.url).pathname;
const rowsOf = (file: string) => parse(readFileSync(dir + file), { columns: true }) as Row[];
const ROWS: Record<RespondentTypeCode, Row[]> = { gemeente: rowsOf("gemeenten.csv"), ocmw: rowsOf("ocmws.csv") };
const G = ROWS.gemeente;

const survey = await loadSurvey(dir);
const { codebook } = survey;
/**
 * Built inside each test, never once for the file: Stryker switches a mutant on only while tests run,
 * so a model built while the file loads would never show it.
 */
const model = () => buildReportModel(survey);
const TYPES = ["gemeente", "ocmw"] as const;

/** count of base in tenths of a percent, half up: 1000·count/base is exact where it ends in a half. */
const tenths = (count: number, base: number) => Math.round((1000 * count) / base);
const shareOf = (count: number, base: number) => ({ count, base, tenths: base > 0 ? tenths(count, base) : null });
/** As the report prints a share: "71,4%", "10%". */
const pct = (s: { count: number; base: number }) =>
  `${(tenths(s.count, s.base) / 10).toFixed(1).replace(".", ",").replace(/,0$/, "")}%`;
const count = (rows: Row[], test: (r: Row) => boolean) => rows.filter(test).length;
const both = (a: (r: Row) => boolean, b: (r: Row) => boolean) => (r: Row) => a(r) && b(r);
const not = (a: (r: Row) => boolean) => (r: Row) => !a(r);
const is = (column: string, value: string) => (r: Row) => r[column] === value;
const yes = (column: string) => is(column, "ja");
/** Larger count first, ties in the order given (Array.prototype.sort is stable). */
const largestFirst = <T extends { count: number }>(xs: T[]) => [...xs].sort((a, b) => b.count - a.count);

const questions = (type: RespondentTypeCode, kind: Question["kind"]) =>
  codebook.questions.filter((q) => q.kind === kind && q.appliesTo.includes(type));
const codes = (q: Question, type: RespondentTypeCode) => optionsFor(q, type).map((o) => o.code);
/** A multiple question has a 0/1 column per option: domein_cultuur, bron_vvsg. */
const tickColumn = (q: Question, code: string) => `${q.column}_${code}`;
const asked = (q: Question) => (r: Row) => !q.askedIf || ("q" in q.askedIf && r[q.askedIf.q] === q.askedIf.is);
const question = (id: string) => codebook.questions.find((q) => q.id === id)!;
const URBAN = question("vrind")
  .options.filter((o) => o.urban)
  .map((o) => o.code);
const urban = (r: Row) => URBAN.includes(r.vrind!);

describe("what each type answered (summary)", () => {
  it.each(TYPES)("counts every option of every single question among all %s respondents", (type) => {
    const rows = ROWS[type];
    const report = model().types[type];
    expect(report.n).toBe(rows.length);
    for (const q of questions(type, "single")) {
      const d = report.answers[q.id]!;
      for (const code of codes(q, type))
        expect(d.of[code], `${q.id}=${code}`).toMatchObject(shareOf(count(rows, is(q.column, code)), rows.length));
      expect(d.asked, q.id).toBe(count(rows, asked(q)));
      expect(d.answered, q.id).toBe(count(rows, (r) => codes(q, type).includes(r[q.column]!)));
    }
  });

  it.each(TYPES)("counts the ticks of every multiple question among all %s respondents", (type) => {
    const rows = ROWS[type];
    const { answers } = model().types[type];
    for (const q of questions(type, "multiple")) {
      const d = answers[q.id]!;
      for (const code of codes(q, type))
        expect(d.of[code], code).toMatchObject(shareOf(count(rows, is(tickColumn(q, code), "1")), rows.length));
      expect(d.asked, q.id).toBe(count(rows, asked(q)));
      expect(d.answered, q.id).toBe(count(rows, (r) => codes(q, type).some((code) => r[tickColumn(q, code)] === "1")));
    }
  });

  it.each(TYPES)(
    "lists the options of a %s question largest first, ties in codebook order, and those chosen at all",
    (type) => {
      const { answers } = model().types[type];
      for (const q of [...questions(type, "single"), ...questions(type, "multiple")]) {
        const d = answers[q.id]!;
        expect(d.options.map((t) => t.code)).toEqual(codes(q, type));
        expect(
          d.sorted.map((t) => t.code),
          q.id,
        ).toEqual(largestFirst(d.options).map((t) => t.code));
        expect(
          d.present.map((t) => t.code),
          q.id,
        ).toEqual(
          largestFirst(d.options)
            .filter((t) => t.count > 0)
            .map((t) => t.code),
        );
      }
    },
  );

  it.each(TYPES)(
    "labels each %s option as the codebook does, with the phrase a sentence uses where it gives one",
    (type) => {
      const { answers } = model().types[type];
      for (const q of [...questions(type, "single"), ...questions(type, "multiple")]) {
        for (const o of optionsFor(q, type)) {
          const expected = { label: o.label, phrase: o.phrase ?? o.label, printed: o.printed !== false };
          expect(answers[q.id]!.of[o.code], `${q.id}=${o.code}`).toMatchObject(expected);
        }
      }
      const sources = model().types.ocmw.answers.ondersteuning_bron!;
      expect(sources.of.vvsg).toMatchObject({ label: "VVSG", phrase: "de Vereniging van Vlaamse Steden en Gemeenten" });
      expect(model().types.gemeente.answers.beleidsdomeinen!.options.filter((t) => !t.printed).length).toBeGreaterThan(
        0,
      );
    },
  );

  it.each(TYPES)(
    "counts the %s initiatives by rank (of all respondents) and by category (of all initiatives)",
    (type) => {
      const rows = ROWS[type];
      const q = question("initiatieven");
      const ranks = [1, 2, 3].map((k) => rows.map((r) => r[`${q.column}${k}_categorie`]!));
      const total = ranks.flat().filter((c) => c !== "").length;
      const summary = model().types[type].initiatives;
      expect(summary.total).toBe(total);
      expect(summary.byRank).toEqual(
        ranks.map((cells, i) => ({ rank: i + 1, ...shareOf(cells.filter((c) => c !== "").length, rows.length) })),
      );
      const byCategory = codes(q, type).map((code) => ({
        code,
        ...shareOf(ranks.flat().filter((c) => c === code).length, total),
      }));
      expect(summary.byCategory.map((t) => [t.code, t.count, t.base, t.tenths])).toEqual(
        largestFirst(byCategory).map((t) => [t.code, t.count, t.base, t.tenths]),
      );
      for (const t of byCategory) expect(summary.of[t.code]).toMatchObject(t);
      for (const o of optionsFor(q, type)) {
        const expected = { label: o.label, phrase: o.phrase ?? o.label, printed: o.printed !== false };
        expect(summary.of[o.code], o.code).toMatchObject(expected);
      }
    },
  );

  it.each(TYPES)("gives the %s response of those invited and the VRIND classes present, largest first", (type) => {
    const report = model().types[type];
    expect(report.response).toEqual(
      shareOf(ROWS[type].length, codebook.respondentTypes.find((t) => t.code === type)!.selected),
    );
    const classes = codes(question("vrind"), type).map((code) => ({
      code,
      count: count(ROWS[type], is("vrind", code)),
    }));
    expect(report.vrindClasses.map((t) => t.code)).toEqual(
      largestFirst(classes)
        .filter((c) => c.count > 0)
        .map((c) => c.code),
    );
    expect(report.urbanClasses.map((t) => t.code)).toEqual(URBAN);
  });
});

describe("relations: attention to a domain, with and without an integratiedienst, urban or not", () => {
  const relationOf = (rows: Row[], outcome: (r: Row) => boolean, group: (r: Row) => boolean) => {
    const inGroup = shareOf(count(rows, both(group, outcome)), count(rows, group));
    const outGroup = shareOf(count(rows, both(not(group), outcome)), count(rows, not(group)));
    const differenceTenths = (inGroup.tenths ?? 0) - (outGroup.tenths ?? 0);
    return { inGroup, outGroup, differenceTenths, holds: differenceTenths >= 100 };
  };

  it.each(TYPES)("measures each %s domain's share in both groups and calls ten points or more a relation", (type) => {
    const rows = ROWS[type];
    const q = question("beleidsdomeinen");
    for (const d of model().types[type].domains) {
      const attention = is(tickColumn(q, d.code), "1");
      expect(d.urbanisation, d.code).toEqual(relationOf(rows, attention, urban));
      expect(d.service, d.code).toEqual(
        type === "gemeente" ? relationOf(rows, attention, yes("erkende_integratiedienst")) : null,
      );
    }
    expect(model().relationThresholdTenths).toBe(100);
  });

  it("calls a difference of exactly ten points a relation, and one of 9,9 points none", () => {
    const respondent = (inGroup: boolean, outcome: boolean) =>
      ({ answers: { group: inGroup ? "ja" : "nee", outcome: outcome ? "ja" : "nee" } }) as unknown as Respondent;
    const people = (n: number, inGroup: boolean, withOutcome: number) =>
      Array.from({ length: n }, (_, i) => respondent(inGroup, i < withOutcome));
    const measured = (respondents: Respondent[]) =>
      relation(respondents, { q: "outcome", is: "ja" }, { q: "group", is: "ja" });
    const exactlyTen = measured([...people(10, true, 3), ...people(10, false, 2)]);
    expect([exactlyTen.differenceTenths, exactlyTen.holds]).toEqual([100, true]);
    // 4 of 12 (33,3%) against 7 of 30 (23,3%): 10,0 points between the printed shares.
    expect(measured([...people(12, true, 4), ...people(30, false, 7)]).holds).toBe(true);
    const almost = measured([...people(1000, true, 300), ...people(1000, false, 201)]);
    expect([almost.differenceTenths, almost.holds]).toEqual([99, false]);
  });

  it("finds relations on both sides of the threshold in the fixture", () => {
    const groups = model().types.gemeente.domainGroups;
    expect(groups.relatedToService.length).toBeGreaterThan(0);
    expect(groups.unrelatedToService.length).toBeGreaterThan(0);
    expect(groups.relatedToUrbanisation.map((d) => d.code)).toEqual(["wonen", "veiligheid"]);
  });
});

describe("the domains in groups the text names", () => {
  it.each(TYPES)("splits the %s domains at half, in the order of the text (largest first)", (type) => {
    const { domains, domainGroups: g } = model().types[type];
    const n = ROWS[type].length;
    const sorted = largestFirst(domains);
    expect(domains.map((d) => d.code)).toEqual(sorted.map((d) => d.code));
    expect(g.aboveHalf.map((d) => d.code)).toEqual(sorted.filter((d) => d.count > n / 2).map((d) => d.code));
    expect(g.exactlyHalf.map((d) => d.code)).toEqual(sorted.filter((d) => d.count === n / 2).map((d) => d.code));
    expect(g.belowHalf.map((d) => d.code)).toEqual(sorted.filter((d) => d.count < n / 2).map((d) => d.code));
    expect(g.relatedToService).toEqual(domains.filter((d) => d.service?.holds));
    expect(g.unrelatedToService).toEqual(domains.filter((d) => d.service && !d.service.holds));
    expect(g.relatedToUrbanisation).toEqual(domains.filter((d) => d.urbanisation.holds));
    expect(g.notPrinted).toEqual(domains.filter((d) => !d.printed));
  });

  it("has four gemeente domains at exactly half (10 of 20), which the print would call more than half", () => {
    expect(model().types.gemeente.domainGroups.exactlyHalf.map((d) => [d.code, d.count])).toEqual([
      ["jeugd", 10],
      ["communicatie_inspraak", 10],
      ["sport", 10],
      ["wonen", 10],
    ]);
  });

  it("names the least attended domains, smallest first, as many as the codebook calls hard", () => {
    const { domains, domainGroups: g } = model().types.gemeente;
    const hard = domains.filter((d) => d.hard);
    expect(hard.length).toBeGreaterThan(0);
    expect(g.least).toEqual(domains.slice(domains.length - hard.length).reverse());
    expect(g.leastAreHard).toBe(true);
    expect(g.least.every((d) => d.hard)).toBe(true);
  });
});

describe("organisation, who answered, inspraak and support", () => {
  it.each(TYPES)("counts staff, service and consultation of the %s respondents", (type) => {
    const rows = ROWS[type];
    const staff = yes("personeelslid");
    const service = yes("aparte_dienst");
    const consultation = yes("overlegstructuur");
    const either = (r: Row) => staff(r) || service(r);
    const consultations = count(rows, consultation);
    expect(model().types[type].organisation).toEqual({
      staff: shareOf(count(rows, staff), rows.length),
      staffAndService: shareOf(count(rows, both(staff, service)), rows.length),
      serviceWithoutStaff: shareOf(count(rows, both(service, not(staff))), rows.length),
      consultation: shareOf(consultations, rows.length),
      consultationWithStaffOrService: shareOf(count(rows, both(consultation, either)), consultations),
      consultationWithoutStaffOrService: shareOf(count(rows, both(consultation, not(either))), consultations),
    });
  });

  it("counts the erkende integratiediensten per VRIND class, most services first, empty classes left out", () => {
    const classes = model().types.gemeente.vrindClasses.map((t) => ({
      code: t.code,
      ...shareOf(count(G, both(is("vrind", t.code), yes("erkende_integratiedienst"))), t.count),
    }));
    const expected = largestFirst(classes.filter((c) => c.count > 0));
    expect(model().types.gemeente.servicesByClass.map((t) => [t.code, t.count, t.base, t.tenths])).toEqual(
      expected.map((t) => [t.code, t.count, t.base, t.tenths]),
    );
    expect(model().types.ocmw.servicesByClass).toEqual([]);
  });

  it.each(TYPES)("puts the secretary apart and the other %s services largest first, andere last", (type) => {
    const d = model().types[type].answers.invuller!;
    const { secretary, others } = model().types[type].respondedBy;
    expect(secretary.count).toBe(count(ROWS[type], is("invuller", "secretaris")));
    const named = d.present.filter((t) => t.code !== "secretaris" && t.code !== "andere");
    expect(others.map((t) => t.code)).toEqual(
      [...named, ...d.present.filter((t) => t.code === "andere")].map((t) => t.code),
    );
    expect(others.map((t) => t.code)).toEqual(
      type === "gemeente" ? ["welzijn", "integratie_diversiteit"] : ["sociale_dienst", "andere"],
    );
  });

  it("gives each form of inspraak the supplements its gemeenten name, of those gemeenten", () => {
    const forms = model().types.gemeente.participationForms;
    expect(forms.map((f) => f.form.code)).toEqual(codes(question("inspraak_vorm"), "gemeente"));
    for (const f of forms) {
      const ofForm = G.filter(is("inspraak_vorm", f.form.code));
      const supplements = codes(question("inspraak_aanvulling"), "gemeente")
        .map((code) => ({ code, ...shareOf(count(ofForm, is("inspraak_aanvulling", code)), ofForm.length) }))
        .filter((t) => t.count > 0);
      expect(f.supplements.map((t) => [t.code, t.count, t.base])).toEqual(
        largestFirst(supplements).map((t) => [t.code, t.count, t.base]),
      );
    }
    expect(
      forms.find((f) => f.form.code === "vertegenwoordigers")!.supplements.map((t) => [t.code, t.count, t.base]),
    ).toEqual([["informeel_overleg", 2, 4]]);
    expect(model().types.ocmw.participationForms).toEqual([]);
  });

  it.each(TYPES)(
    "lists the %s sources of support largest first, andere apart, and says whether andere lead",
    (type) => {
      const { named, other, otherIsLargest } = model().types[type].support;
      const q = question("ondersteuning_bron");
      const ticks = (code: string) => count(ROWS[type], is(tickColumn(q, code), "1"));
      expect(other.count).toBe(ticks("andere"));
      const expected = largestFirst(
        codes(q, type)
          .filter((c) => c !== "andere")
          .map((code) => ({ code, count: ticks(code) })),
      ).filter((t) => t.count > 0);
      expect(named.map((t) => [t.code, t.count])).toEqual(expected.map((t) => [t.code, t.count]));
      expect(otherIsLargest).toBe(expected.every((t) => t.count < other.count));
    },
  );

  it("says andere lead only when they outnumber every named source", () => {
    const andere = (survey: Survey) => buildReportModel(survey).types.ocmw.support.otherIsLargest;
    const tickAndere = (s: Survey): Survey => ({
      ...s,
      respondents: s.respondents.map((r) =>
        r.type === "ocmw"
          ? {
              ...r,
              answers: {
                ...r.answers,
                ondersteuning: "ja",
                ondersteuning_bron: [...new Set([...r.answers.ondersteuning_bron, "andere" as const])],
              },
            }
          : r,
      ),
    });
    expect(andere(survey)).toBe(false);
    expect(andere(tickAndere(survey))).toBe(true);
  });
});

describe("the claims of the print, checked on the data and worded accordingly", () => {
  const g = () => model().types.gemeente;
  const agreement = yes("bestuursakkoord");
  const plan = yes("meerjarenplan");
  const service = yes("erkende_integratiedienst");
  const alderman = yes("schepen");
  const given = (outcome: (r: Row) => boolean, condition: (r: Row) => boolean) =>
    shareOf(count(G, both(condition, outcome)), count(G, condition));
  const versus = (outcome: (r: Row) => boolean) => ({
    urban: given(outcome, urban),
    other: given(outcome, not(urban)),
  });
  const classes = "grote steden, centrumsteden, kleinstedelijk provinciaal gebied en structuurondersteunende steden";

  it("computes each claim's figures from the answers", () => {
    expect(g().claims.agreementUrban!.figures).toEqual(versus(agreement));
    expect(g().claims.aldermanUrban!.figures).toEqual(versus(alderman));
    expect(g().claims.agreementThenPlan!.figures).toEqual({ share: given(plan, agreement) });
    expect(g().claims.agreementThenAlderman!.figures).toEqual({ share: given(alderman, agreement) });
    expect(g().claims.agreementThenService!.figures).toEqual({ share: given(service, agreement) });
    expect(g().claims.planThenService!.figures).toEqual({ share: given(service, plan) });
  });

  it("holds a relation at ten points or more, 'meestal' at strictly more than half", () => {
    const relationHolds = (f: Record<string, { tenths: number | null }>) => f.urban!.tenths! - f.other!.tenths! >= 100;
    const majority = (s: { count: number; base: number }) => 2 * s.count > s.base;
    expect(g().claims.agreementUrban!.holds).toBe(relationHolds(versus(agreement)));
    expect(g().claims.aldermanUrban!.holds).toBe(relationHolds(versus(alderman)));
    expect(g().claims.agreementThenPlan!.holds).toBe(majority(given(plan, agreement)));
    expect(g().claims.agreementThenAlderman!.holds).toBe(majority(given(alderman, agreement)));
    expect(g().claims.planThenService!.holds).toBe(majority(given(service, plan)));
    expect(g().claims.serviceInAllDomains!.holds).toBe(
      g().domainGroups.unrelatedToService.every((d) => d.code === "burgerzaken"),
    );
    expect(g().claims.leastAreHard!.holds).toBe(g().domainGroups.leastAreHard);
  });

  it("prints the print's words where the data bear the claim out", () => {
    const { urban: u, other: o } = versus(agreement);
    expect(g().claims.agreementUrban!.text).toBe(
      `Verstedelijkte gemeenten (${classes}) besteden in het bestuursakkoord beduidend meer aandacht ` +
        "aan etnisch-culturele diversiteit " +
        `dan de overige gemeenten: ${pct(u)} tegenover ${pct(o)}.`,
    );
    expect(g().claims.agreementThenPlan!.text).toBe(
      "Bij gemeenten met aandacht voor etnisch-culturele diversiteit in het bestuursakkoord " +
        "is dat meestal ook het geval in het meerjarenplan " +
        `(${pct(given(plan, agreement))}).`,
    );
    const a = versus(alderman);
    expect(g().claims.aldermanUrban!.text).toBe(
      `Verstedelijkte gemeenten (${classes}) hebben vaker een schepen ` +
        "die bevoegd is voor etnisch-culturele diversiteit " +
        `dan de overige gemeenten: ${pct(a.urban)} tegenover ${pct(a.other)}.`,
    );
  });

  it("prints the negation where they do not, and quotes the print's claim for the warnings", () => {
    const share = given(alderman, agreement);
    expect(g().claims.agreementThenAlderman!.text).toBe(`is dan niet meestal een bevoegde schepen (${pct(share)})`);
    expect(g().claims.agreementThenAlderman!.statement).toBe(
      `Er is dan meestal ook een bevoegde schepen (${pct(share)}).`,
    );
    const withService = given(service, agreement);
    expect(g().claims.agreementThenService!.text).toBe(
      `niet meestal een erkende integratiedienst (${pct(withService)})`,
    );
    expect(g().claims.agreementThenService!.statement).toBe(
      `Er is dan meestal ook een erkende integratiedienst (${pct(withService)}).`,
    );
    expect(g().claims.planThenService!.text).toBe(
      "Uit de bevraging blijkt dat indien etnisch-culturele diversiteit aandacht krijgt in het meerjarenplan, " +
        `er niet meestal ook een erkende integratiedienst is (${pct(given(service, plan))}).`,
    );
    expect(model().failedClaims.map((c) => [c.id, c.section])).toEqual([
      ["agreementThenAlderman", "2.1"],
      ["agreementThenService", "2.1"],
      ["planThenService", "2.2"],
      ["serviceInAllDomains", "2.3"],
    ]);
    expect(model().types.ocmw.claims).toEqual({});
  });

  it("turns the words around when the answers turn", () => {
    // Every non-urban gemeente with attention in the agreement gets an alderman, a service and a plan;
    // the urban ones lose their attention and their alderman.
    const turned: Survey = {
      ...survey,
      respondents: survey.respondents.map((r) => {
        if (r.type !== "gemeente") return r;
        const agreed = r.answers.bestuursakkoord === "ja";
        const isUrban = URBAN.includes(r.answers.vrind);
        const answers =
          agreed && !isUrban
            ? {
                ...r.answers,
                schepen: "ja" as const,
                erkende_integratiedienst: "ja" as const,
                meerjarenplan: "ja" as const,
              }
            : isUrban
              ? { ...r.answers, bestuursakkoord: "nee" as const, schepen: "nee" as const, schepen_titel: null }
              : r.answers;
        return { ...r, answers };
      }),
    };
    const claims = buildReportModel(turned).types.gemeente.claims;
    expect(claims.agreementThenAlderman!.text).toBe("is dan meestal ook een bevoegde schepen (100%)");
    expect(claims.agreementThenService!.text).toBe("meestal ook een erkende integratiedienst (100%)");
    const rural = G.filter(not(urban));
    const agreedRural = given(agreement, not(urban)).count;
    // Outside the towns the agreeing gemeenten now all have an alderman, the others keep theirs.
    const aldermenRural = count(rural, (r) => agreement(r) || alderman(r));
    expect(claims.agreementUrban!.text).toBe(
      `In het bestuursakkoord besteden verstedelijkte gemeenten (${classes}) niet beduidend meer aandacht ` +
        "aan etnisch-culturele diversiteit dan de overige gemeenten: " +
        `0% tegenover ${pct(shareOf(agreedRural, rural.length))}.`,
    );
    expect(claims.aldermanUrban!.text).toBe(
      `Verstedelijkte gemeenten (${classes}) hebben niet beduidend vaker een schepen die bevoegd is voor ` +
        "etnisch-culturele diversiteit dan de overige gemeenten: " +
        `0% tegenover ${pct(shareOf(aldermenRural, rural.length))}.`,
    );
    expect(claims.agreementThenPlan!.holds).toBe(true);
  });
});

describe("the claims and groups where the data are made to turn them", () => {
  const edited = (edit: (answers: Survey["respondents"][number]["answers"]) => object): Survey => ({
    ...survey,
    respondents: survey.respondents.map((r) =>
      r.type === "gemeente" ? ({ ...r, answers: { ...r.answers, ...edit(r.answers) } } as typeof r) : r,
    ),
  });
  const domainCodes = codes(question("beleidsdomeinen"), "gemeente");

  it("holds that the integratiedienst goes with every domain but burgerzaken when the data say so", () => {
    const withService = edited((a) => ({
      beleidsdomeinen: a.erkende_integratiedienst === "ja" ? domainCodes.filter((c) => c !== "burgerzaken") : [],
    }));
    const report = buildReportModel(withService).types.gemeente;
    expect(report.domainGroups.unrelatedToService.map((d) => d.code)).toEqual(["burgerzaken"]);
    expect(report.claims.serviceInAllDomains!.holds).toBe(true);
    expect(model().types.gemeente.claims.serviceInAllDomains!.holds).toBe(false);
  });

  it("no longer calls the least attended domains hard when a hard domain gets attention from all", () => {
    const hard = question("beleidsdomeinen")
      .options.filter((o) => o.hard)
      .map((o) => o.code);
    const report = buildReportModel(edited((a) => ({ beleidsdomeinen: [...a.beleidsdomeinen, hard[0]!] }))).types
      .gemeente;
    expect(report.domainGroups.least.some((d) => d.hard)).toBe(true);
    expect(report.domainGroups.leastAreHard).toBe(false);
    expect(report.claims.leastAreHard!.holds).toBe(false);
    expect(
      model()
        .types.gemeente.domains.filter((d) => d.hard)
        .map((d) => d.code)
        .sort(),
    ).toEqual(hard.filter((c) => domainCodes.includes(c)).sort());
  });

  it("counts consultation structures without a staff member or service apart", () => {
    const alone = buildReportModel(
      edited(() => ({ overlegstructuur: "ja", personeelslid: "nee", aparte_dienst: "nee" })),
    );
    expect(alone.types.gemeente.organisation.consultationWithoutStaffOrService).toEqual(shareOf(20, 20));
    expect(alone.types.gemeente.organisation.consultationWithStaffOrService).toEqual(shareOf(0, 20));
  });

  it("does not call andere the largest source when a named source ties with it", () => {
    const tie = buildReportModel(edited(() => ({ ondersteuning: "ja", ondersteuning_bron: ["vvsg", "andere"] })));
    expect(tie.types.gemeente.support.other.count).toBe(20);
    expect(tie.types.gemeente.support.otherIsLargest).toBe(false);
  });

  it("files each claim under its section of the bijlage", () => {
    const { claims } = model().types.gemeente;
    expect(Object.values(claims).map((c) => [c.id, c.section])).toEqual([
      ["agreementUrban", "2.1"],
      ["agreementThenPlan", "2.1"],
      ["agreementThenAlderman", "2.1"],
      ["agreementThenService", "2.1"],
      ["planThenService", "2.2"],
      ["serviceInAllDomains", "2.3"],
      ["leastAreHard", "2.3"],
      ["aldermanUrban", "3.1"],
    ]);
  });
});

describe("shares as sentences print them", () => {
  it("prints a share of nobody as a dash, not as 0%", () => {
    expect(formatShare(share(0, 0))).toBe("–");
    expect(formatShare(share(0, 3))).toBe("0%");
    expect(formatShare(share(2, 3))).toBe("66,7%");
  });

  it("quotes the print's claims about domains in its own words", () => {
    const { claims } = model().types.gemeente;
    expect(claims.serviceInAllDomains!.statement).toBe(
      "De integratiedienst bevordert de aandacht voor etnisch-culturele diversiteit in alle beleidsdomeinen, " +
        "op burgerlijke stand/burgerzaken na.",
    );
    expect(claims.leastAreHard!.statement).toBe(
      "Etnisch-culturele diversiteit krijgt het minst aandacht in de traditioneel harde beleidsdomeinen.",
    );
    expect(claims.leastAreHard!.text).toBe(claims.leastAreHard!.statement);
  });
});

describe("a type report's parts fit together", () => {
  it("carries the type's codebook entry and its summary", () => {
    const report: TypeReport = model().types.ocmw;
    expect(report.info.plural).toBe("OCMW's");
    expect(report.type).toBe("ocmw");
    expect(model().respondents).toBe(G.length + ROWS.ocmw.length);
    expect(model().survey).toEqual(codebook.survey);
  });
});
