import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataError } from "../src/errors.ts";
import { formatTenths, numberWord, shareTenths, truncatedTenths } from "../src/format/number.ts";
import { loadCodebook, loadSurvey, projectCodebookPath } from "../src/survey/index.ts";
import type { Answers, Respondent, Survey } from "../src/model/survey.ts";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  errataMarkdown,
  errataRows,
  loadPrintedFigures,
  parsePrintedFigures,
  reconcile,
  summary,
  type Reconciliation,
} from "../src/reconcile/index.ts";
import { judgeShare, nearestCount } from "../src/reconcile/share-rules.ts";
import { gemeenteDefaults } from "./fixtures/factsheet/survey.ts";

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
  // cut off where the rest of the text rounds half-up: 18,57 → 18,5;
  // 8,57 → 8,5; 56,45 → 56,4; 11,29 → 11,2; 19,35 → 19,3
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
  const rec = () => reconcile(survey, printed);

  it("finds exactly the print's own errata on the reconstructed data, by rule", () => {
    expect(found(rec())).toEqual(expect.arrayContaining(PRINT_ERRATA));
    expect(found(rec())).toHaveLength(PRINT_ERRATA.length);
  });

  it("reproduces every other printed count and share from the data", () => {
    for (const check of rec().checks.filter((c) => c.errata.length === 0 && c.computed)) {
      const { figure, computed } = check;
      if (figure.count !== undefined) expect(computed!.count, figure.id).toBe(figure.count);
      if (figure.share !== undefined)
        expect(formatTenths(shareTenths(computed!.count, computed!.base)), figure.id).toBe(
          formatTenths(Math.round(figure.share * 10)),
        );
    }
  });

  it("names what is right: value from the data, in nl-BE form, with a Dutch reason", () => {
    const byId = new Map(rec().errata.map((e) => [e.id, e]));
    expect(byId.get("5A-bron/vlaams_minderhedencentrum")).toMatchObject({
      printed: "21,1%",
      correct: "21,4%",
      section: "5A",
    });
    expect(byId.get("3.2A-personeelslid-en-dienst")).toMatchObject({ printed: "20 (30%)", correct: "20 (28,6%)" });
    expect(byId.get("3.2A-personeelslid-en-dienst")!.why).toContain("30% hoort bij 21 van 70");
    expect(byId.get("1B-invuller/secretaris")).toMatchObject({ printed: "56,4%", correct: "56,5%" });
    expect(byId.get("1A-vrind")!.why).toContain("overgangsgebied (17)");
  });

  it("reports a changed answer as a new erratum naming the figures it changes", () => {
    const flipped = survey.respondents.find((r) => r.type === "gemeente" && r.answers.bestuursakkoord === "nee")!;
    const changed: Survey = {
      ...survey,
      respondents: survey.respondents.map((r) =>
        r === flipped ? { ...r, answers: { ...r.answers, bestuursakkoord: "ja" } } : r,
      ),
    };
    const after = found(reconcile(changed, printed));
    expect(after).toEqual(
      expect.arrayContaining([
        ...PRINT_ERRATA,
        ["2.1-bestuursakkoord/ja", "data"],
        ["2.1-bestuursakkoord/nee", "data"],
      ]),
    );
  });

  it("reports a changed tick in a domain on its share, while the print's wording erratum stays", () => {
    const ticker = survey.respondents.find(
      (r) => r.type === "ocmw" && !r.answers.beleidsdomeinen.includes("wonen_ocmw"),
    )!;
    const changed: Survey = {
      ...survey,
      respondents: survey.respondents.map((r) =>
        r === ticker
          ? { ...r, answers: { ...r.answers, beleidsdomeinen: [...r.answers.beleidsdomeinen, "wonen_ocmw"] } }
          : r,
      ),
    };
    const after = reconcile(changed, printed).errata.filter((e) => e.id === "2.3B-domein/wonen_ocmw");
    expect(after.map((e) => e.rule).sort()).toEqual(["data", "wording"]);
    expect(after.find((e) => e.rule === "data")!.correct).toBe("32 (51,6%)");
  });

  it("writes errata.md that says the data is a reconstruction and lists every erratum", () => {
    const md = errataMarkdown(rec(), codebook.survey);
    expect(md.split("\n")[0]).toBe("# Errata bij de gedrukte bijlage");
    expect(md).toContain("reconstructie uit de gedrukte cijfers");
    for (const [id] of PRINT_ERRATA) expect(md).toContain(`\`${id}\``);
  });

  it("sums up for `validate`: figures checked, agreeing, errata by rule", () => {
    const text = summary(rec());
    expect(text).toContain(`${rec().checks.length} printed figures and claims checked`);
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
      if (f.count !== undefined)
        expect(
          words(f.count).some((w) => quote.includes(w)),
          `${f.id}: ${f.count}`,
        ).toBe(true);
    }
  });

  it("expands one printed sentence into a claim per domain", () => {
    const ids = printed.figures.map((f) => f.id);
    expect(ids).toContain("2.3A-integratiedienst/cultuur");
    expect(ids).not.toContain("2.3A-integratiedienst/burgerzaken");
    expect(ids.filter((id) => id.startsWith("2.3A-verstedelijking/"))).toEqual([
      "2.3A-verstedelijking/gebiedsgerichte_werking",
      "2.3A-verstedelijking/afvalbeleid",
    ]);
  });

  it("refuses a code the codebook does not know, naming file, line and figure", async () => {
    const error = await loadPrintedFigures(codebook, fixture("unknown-code.json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).location).toMatchObject({
      file: fixture("unknown-code.json"),
      line: 6,
      field: "1A-vrind/metropool",
    });
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
  const none: Answers = { ...gemeenteDefaults, vrind: "platteland" };
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
        ...(i <= 2
          ? {
              ondersteuning: "ja",
              ondersteuning_bron:
                i === 1
                  ? ["provinciaal_integratiecentrum", "vlaams_minderhedencentrum"]
                  : ["provinciaal_integratiecentrum"],
            }
          : {}),
      };
      return {
        id: `G${String(i).padStart(3, "0")}`,
        type: "gemeente",
        answers: { ...answers, ...edit(i, answers) },
        source: { file: "fixture", line: i + 1 },
      };
    }),
  });

  it("holds where the data bear every claim out", () => {
    expect(found(reconcile(ten(), claims))).toEqual([]);
  });

  it("flags 'meer dan de helft' and 'geen verband' when one answer turns", () => {
    const rec = reconcile(
      ten((i) => (i === 4 ? { bestuursakkoord: "nee" } : {})),
      claims,
    );
    expect(found(rec)).toEqual([
      ["akkoord-meer-dan-de-helft", "data"],
      ["akkoord-meer-dan-de-helft", "data"],
      ["akkoord-geen-verband", "data"],
    ]);
  });

  it("flags a relation that no longer holds", () => {
    const rec = reconcile(
      ten((i) =>
        [8, 9, 10].includes(i) ? { vrind: "centrumsteden" } : [1, 2, 3].includes(i) ? { vrind: "platteland" } : {},
      ),
      claims,
    );
    expect(found(rec)).toEqual([["akkoord-stedelijk", "data"]]);
  });

  it("flags 'in eerste instantie' when another source ties", () => {
    const rec = reconcile(
      ten((i, a) => (i === 2 ? { ondersteuning_bron: [...a.ondersteuning_bron, "vlaams_minderhedencentrum"] } : {})),
      claims,
    );
    expect(found(rec)).toEqual([["hoogste", "data"]]);
  });
});

