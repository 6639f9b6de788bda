import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, generateSurvey, surveyFiles } from "../scripts/generate-data.ts";
import { countInitiatives, countRespondents, type Condition } from "../src/aggregate/count.ts";
import { loadCodebook, loadSurvey, projectCodebookPath } from "../src/survey/index.ts";
import { parseTable } from "../src/load/table.ts";
import { optionsFor, question, questionsFor, type Codebook } from "../src/model/codebook.ts";
import type { Respondent } from "../src/model/survey.ts";
import { validateTable } from "../src/validate/index.ts";

const codebook = await loadCodebook(projectCodebookPath);
const survey = await loadSurvey(new URL("../data", import.meta.url).pathname);
const gemeenten = survey.respondents.filter((r) => r.type === "gemeente");
const ocmws = survey.respondents.filter((r) => r.type === "ocmw");

const q = (id: string, is: string | string[]): Condition => ({ q: id, is });
const yes = (id: string) => q(id, "ja");
const count = (rs: Respondent[], ...conditions: Condition[]) => countRespondents(rs, { all: conditions });
/** Share among `base` respondents, in percent. */
const shareOf = (rs: Respondent[], outcome: Condition, base: Condition) =>
  (100 * count(rs, base, outcome)) / count(rs, base);
const urban = q(
  "vrind",
  question(codebook, "vrind")
    .options.filter((o) => o.urban)
    .map((o) => o.code),
);
const service = yes("erkende_integratiedienst");

/** Count per option of every single and multiple question, and initiatives per rank and category. */
function marginals(cb: Codebook, respondents: Respondent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of cb.respondentTypes) {
    const rs = respondents.filter((r) => r.type === type.code);
    for (const qu of questionsFor(cb, type.code)) {
      for (const o of optionsFor(qu, type.code)) {
        out[`${type.code}.${qu.id}.${o.code}`] =
          qu.kind === "ranked" ? countInitiatives(rs, { category: o.code }) : countRespondents(rs, q(qu.id, o.code));
      }
    }
    for (const rank of [1, 2, 3]) out[`${type.code}.rank${rank}`] = countInitiatives(rs, { rank });
  }
  return out;
}

describe("the generator", () => {
  it("gives the same CSV bytes for the same seed", () => {
    const once = surveyFiles(codebook, generateSurvey(codebook, { seed: 7 }));
    const again = surveyFiles(codebook, generateSurvey(codebook, { seed: 7 }));
    expect(again).toEqual(once);
  });

  it("gives other rows but the same marginals for another seed", () => {
    const a = generateSurvey(codebook, { seed: 7 });
    const b = generateSurvey(codebook, { seed: 8 });
    expect(surveyFiles(codebook, b)).not.toEqual(surveyFiles(codebook, a));
    expect(marginals(codebook, b)).toEqual(marginals(codebook, a));
  });

  it("wrote the committed data/*.csv: nobody edits them by hand", async () => {
    for (const [file, text] of surveyFiles(codebook, generateSurvey(codebook, { seed: DEFAULT_SEED }))) {
      expect(await readFile(new URL(`../data/${file}`, import.meta.url), "utf8"), file).toBe(text);
    }
  });

  it("writes rows that pass the codebook's rules for another seed too", () => {
    const respondents = generateSurvey(codebook, { seed: 99 });
    for (const [file, text] of surveyFiles(codebook, respondents)) {
      const type = codebook.respondentTypes.find((t) => t.file === file)!.code;
      const read = validateTable(codebook, type, parseTable(file, new TextEncoder().encode(text)));
      expect(read.map((r) => r.answers)).toEqual(respondents.filter((r) => r.type === type).map((r) => r.answers));
    }
  });

  it("numbers ids G001…G070 and O001…O062 in shuffled order, so an id does not reveal the class", () => {
    expect(gemeenten.map((r) => r.id)).toEqual(
      Array.from({ length: 70 }, (_, i) => `G${String(i + 1).padStart(3, "0")}`),
    );
    expect(ocmws.map((r) => r.id)).toEqual(Array.from({ length: 62 }, (_, i) => `O${String(i + 1).padStart(3, "0")}`));
    const classOrder = question(codebook, "vrind").options.map((o) => o.code);
    const ranks = gemeenten.map((r) => classOrder.indexOf(r.answers.vrind));
    expect(ranks).not.toEqual([...ranks].sort((x, y) => x - y));
  });

  it("describes initiatives in Dutch phrases with accents, commas and quotes", async () => {
    const text =
      (await readFile(new URL("../data/gemeenten.csv", import.meta.url), "utf8")) +
      (await readFile(new URL("../data/ocmws.csv", import.meta.url), "utf8"));
    expect(text).toMatch(/[éëï]/);
    expect(text).toContain("huiswerkbegeleiding");
    const descriptions = survey.respondents.flatMap((r) => r.answers.initiatieven.map((i) => i.description));
    expect(new Set(descriptions).size).toBeGreaterThan(30);
  });
});

