import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataError } from "../src/errors.ts";
import { formatTenths, numberWord, shareTenths, truncatedTenths } from "../src/format/number.ts";
import { loadCodebook, loadSurvey, projectCodebookPath } from "../src/load/index.ts";
import type { Answers, Respondent, Survey } from "../src/model/survey.ts";
import { errataMarkdown, loadPrintedFigures, reconcile, summary, type Reconciliation } from "../src/reconcile/index.ts";
import { judgeShare, nearestCount } from "../src/reconcile/share-rules.ts";

const codebook = await loadCodebook(projectCodebookPath);
const survey = await loadSurvey(new URL("../data", import.meta.url).pathname);
const printed = await loadPrintedFigures(codebook, new URL("../data/printed-figures.json", import.meta.url).pathname);
const fixture = (name: string) => new URL(`fixtures/reconcile/${name}`, import.meta.url).pathname;
const found = (rec: Reconciliation) => rec.errata.map((e) => [e.id, e.rule]);

/** The print's own errors, by rule: what the reconciliation must find on data that reproduces the print. */
const PRINT_ERRATA = [
  // a share no count of 70 gives (14 → 20%, 15 → 21,4%)
  ["5A-bron/vlaams_minderhedencentrum", "impossible-share"],
  // printed count and share disagree: "20 (30%)", "Vijf (0,7%)"
  ["3.2A-personeelslid-en-dienst", "count-share-mismatch"],
  ["3.4-inspraak/weet_niet", "count-share-mismatch"],
  // cut off where the rest of the text rounds half-up: 18,57 → 18,5; 8,57 → 8,5; 56,45 → 56,4; 11,29 → 11,2; 19,35 → 19,3
  ["1A-invuller/integratie_diversiteit", "truncated-share"],
  ["1A-invuller/personeel", "truncated-share"],
  ["1B-invuller/secretaris", "truncated-share"],
  ["1B-invuller/sociale_dienst", "truncated-share"],
  ["1B-invuller/andere", "truncated-share"],
  // the printed VRIND classes count 53 of 70 and 43 of 62
  ["1A-vrind", "parts-sum"],
  ["1B-vrind", "parts-sum"],
  // "communicatie (51,6)"
  ["2.3B-domein/communicatie", "share-without-percent"],
  // "meer dan de helft" for exactly 50%
  ["2.3A-domein/communicatie_inspraak", "wording"],
  ["2.3B-domein/wonen_ocmw", "wording"],
];