describe("share rules (property)", () => {
  const counts = fc
    .integer({ min: 1, max: 500 })
    .chain((base) => fc.tuple(fc.constant(base), fc.integer({ min: 0, max: base }), fc.integer({ min: 0, max: base })));

  it("a share formatPercent gives for a count is never flagged for that count", () => {
    fc.assert(fc.property(counts, ([base, k]) => judgeShare(shareTenths(k, base), k, base).kind === "rounded"));
  });

  it("a share formatPercent gives for any count is never flagged impossible", () => {
    fc.assert(
      fc.property(counts, ([base, k, other]) => judgeShare(shareTenths(k, base), other, base).kind !== "impossible"),
    );
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

/**
 * test/fixtures/reconcile/wrong-figures.json prints figures of the survey in test/fixtures/aggregate
 * (20 gemeenten, 12 OCMW's), some wrong on purpose. The counts behind them, read off the CSV files:
 * OCMW's filled in by the secretary 7, the sociale dienst 3, others 2; in the overgangsgebied 5, on the
 * platteland 3; with a begrotingspost 1; support sought by 3, from the provinciaal integratiecentrum 3,
 * the VVSG 2. Gemeenten: secretary 13, integratiedienst 3, welzijn 4; bestuursakkoord ja 11, weet niet 1;
 * a meerjarenplan 8; a staff member 6; jeugd 10; 24 initiatives, 9 first ones, 8 on inspraak.
 */
describe("errata of a print with known wrong figures", async () => {
  const data = await loadSurvey(new URL("fixtures/aggregate", import.meta.url).pathname);
  const wrong = await loadPrintedFigures(data.codebook, fixture("wrong-figures.json"));
  const rec = () => reconcile(data, wrong);
  const row = (e: { id: string; rule: string; printed: string; correct: string }) => [
    e.id,
    e.rule,
    e.printed,
    e.correct,
  ];

  it("finds each wrong figure by its rule, with the printed and the right value", () => {
    expect(rec().errata.map(row)).toEqual([
      ["O-andere", "count-share-mismatch", "2 (25%)", "2 (16,7%)"],
      ["O-overgangsgebied", "truncated-share", "41,6%", "41,7%"],
      ["O-platteland", "count-share-mismatch", "3 (30%)", "3 (25%)"],
      ["G-meerjarenplan", "share-without-percent", "40", "40%"],
      ["G-akkoord-minder", "data", "minder dan de helft", "11 van 20 (55%)"],
      ["G-weet-niet", "wording", "meer dan 10% (5%)", "1 van 20 (5%)"],
      ["G-jeugd-helft", "wording", "meer dan de helft (50%)", "10 van 20 (50%)"],
      ["G-personeelslid", "data", "7", "6 (30%)"],
      [
        "G-akkoord-geen-verband",
        "data",
        "minder dan 10 procentpunt verschil",
        "71,4% tegenover 46,2% (25,2 procentpunt)",
      ],
      ["G-schepen-stedelijk", "data", "minstens 20 procentpunt verschil", "28,6% tegenover 15,4% (13,2 procentpunt)"],
      ["O-bron-vvsg", "impossible-share", "20%", "16,7%"],
      ["O-begroting", "data", "25% (3 van 12)", "1 (8,3%)"],
      ["O-pic-laagst", "data", "provinciaal integratiecentrum het laagst", "Vlaams Minderhedencentrum 1"],
      ["G-invuller-som", "parts-sum", "13 + 3 = 16", "20"],
    ]);
  });

  it("says why in figures a reader can check", () => {
    const why = Object.fromEntries(rec().errata.map((e) => [e.id, e.why]));
    expect(why).toEqual({
      "O-andere": "25% hoort bij 3 van 12, niet bij 2; 2 van 12 is 16,7%.",
      "O-overgangsgebied":
        "5 van 12 is 41,66…%: naar boven afgerond zoals elders in de tekst is dat 41,7%, niet 41,6%.",
      "O-platteland": "30% is geen aandeel van 12 (3 van 12 is 25%, 4 van 12 is 33,3%); 3 van 12 is 25%.",
      "G-meerjarenplan": "Het aandeel 40 staat zonder procentteken in de tekst.",
      "G-akkoord-minder": "Volgens de gegevens is het 11 van 20, niet minder dan de helft.",
      "G-weet-niet": '"meer dan 10%" past niet bij 5%.',
      "G-jeugd-helft": '"meer dan de helft" past niet bij 50%: 10 van 20 is precies de helft.',
      "G-personeelslid": "De gegevens tellen 6, de druk 7.",
      "G-akkoord-geen-verband":
        "Volgens de gegevens is het verschil 25,2 procentpunt (71,4% tegenover 46,2%), wat de uitspraak niet draagt.",
      "G-schepen-stedelijk":
        "Volgens de gegevens is het verschil 13,2 procentpunt (28,6% tegenover 15,4%), wat de uitspraak niet draagt.",
      "O-bron-vvsg": "Geen aantal van 12 geeft 20% (2 van 12 is 16,7%, 3 van 12 is 25%); de gegevens tellen 2 (16,7%).",
      "O-begroting": "De gegevens tellen 1 van 12, de druk gaat uit van 3.",
      "O-pic-laagst":
        "Volgens de gegevens scoren niet provinciaal integratiecentrum het laagst: provinciaal integratiecentrum 3 " +
        "tegenover Vlaams Minderhedencentrum 1, gemeentelijke integratiedienst 2, Vlaamse overheid 1, VVSG 2, " +
        "federale overheid 1.",
      "G-invuller-som":
        "De delen tellen samen 16, niet 20; in de gegevens staan de overige bij dienst welzijn of sociale zaken (4).",
    });
  });

  it("keeps the figures that are right: counts, shares of other bases, relations and orders that hold", () => {
    const right = rec().checks.filter((c) => c.errata.length === 0);
    expect(right.map((c) => [c.figure.id, c.computed?.count, c.computed?.base])).toEqual([
      ["O-secretaris", 7, 12],
      ["O-sociale-dienst", 3, 12],
      ["O-alle", 12, 12],
      ["G-deelname", 20, 190],
      ["G-secretaris", 13, 20],
      ["G-integratie", 3, 20],
      ["G-alle", 20, 20],
      ["G-secretaris-hoogst", undefined, undefined],
      ["G-domeinen-boven-helft", 8, 20],
      ["G-akkoord-stedelijk", 11, 20],
      ["G-init-totaal", 24, 20],
      ["G-init-eerste", 9, 20],
      ["G-init-inspraak", 8, 24],
      ["O-bron-pic", 3, 3],
    ]);
    expect(rec().groups.map((g) => [g.group.id, g.errata.length])).toEqual([
      ["O-invuller-som", 0],
      ["G-invuller-som", 1],
    ]);
  });

  it("lists the errata in the order of the text: by the first figure of their section, then as found", () => {
    expect(errataRows(rec()).map((r) => `${r.section} ${r.printed}`)).toEqual([
      "1B 2 (25%)",
      "1B 41,6%",
      "1B 3 (30%)",
      "1A 13 + 3 = 16",
      "2.2 40",
      "2.1 minder dan de helft",
      "2.1 meer dan 10% (5%)",
      "2.1 minder dan 10 procentpunt verschil",
      "2.3 meer dan de helft (50%)",
      "3.2 7",
      "3.1 minstens 20 procentpunt verschil",
      "5B 20%",
      "5B provinciaal integratiecentrum het laagst",
      "3.3 25% (3 van 12)",
    ]);
    expect(errataRows(rec())[0]).toEqual({
      section: "1B",
      printed: "2 (25%)",
      correct: "2 (16,7%)",
      why: rec().errata[0]!.why,
    });
  });

  it("counts for `validate`: figures checked and agreeing, sums, errata per rule in the order of the rules", () => {
    expect(summary(rec())).toBe(
      "Reconciliation with the printed bijlage: 27 printed figures and claims checked, 14 agree with the data; " +
        "2 sums checked, 1 do not add up. 14 errata: 1 impossible-share, 2 count-share-mismatch, 1 truncated-share, " +
        "1 parts-sum, 1 share-without-percent, 2 wording, 6 data.",
    );
  });

  it("writes errata.md: counts per rule, then each erratum in text order with quote, printed, right and why", () => {
    const md = errataMarkdown(rec(), data.codebook.survey);
    const lines = md.split("\n");
    expect(lines[2]).toBe(
      `*${data.codebook.survey.title} ${data.codebook.survey.subtitle}* (enquête van december 2008)`,
    );
    expect(md).toContain(
      "27 gedrukte cijfers en uitspraken en 2 optellingen nagekeken; " +
        "14 cijfers en uitspraken kloppen met de gegevens. 14 errata:",
    );
    expect(lines.filter((l) => /^- [a-z].*: \d+$/.test(l))).toEqual([
      "- aandeel dat geen enkel aantal geeft: 1",
      "- aantal en aandeel spreken elkaar tegen: 2",
      "- afgekapt in plaats van afgerond: 1",
      "- delen tellen niet op tot het geheel: 1",
      "- aandeel zonder procentteken: 1",
      "- bewoording past niet bij het gedrukte cijfer: 2",
      "- gegevens wijken af van de druk: 6",
    ]);
    expect(lines.filter((l) => l.startsWith("## ")).slice(0, 4)).toEqual([
      "## 1B · aantal en aandeel spreken elkaar tegen",
      "## 1B · afgekapt in plaats van afgerond",
      "## 1B · aantal en aandeel spreken elkaar tegen",
      "## 1A · delen tellen niet op tot het geheel",
    ]);
    const first = lines.indexOf("## 1B · afgekapt in plaats van afgerond");
    expect(lines.slice(first, first + 8)).toEqual([
      "## 1B · afgekapt in plaats van afgerond",
      "",
      "> vijf (41,6%)",
      "",
      "- Gedrukt: 41,6%",
      "- Juist: 41,7%",
      `- Waarom: ${rec().errata[1]!.why}`,
      "- Cijfer: `O-overgangsgebied` (regel `truncated-share`)",
    ]);
    expect(lines.filter((l) => l.startsWith("> ")).at(-1)).toBe("> een begrotingspost (25%)");
    expect(md).toContain("> 13 gemeenten … drie gemeenten");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("says there are no errata when every figure holds", () => {
    const right = reconcile(data, {
      source: "",
      note: "",
      figures: rec()
        .checks.filter((c) => c.errata.length === 0)
        .map((c) => c.figure),
      groups: [],
    });
    expect(right.errata).toEqual([]);
    expect(summary(right)).toMatch(
      /14 printed figures and claims checked, 14 agree with the data; 0 sums checked, 0 do not add up\. No errata\.$/,
    );
    expect(errataMarkdown(right, data.codebook.survey)).toContain(
      "14 cijfers en uitspraken kloppen met de gegevens. Geen errata.\n",
    );
  });
});

describe("a printed-figures file that cannot be right is refused, naming the figure", () => {
  const figure = (extra: Record<string, unknown> = {}) => ({
    id: "f",
    section: "1A",
    type: "gemeente",
    quote: "Zeventig gemeenten",
    measure: { respondents: "all" },
    ...extra,
  });
  const refusal = (json: unknown, text?: string) => {
    try {
      parsePrintedFigures(codebook, json, "figures.json", text);
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      return (error as DataError).location;
    }
    throw new Error("accepted");
  };
  const refused = (...figures: unknown[]) => refusal({ figures, groups: [] }).field;
  const urban = { q: "vrind", is: "centrumsteden" };

  it("accepts a figure of each kind that names only what the codebook has", () => {
    const ok = parsePrintedFigures(
      codebook,
      { figures: [figure({ count: 70 }), figure({ id: "g", base: "f" })], groups: [] },
      "x",
    );
    expect(ok.figures.map((f) => f.id)).toEqual(["f", "g"]);
    expect(ok).toMatchObject({ source: "", note: "" });
  });

  it("refuses a file without figures and groups", () => {
    expect(refusal({ figures: [] })).toMatchObject({ file: "figures.json", field: undefined });
    expect(refusal({ groups: [] }).expected).toBe("an object with figures and groups");
    expect(refusal(null).file).toBe("figures.json");
  });

  it.each([
    ["without a quote", figure({ quote: undefined })],
    ["without a section", figure({ section: 1 })],
    ["of an unknown respondent type", figure({ type: "stad" })],
    ["with neither a measure nor a claim", figure({ measure: undefined })],
    ["with a printed count but no measure", figure({ measure: undefined, count: 3, claim: { above: 50 } })],
    ["with a printed share but no measure", figure({ measure: undefined, share: 3, claim: { above: 50 } })],
    ["counting an unknown question", figure({ measure: { respondents: { q: "kleur", is: "ja" } } })],
    [
      "counting a question its type was not asked",
      figure({ type: "ocmw", measure: { respondents: { q: "schepen", is: "ja" } } }),
    ],
    ["counting an unknown option", figure({ measure: { respondents: { q: "schepen", is: "misschien" } } })],
    [
      "counting an unknown option among several",
      figure({ measure: { respondents: { q: "vrind", is: ["platteland", "bos"] } } }),
    ],
    [
      "with an unknown option deep in a condition",
      figure({ measure: { respondents: { all: [urban, { any: [{ not: { q: "schepen", is: "x" } }] }] } } }),
    ],
    ["based on an unknown option", figure({ base: { respondents: { q: "schepen", is: "x" } } })],
    ["based on a figure that does not exist", figure({ base: "nope" })],
    ["counting the options of an unknown question", figure({ measure: { options: "kleuren", above: 50 } })],
    ["counting initiatives of an unknown category", figure({ measure: { initiatives: { category: "ruimtevaart" } } })],
    ["relating to an unknown option", figure({ claim: { relation: { group: { q: "vrind", is: "x" }, points: 10 } } })],
    [
      "relating versus an unknown option",
      figure({ claim: { relation: { group: urban, versus: { q: "vrind", is: "x" }, points: 10 } } }),
    ],
    [
      "denying a relation with an unknown option",
      figure({ claim: { noRelation: { group: { q: "vrind", is: "x" }, points: 10 } } }),
    ],
    [
      "denying a relation versus an unknown option",
      figure({ claim: { noRelation: { group: urban, versus: { q: "vrind", is: "x" }, points: 10 } } }),
    ],
    ["ordering an unknown question", figure({ measure: undefined, claim: { highest: ["ja"], of: "kleur" } })],
    ["ordering an unknown option", figure({ measure: undefined, claim: { lowest: ["x"], of: "vrind" } })],
    [
      "ordering while excluding an unknown option",
      figure({ measure: undefined, claim: { highest: ["platteland"], of: "vrind", excluding: ["x"] } }),
    ],
  ])("refuses a figure %s", (_, bad) => {
    expect(refused(figure({ id: "ok" }), bad)).toBe("f");
  });

  it("refuses a second figure with the same id, and a group naming an unknown figure", () => {
    expect(refused(figure(), figure())).toBe("f");
    expect(refusal({ figures: [figure()], groups: [{ id: "som", parts: ["f", "x"], whole: "f" }] }).field).toBe("som");
    expect(refusal({ figures: [figure()], groups: [{ id: "som", parts: ["f"], whole: "x" }] }).field).toBe("som");
  });

  it("points at the line of the figure in the file's text", () => {
    const json = { figures: [figure({ id: "ok" }), figure({ type: "stad" })], groups: [] };
    const text = JSON.stringify(json, null, 2);
    expect(refusal(json, text).line).toBe(text.split("\n").findIndex((l) => l.includes('"id": "f"')) + 1);
    expect(refusal(json).line).toBeUndefined();
  });

  it("expands a sentence into a figure per option (only, except), a figure of an unknown question stays whole", () => {
    const each = (forEach: Record<string, unknown>) =>
      parsePrintedFigures(
        codebook,
        { figures: [figure({ measure: { respondents: { q: "schepen", is: "$option" } }, forEach })], groups: [] },
        "x",
      ).figures.map((f) => [f.id, (f.measure as { respondents: { is: string } }).respondents.is]);
    expect(each({ question: "schepen" })).toEqual([
      ["f/ja", "ja"],
      ["f/nee", "nee"],
    ]);
    expect(each({ question: "schepen", only: ["nee"] })).toEqual([["f/nee", "nee"]]);
    expect(each({ question: "schepen", except: ["nee"] })).toEqual([["f/ja", "ja"]]);
    const whole = parsePrintedFigures(
      codebook,
      { figures: [figure({ forEach: { question: "kleur" } })], groups: [] },
      "x",
    );
    expect(whole.figures.map((f) => f.id)).toEqual(["f"]);
  });
});

describe("a printed-figures file that is no JSON: the line and column of the fault", () => {
  const faultAt = async (text: string) => {
    const dir = await mkdtemp(join(tmpdir(), "printed-"));
    await writeFile(join(dir, "figures.json"), text);
    const error = await loadPrintedFigures(codebook, join(dir, "figures.json")).catch((e: unknown) => e);
    await rm(dir, { recursive: true });
    expect(error).toBeInstanceOf(DataError);
    const { line, column } = (error as DataError).location;
    return [line, column];
  };

  it("finds the fault where V8 gives a position", async () => {
    expect(await faultAt('{\n  "figures": [1, 2\n  "groups": []\n}')).toEqual([3, 3]);
    expect(await faultAt("[1, 2]\n x")).toEqual([2, 2]);
  });

  it("finds an unexpected token where V8 quotes the text around it", async () => {
    expect(await faultAt('{"a": tru}')).toEqual([1, 10]);
    const long =
      '{\n  "source": "a first line long enough for V8 to quote only part of the text",\n  "figures": yes,\n}';
    expect(await faultAt(long)).toEqual([3, 14]);
  });

  it("points at the start of an empty file, and names an unreadable one", async () => {
    expect(await faultAt("")).toEqual([1, 1]);
    const missing = await loadPrintedFigures(codebook, "/nonexistent/figures.json").catch((e: unknown) => e);
    expect((missing as DataError).location).toEqual({ file: "/nonexistent/figures.json" });
  });
});