describe("gemeenten (n=70): the joint structure the print describes", () => {
  it("1A: 53 in the printed VRIND classes, the 17 others in the overgangsgebied", () => {
    const byClass = Object.fromEntries(
      question(codebook, "vrind").options.map((o) => [o.code, count(gemeenten, q("vrind", o.code))]),
    );
    expect(byClass).toMatchObject({
      centrumsteden: 10,
      grootstedelijke_rand: 5,
      kleinstedelijk_provinciaal: 9,
      regionaal_stedelijke_rand: 7,
      stedelijk_gebied_brussel: 3,
      structuurondersteunend: 11,
      platteland: 8,
      overgangsgebied: 17,
      grote_steden: 0,
    });
  });

  it("1A: 19 integratiediensten: 8 centrumsteden, 6 structuurondersteunende, 5 kleinstedelijk provinciaal", () => {
    expect(count(gemeenten, service)).toBe(19);
    expect(count(gemeenten, service, q("vrind", "centrumsteden"))).toBe(8);
    expect(count(gemeenten, service, q("vrind", "structuurondersteunend"))).toBe(6);
    expect(count(gemeenten, service, q("vrind", "kleinstedelijk_provinciaal"))).toBe(5);
  });

  it("1A: whoever answers for an integratie- of diversiteitsdienst has an aparte dienst", () => {
    expect(count(gemeenten, q("invuller", "integratie_diversiteit"))).toBe(13);
    expect(count(gemeenten, q("invuller", "integratie_diversiteit"), { not: yes("aparte_dienst") })).toBe(0);
  });

  it("2.1: urbanised classes give the bestuursakkoord attention clearly more often", () => {
    expect(
      shareOf(gemeenten, yes("bestuursakkoord"), urban) - shareOf(gemeenten, yes("bestuursakkoord"), { not: urban }),
    ).toBeGreaterThanOrEqual(10);
    const named = q("vrind", ["overgangsgebied", "grootstedelijke_rand", "platteland", "stedelijk_gebied_brussel"]);
    expect(
      shareOf(gemeenten, yes("bestuursakkoord"), urban) - shareOf(gemeenten, yes("bestuursakkoord"), named),
    ).toBeGreaterThanOrEqual(10);
  });

  it("2.1: with attention in the bestuursakkoord: meestal a meerjarenplan, a schepen and an integratiedienst", () => {
    const agreement = count(gemeenten, yes("bestuursakkoord"));
    for (const other of ["meerjarenplan", "schepen", "erkende_integratiedienst"])
      expect(2 * count(gemeenten, yes("bestuursakkoord"), yes(other)), other).toBeGreaterThan(agreement);
  });

  it("2.2: with attention in the meerjarenplan there is meestal an integratiedienst", () => {
    expect(2 * count(gemeenten, yes("meerjarenplan"), service)).toBeGreaterThan(count(gemeenten, yes("meerjarenplan")));
  });

  it("2.3: the unprinted domains lie strictly between economie (15) and half (35)", () => {
    for (const code of [
      "sport",
      "personeelsbeleid",
      "wonen",
      "gebiedsgerichte_werking",
      "kinderopvang",
      "ouderenbeleid",
      "gezondheid",
    ]) {
      const n = count(gemeenten, q("beleidsdomeinen", code));
      expect(n, code).toBeGreaterThan(15);
      expect(n, code).toBeLessThan(35);
    }
  });

  it("2.3: with an integratiedienst, 10+ points more attention in every domain but burgerzaken (under 5 there)", () => {
    for (const o of optionsFor(question(codebook, "beleidsdomeinen"), "gemeente")) {
      const difference =
        shareOf(gemeenten, q("beleidsdomeinen", o.code), service) -
        shareOf(gemeenten, q("beleidsdomeinen", o.code), { not: service });
      if (o.code === "burgerzaken") expect(Math.abs(difference), o.code).toBeLessThan(5);
      else expect(difference, o.code).toBeGreaterThanOrEqual(10);
    }
  });

  it("2.3: gebiedsgerichte werking and afvalbeleid, and only those, relate to urbanisation", () => {
    for (const o of optionsFor(question(codebook, "beleidsdomeinen"), "gemeente")) {
      const difference =
        shareOf(gemeenten, q("beleidsdomeinen", o.code), urban) -
        shareOf(gemeenten, q("beleidsdomeinen", o.code), { not: urban });
      if (["gebiedsgerichte_werking", "afvalbeleid"].includes(o.code))
        expect(difference, o.code).toBeGreaterThanOrEqual(10);
      else expect(difference, o.code).toBeLessThan(10);
    }
  });

  it("2.4: 33 / 26 / 22 initiatives by rank, nested, no category twice per gemeente, inspraak the largest", () => {
    expect([1, 2, 3].map((rank) => countInitiatives(gemeenten, { rank }))).toEqual([33, 26, 22]);
    for (const r of gemeenten) {
      expect(r.answers.initiatieven.map((i) => i.rank)).toEqual(r.answers.initiatieven.map((_, i) => i + 1));
      expect(new Set(r.answers.initiatieven.map((i) => i.category)).size).toBe(r.answers.initiatieven.length);
    }
    const categories = optionsFor(question(codebook, "initiatieven"), "gemeente").map((o) =>
      countInitiatives(gemeenten, { category: o.code }),
    );
    expect(countInitiatives(gemeenten, { category: "inspraak_participatie" })).toBe(Math.max(...categories));
    expect(categories.filter((c) => c === Math.max(...categories))).toHaveLength(1);
  });

  it("3.1: 26 schepenen, more in centrum-, regionale en structuurondersteunende steden; 15 titles, 11 without", () => {
    expect(count(gemeenten, yes("schepen"))).toBe(26);
    const more = q("vrind", ["centrumsteden", "regionaal_stedelijke_rand", "structuurondersteunend"]);
    const fewer = q("vrind", ["grootstedelijke_rand", "overgangsgebied", "platteland"]);
    expect(shareOf(gemeenten, yes("schepen"), more)).toBeGreaterThan(shareOf(gemeenten, yes("schepen"), fewer));
    expect(
      shareOf(gemeenten, yes("schepen"), urban) - shareOf(gemeenten, yes("schepen"), { not: urban }),
    ).toBeGreaterThanOrEqual(10);
    const titles = {
      integratie: 7,
      diversiteit: 4,
      gelijke_kansen: 2,
      migrantenbeleid: 1,
      emancipatie_interculturaliteit: 1,
    };
    for (const [code, n] of Object.entries(titles)) expect(count(gemeenten, q("schepen_titel", code)), code).toBe(n);
    expect(gemeenten.filter((r) => r.answers.schepen === "ja" && r.answers.schepen_titel === null)).toHaveLength(11);
  });

  it("3.2: 24 staff members; 20 aparte diensten, all among them; the 19 erkende diensten among the aparte", () => {
    expect(count(gemeenten, yes("personeelslid"))).toBe(24);
    expect(count(gemeenten, yes("aparte_dienst"))).toBe(20);
    expect(count(gemeenten, yes("aparte_dienst"), { not: yes("personeelslid") })).toBe(0);
    expect(count(gemeenten, service, { not: yes("aparte_dienst") })).toBe(0);
  });

  it("3.2: veertien overlegstructuren, twaalf with a staff member or dienst, twee without", () => {
    const staffOrUnit: Condition = { any: [yes("personeelslid"), yes("aparte_dienst")] };
    expect(count(gemeenten, yes("overlegstructuur"))).toBe(14);
    expect(count(gemeenten, yes("overlegstructuur"), staffOrUnit)).toBe(12);
    expect(count(gemeenten, yes("overlegstructuur"), { not: staffOrUnit })).toBe(2);
  });

  it("3.3: begrotingspost 21 / 48 / 1, ja mostly where there is a dienst", () => {
    expect(["ja", "nee", "weet_niet"].map((c) => count(gemeenten, q("begrotingspost", c)))).toEqual([21, 48, 1]);
    expect(2 * count(gemeenten, yes("begrotingspost"), yes("aparte_dienst"))).toBeGreaterThan(21);
  });

  it("3.4: inspraak 25 / 40 / 5; forms 10, 5, 6, 4; supplements: enkel adviesraad 1, vertegenwoordigers 3", () => {
    expect(["ja", "nee", "weet_niet"].map((c) => count(gemeenten, q("inspraak", c)))).toEqual([25, 40, 5]);
    expect(
      optionsFor(question(codebook, "inspraak_vorm"), "gemeente").map((o) =>
        count(gemeenten, q("inspraak_vorm", o.code)),
      ),
    ).toEqual([10, 5, 6, 4]);
    expect(count(gemeenten, q("inspraak_aanvulling", "streeft_vertegenwoordigers"))).toBe(1);
    expect(
      count(gemeenten, q("inspraak_aanvulling", "streeft_vertegenwoordigers"), q("inspraak_vorm", "enkel_adviesraad")),
    ).toBe(1);
    expect(count(gemeenten, q("inspraak_aanvulling", "informeel_overleg"))).toBe(3);
    expect(
      count(gemeenten, q("inspraak_aanvulling", "informeel_overleg"), q("inspraak_vorm", "vertegenwoordigers")),
    ).toBe(3);
  });

  it("5: ondersteuning 23 / 45 / 2; sources iff ja; the gemeentelijke integratiedienst only where there is one", () => {
    expect(["ja", "nee", "weet_niet"].map((c) => count(gemeenten, q("ondersteuning", c)))).toEqual([23, 45, 2]);
    const sources = {
      provinciaal_integratiecentrum: 21,
      vlaams_minderhedencentrum: 15,
      gemeentelijke_integratiedienst: 11,
      vlaamse_overheid: 11,
      vvsg: 5,
      federale_overheid: 3,
      andere: 7,
    };
    for (const [code, n] of Object.entries(sources))
      expect(count(gemeenten, q("ondersteuning_bron", code)), code).toBe(n);
    for (const r of gemeenten)
      expect(r.answers.ondersteuning_bron.length > 0, r.id).toBe(r.answers.ondersteuning === "ja");
    expect(
      count(gemeenten, q("ondersteuning_bron", "gemeentelijke_integratiedienst"), { not: yes("aparte_dienst") }),
    ).toBe(0);
  });
});