describe("reconciliation with the printed bijlage", () => {
  const rec = reconcile(survey, printed);

  it("finds exactly the print's own errata on the reconstructed data, by rule", () => {
    expect(found(rec)).toEqual(expect.arrayContaining(PRINT_ERRATA));
    expect(found(rec)).toHaveLength(PRINT_ERRATA.length);
  });

  it("reproduces every other printed count and share from the data", () => {
    for (const check of rec.checks.filter((c) => c.errata.length === 0 && c.computed)) {
      const { figure, computed } = check;
      if (figure.count !== undefined) expect(computed!.count, figure.id).toBe(figure.count);
      if (figure.share !== undefined) expect(formatTenths(shareTenths(computed!.count, computed!.base)), figure.id).toBe(formatTenths(Math.round(figure.share * 10)));
    }
  });

  it("names what is right: value from the data, in nl-BE form, with a Dutch reason", () => {
    const byId = new Map(rec.errata.map((e) => [e.id, e]));
    expect(byId.get("5A-bron/vlaams_minderhedencentrum")).toMatchObject({ printed: "21,1%", correct: "21,4%", section: "5A" });
    expect(byId.get("3.2A-personeelslid-en-dienst")).toMatchObject({ printed: "20 (30%)", correct: "20 (28,6%)" });
    expect(byId.get("3.2A-personeelslid-en-dienst")!.why).toContain("30% hoort bij 21 van 70");
    expect(byId.get("1B-invuller/secretaris")).toMatchObject({ printed: "56,4%", correct: "56,5%" });
    expect(byId.get("1A-vrind")!.why).toContain("overgangsgebied (17)");
  });

  it("reports a changed answer as a new erratum naming the figures it changes", () => {
    const flipped = survey.respondents.find((r) => r.type === "gemeente" && r.answers.bestuursakkoord === "nee")!;
    const changed: Survey = { ...survey, respondents: survey.respondents.map((r) => (r === flipped ? { ...r, answers: { ...r.answers, bestuursakkoord: "ja" } } : r)) };
    const after = found(reconcile(changed, printed));
    expect(after).toEqual(expect.arrayContaining([...PRINT_ERRATA, ["2.1-bestuursakkoord/ja", "data"], ["2.1-bestuursakkoord/nee", "data"]]));
  });

  it("reports a changed tick in a domain on its share, while the print's wording erratum stays", () => {
    const ticker = survey.respondents.find((r) => r.type === "ocmw" && !r.answers.beleidsdomeinen.includes("wonen_ocmw"))!;
    const changed: Survey = { ...survey, respondents: survey.respondents.map((r) => (r === ticker ? { ...r, answers: { ...r.answers, beleidsdomeinen: [...r.answers.beleidsdomeinen, "wonen_ocmw"] } } : r)) };
    const after = reconcile(changed, printed).errata.filter((e) => e.id === "2.3B-domein/wonen_ocmw");
    expect(after.map((e) => e.rule).sort()).toEqual(["data", "wording"]);
    expect(after.find((e) => e.rule === "data")!.correct).toBe("32 (51,6%)");
  });

  it("writes errata.md that says the data is a reconstruction and lists every erratum", () => {
    const md = errataMarkdown(rec, codebook.survey);
    expect(md.split("\n")[0]).toBe("# Errata bij de gedrukte bijlage");
    expect(md).toContain("reconstructie uit de gedrukte cijfers");
    for (const [id] of PRINT_ERRATA) expect(md).toContain(`\`${id}\``);
  });

  it("sums up for `validate`: figures checked, agreeing, errata by rule", () => {
    const text = summary(rec);
    expect(text).toContain(`${rec.checks.length} printed figures and claims checked`);
    expect(text).toContain("5 truncated-share");
    expect(text).toContain(`${PRINT_ERRATA.length} errata`);
  });
});

describe("data/printed-figures.json", () => {
  it("quotes every printed share and count as printed", () => {
    const words = (n: number) => [String(n), numberWord(n), ...(n === 1 ? ["een"] : [])];
    for (const f of printed.figures) {
      const quote = f.quote.toLowerCase();
      if (f.share !== undefined) expect(quote, f.id).toContain(formatTenths(Math.round(f.share * 10)));
      if (f.count !== undefined) expect(words(f.count).some((w) => quote.includes(w)), `${f.id}: ${f.count}`).toBe(true);
    }
  });

  it("expands one printed sentence into a claim per domain", () => {
    const ids = printed.figures.map((f) => f.id);
    expect(ids).toContain("2.3A-integratiedienst/cultuur");
    expect(ids).not.toContain("2.3A-integratiedienst/burgerzaken");
    expect(ids.filter((id) => id.startsWith("2.3A-verstedelijking/"))).toEqual(["2.3A-verstedelijking/gebiedsgerichte_werking", "2.3A-verstedelijking/afvalbeleid"]);
  });

  it("refuses a code the codebook does not know, naming file, line and figure", async () => {
    const error = await loadPrintedFigures(codebook, fixture("unknown-code.json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).location).toMatchObject({ file: fixture("unknown-code.json"), line: 6, field: "1A-vrind/metropool" });
    expect((error as DataError).message).toContain('"metropool" is no option of vrind');
  });

  it("refuses text that is not JSON, naming line and column", async () => {
    const error = await loadPrintedFigures(codebook, fixture("broken.json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).location).toMatchObject({ line: 5, column: 3, expected: "JSON" });
  });
});

describe("claims in words", async () => {
  const claims = await loadPrintedFigures(codebook, fixture("claims.json"));
  const none: Answers = {
    vrind: "platteland", erkende_integratiedienst: "nee", invuller: "secretaris", bestuursakkoord: "nee", meerjarenplan: "nee", beleidsdomeinen: [],
    initiatieven: [], schepen: "nee", schepen_titel: null, personeelslid: "nee", aparte_dienst: "nee", overlegstructuur: "nee", begrotingspost: "nee",
    inspraak: "nee", inspraak_vorm: null, inspraak_aanvulling: null, ondersteuning: "nee", ondersteuning_bron: [],
  };
  // Ten gemeenten: 6 with attention in the agreement, 4 of the 5 centrumsteden; as often with a service as without.
  const agreement = [1, 2, 3, 4, 6, 7];
  const services = [1, 2, 5, 6, 8];
  const ten = (edit: (i: number, a: Answers) => Partial<Answers> = () => ({})): Survey => ({
    codebook,
    respondents: Array.from({ length: 10 }, (_, k): Respondent => {
      const i = k + 1;
      const answers: Answers = {
        ...none,
        vrind: i <= 5 ? "centrumsteden" : "platteland",
        bestuursakkoord: agreement.includes(i) ? "ja" : "nee",
        erkende_integratiedienst: services.includes(i) ? "ja" : "nee",
        ...(i <= 2 ? { ondersteuning: "ja", ondersteuning_bron: i === 1 ? ["provinciaal_integratiecentrum", "vlaams_minderhedencentrum"] : ["provinciaal_integratiecentrum"] } : {}),
      };
      return { id: `G${String(i).padStart(3, "0")}`, type: "gemeente", answers: { ...answers, ...edit(i, answers) }, source: { file: "fixture", line: i + 1 } };
    }),
  });

  it("holds where the data bear every claim out", () => {
    expect(found(reconcile(ten(), claims))).toEqual([]);
  });

  it("flags 'meer dan de helft' and 'geen verband' when one answer turns", () => {
    const rec = reconcile(ten((i) => (i === 4 ? { bestuursakkoord: "nee" } : {})), claims);
    expect(found(rec)).toEqual([["akkoord-meer-dan-de-helft", "data"], ["akkoord-meer-dan-de-helft", "data"], ["akkoord-geen-verband", "data"]]);
  });

  it("flags a relation that no longer holds", () => {
    const rec = reconcile(ten((i) => ([8, 9, 10].includes(i) ? { vrind: "centrumsteden" } : [1, 2, 3].includes(i) ? { vrind: "platteland" } : {})), claims);
    expect(found(rec)).toEqual([["akkoord-stedelijk", "data"]]);
  });

  it("flags 'in eerste instantie' when another source ties", () => {
    const rec = reconcile(ten((i, a) => (i === 2 ? { ondersteuning_bron: [...a.ondersteuning_bron, "vlaams_minderhedencentrum"] } : {})), claims);
    expect(found(rec)).toEqual([["hoogste", "data"]]);
  });
});

describe("share rules (property)", () => {
  const counts = fc.integer({ min: 1, max: 500 }).chain((base) => fc.tuple(fc.constant(base), fc.integer({ min: 0, max: base }), fc.integer({ min: 0, max: base })));

  it("a share formatPercent gives for a count is never flagged for that count", () => {
    fc.assert(fc.property(counts, ([base, k]) => judgeShare(shareTenths(k, base), k, base).kind === "rounded"));
  });

  it("a share formatPercent gives for any count is never flagged impossible", () => {
    fc.assert(fc.property(counts, ([base, k, other]) => judgeShare(shareTenths(k, base), other, base).kind !== "impossible"));
  });

  it("a cut-off share is flagged as truncated exactly when cutting off differs from rounding half-up", () => {
    fc.assert(
      fc.property(counts, ([base, k]) => {
        const cut = truncatedTenths(k, base);
        const verdict = judgeShare(cut, k, base).kind;
        return cut === shareTenths(k, base) ? verdict === "rounded" : verdict === "truncated";
      }),
    );
  });

  it("reads back the count from its printed share when the base is below 1000", () => {
    fc.assert(fc.property(counts, ([base, k]) => nearestCount(shareTenths(k, base), base) === k));
  });
});

describe("the rule examples of the print", () => {
  it("21,1% of 70 is impossible, 30% of 70 belongs to 21, 18,5% is 13 of 70 cut off", () => {
    expect(judgeShare(211, 15, 70)).toEqual({ kind: "impossible" });
    expect(judgeShare(300, 20, 70)).toEqual({ kind: "other-count", counts: [21] });
    expect(judgeShare(185, 13, 70)).toEqual({ kind: "truncated", roundedTenths: 186 });
    expect(judgeShare(7, 5, 70)).toEqual({ kind: "impossible" });
  });
});