describe("OCMW's (n=62): the joint structure the print describes", () => {
  it("1B: 43 in the printed VRIND classes, the 19 others in the overgangsgebied", () => {
    const byClass = Object.fromEntries(
      question(codebook, "vrind").options.map((o) => [o.code, count(ocmws, q("vrind", o.code))]),
    );
    expect(byClass).toMatchObject({
      grote_steden: 2,
      centrumsteden: 4,
      grootstedelijke_rand: 2,
      kleinstedelijk_provinciaal: 10,
      regionaal_stedelijke_rand: 8,
      structuurondersteunend: 9,
      platteland: 8,
      overgangsgebied: 19,
      stedelijk_gebied_brussel: 0,
    });
  });

  it("1B: invuller secretaris 35, personeel 8, sociale dienst 7, andere 12", () => {
    expect(["secretaris", "personeel", "sociale_dienst", "andere"].map((c) => count(ocmws, q("invuller", c)))).toEqual([
      35, 8, 7, 12,
    ]);
  });

  it("2.4: 27 first, 22 second, 15 third initiatives, nested; dertien personeelsbeleid, the largest category", () => {
    expect([1, 2, 3].map((rank) => countInitiatives(ocmws, { rank }))).toEqual([27, 22, 15]);
    for (const r of ocmws)
      expect(new Set(r.answers.initiatieven.map((i) => i.category)).size).toBe(r.answers.initiatieven.length);
    const categories = optionsFor(question(codebook, "initiatieven"), "ocmw").map((o) =>
      countInitiatives(ocmws, { category: o.code }),
    );
    expect(countInitiatives(ocmws, { category: "personeelsbeleid" })).toBe(13);
    expect(categories.filter((c) => c >= 13)).toEqual([13]);
  });

  it("3.2: zeven staff members, vier of them with an aparte dienst, één dienst without a staff member", () => {
    expect(count(ocmws, yes("personeelslid"))).toBe(7);
    expect(count(ocmws, yes("personeelslid"), yes("aparte_dienst"))).toBe(4);
    expect(count(ocmws, yes("aparte_dienst"), { not: yes("personeelslid") })).toBe(1);
  });

  it("3.2: zeven overlegstructuren, vijf without a staff member or dienst", () => {
    expect(count(ocmws, yes("overlegstructuur"))).toBe(7);
    expect(count(ocmws, yes("overlegstructuur"), { not: { any: [yes("personeelslid"), yes("aparte_dienst")] } })).toBe(
      5,
    );
  });

  it("5: ondersteuning 13 / 41 / 8; sources only and always for ja", () => {
    expect(["ja", "nee", "weet_niet"].map((c) => count(ocmws, q("ondersteuning", c)))).toEqual([13, 41, 8]);
    const sources = {
      vlaams_minderhedencentrum: 7,
      provinciaal_integratiecentrum: 6,
      vvsg: 6,
      gemeentelijke_integratiedienst: 5,
      vlaamse_overheid: 4,
      federale_overheid: 2,
      andere: 8,
    };
    for (const [code, n] of Object.entries(sources)) expect(count(ocmws, q("ondersteuning_bron", code)), code).toBe(n);
    for (const r of ocmws) expect(r.answers.ondersteuning_bron.length > 0, r.id).toBe(r.answers.ondersteuning === "ja");
  });
});
