import { DocumentOutline, readOutlineDeclaration, type OutlineDeclaration } from "../src/documents/outline.ts";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildFactSheet,
  factSheetGroups,
  MIN_PEER_GROUP,
  type AnswerBlock,
  type FactSheetModel,
} from "../src/aggregate/factsheet.ts";
import { UsageError } from "../src/errors.ts";
import { optionsFor, question } from "../src/model/codebook.ts";
import type { Answers, Respondent, Survey } from "../src/model/survey.ts";
import { createRenderer, type Renderer } from "../src/render/templates.ts";
import { codebook, HOSTILE_DESCRIPTION, survey } from "./fixtures/factsheet/survey.ts";

const templatesDir = fileURLToPath(new URL("../templates", import.meta.url));
// Summarised inside each test, not once for the file: Stryker switches a mutant on only while tests run.
const sheet = (id: string) => buildFactSheet(survey, id);
const share = (count: number, base: number, tenths: number) => ({ count, base, tenths });

function block(model: FactSheetModel, questionId: string): AnswerBlock {
  const found = [...model.profile, ...model.policy, ...model.organisation, ...model.support].find(
    (b) => b.questionId === questionId,
  );
  if (!found) throw new Error(`no block for ${questionId}`);
  return found;
}
const single = (model: FactSheetModel, questionId: string) => block(model, questionId).rows[0]!;
const option = (model: FactSheetModel, questionId: string, label: string) =>
  block(model, questionId).rows.find((r) => r.label === label)!;

describe("the fact sheet model", () => {
  it("names the respondent, its type and its VRIND class, and counts the respondent in its own groups", () => {
    const g1 = sheet("G001");
    expect(g1.header.id).toBe("G001");
    expect(g1.header.type.singular).toBe("gemeente");
    expect(g1.header.survey.fieldwork).toBe("december 2008");
    expect(g1.all).toEqual({ label: "gemeenten", n: 10 });
    expect(g1.peers).toMatchObject({ code: "centrumsteden", label: "centrumsteden", n: 6, shown: true, reason: null });
  });

  it("gives its own answer beside the share of all of its type and of its peers answering the same", () => {
    const g1 = sheet("G001");
    // bestuursakkoord "ja": G001 and G002 of the 10 gemeenten, both centrumsteden (6).
    expect(single(g1, "bestuursakkoord")).toMatchObject({
      status: "chosen",
      answer: "ja",
      all: share(2, 10, 200),
      peers: share(2, 6, 333),
    });
    expect(single(g1, "schepen_titel")).toMatchObject({
      status: "chosen",
      answer: "schepen van diversiteit",
      all: share(1, 10, 100),
      peers: share(1, 6, 167),
    });
    expect(single(g1, "meerjarenplan")).toMatchObject({
      answer: "nee",
      all: share(10, 10, 1000),
      peers: share(6, 6, 1000),
    });
  });

  it("compares an empty answer with others who left it empty, and a question not asked with others not asked", () => {
    // Only G001 and G003 have a schepen, so only they were asked the title; G003 left it empty.
    expect(single(sheet("G003"), "schepen_titel")).toMatchObject({
      status: "empty",
      answer: null,
      all: share(1, 10, 100),
      peers: share(1, 6, 167),
    });
    expect(single(sheet("G002"), "schepen_titel")).toMatchObject({
      status: "notAsked",
      all: share(8, 10, 800),
      peers: share(4, 6, 667),
    });
  });

  it("shows a multiple question option by option, or as one row where it was not asked", () => {
    const g1 = sheet("G001");
    expect(block(g1, "ondersteuning_bron").multiple).toBe(true);
    expect(option(g1, "ondersteuning_bron", "VVSG")).toMatchObject({
      status: "ticked",
      all: share(2, 10, 200),
      peers: share(2, 6, 333),
    });
    // Asked of G001 and G002, ticked by neither.
    expect(option(g1, "ondersteuning_bron", "Vlaams Minderhedencentrum")).toMatchObject({
      status: "notTicked",
      all: share(2, 10, 200),
    });
    const g5 = block(sheet("G005"), "ondersteuning_bron");
    expect(g5.multiple).toBe(false);
    expect(g5.rows).toEqual([
      expect.objectContaining({
        label: "Bronnen van ondersteuning",
        status: "notAsked",
        all: share(8, 10, 800),
        peers: share(4, 6, 667),
      }),
    ]);
  });

  it("numbers the rows like the bijlage and leaves out what its type was not asked", () => {
    const g1 = sheet("G001");
    expect(g1.policy.map((b) => [b.questionId, b.number])).toEqual([
      ["bestuursakkoord", "2.1"],
      ["meerjarenplan", "2.2"],
    ]);
    expect(g1.organisation.map((b) => b.number)).toEqual(["3.1", null, "3.2", null, null, "3.3", "3.4", null, null]);
    const o1 = sheet("O001");
    expect(o1.policy.map((b) => b.questionId)).toEqual(["meerjarenplan"]);
    expect(single(o1, "meerjarenplan")).toMatchObject({ answer: "ja", all: share(2, 5, 400), peers: share(2, 5, 400) });
  });

  it("gives every domain of its type with its own answer and both shares, ready for a chart", () => {
    const g1 = sheet("G001");
    expect(g1.domainRows).toHaveLength(21);
    expect(g1.domainRows.find((d) => d.code === "cultuur")).toEqual({
      code: "cultuur",
      label: "cultuur",
      own: true,
      all: share(4, 10, 400),
      peers: share(4, 6, 667),
    });
    expect(g1.domainRows.find((d) => d.code === "lokaal_sociaal_beleid")).toMatchObject({
      own: true,
      all: share(5, 10, 500),
      peers: share(4, 6, 667),
    });
    expect(g1.domainRows.find((d) => d.code === "jeugd")).toMatchObject({ own: false, all: share(1, 10, 100) });
    expect(sheet("O001").domainRows).toHaveLength(9);
  });

  it("lists its own initiatives by rank with the share naming the same category", () => {
    expect(sheet("G001").initiatives).toEqual([
      {
        rank: 1,
        category: "personeelsbeleid",
        label: "personeelsbeleid",
        description: HOSTILE_DESCRIPTION,
        all: share(1, 10, 100),
        peers: share(1, 6, 167),
      },
      {
        rank: 2,
        category: "onderwijs",
        label: "onderwijs",
        description: "Taalbad voor kleuters",
        all: share(2, 10, 200),
        peers: share(2, 6, 333),
      },
    ]);
  });

  it("ranks its number of domains and of structural elements within its type and its peers", () => {
    // Domains per gemeente: G001 3, G002 1, G003 3, G004 5, G005 0, G006 2, G007 1, G008–G010 0.
    expect(sheet("G001").summary.domains).toEqual({
      all: { score: 3, max: 21, n: 10, fewer: 7, same: 1, more: 1 },
      peers: { score: 3, max: 21, n: 6, fewer: 3, same: 1, more: 1 },
    });
    // Structural elements: G001 all four, G002 a staff member, the rest none.
    expect(sheet("G002").summary.structure.all).toEqual({ score: 1, max: 4, n: 10, fewer: 8, same: 0, more: 1 });
  });

  it(`suppresses a peer group of fewer than ${MIN_PEER_GROUP}, with its reason, everywhere`, () => {
    const g7 = sheet("G007");
    expect(g7.peers).toMatchObject({ label: "platteland", n: 4, shown: false, reason: "tooFew" });
    const rows = [...g7.profile, ...g7.policy, ...g7.organisation, ...g7.support].flatMap((b) => b.rows);
    expect(rows.every((r) => r.peers === null)).toBe(true);
    expect(g7.domainRows.every((d) => d.peers === null)).toBe(true);
    expect(g7.summary.domains.peers).toBeNull();
    expect(single(g7, "bestuursakkoord").all).toEqual(share(7, 10, 700));
  });

  it("refuses an id that is not in the data", () => {
    expect(() => sheet("G999")).toThrow(UsageError);
  });
});

describe("the fact sheet document", () => {
  let renderer: Renderer;
  let outline: OutlineDeclaration;
  beforeAll(async () => {
    renderer = await createRenderer(templatesDir);
    outline = await readOutlineDeclaration(templatesDir, "fiche");
  });

  const render = (id: string) =>
    renderer.render("fiche/document", {
      meta: {
        fontCss: "",
        css: "",
        runningHeader: `Fiche ${id}`,
        settings: { footnoteNumber: 109, firstPage: 1 },
        survey: codebook.survey,
        web: null,
      },
      sheet: sheet(id),
      outline: new DocumentOutline(outline, { heading: sheet(id).header.title }),
      charts: {
        domains: {
          id: "figuur-1",
          number: 1,
          title: "Aandacht per beleidsdomein",
          svg: "<svg/>",
          note: "",
          annexTable: false,
        },
      },
    });
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

  it("escapes free-text descriptions: no script, no template syntax evaluated", () => {
    const html = render("G001");
    expect(html).toContain("Diversiteitsplan &lt;script&gt;alert(1)&lt;/script&gt; {{x}} &amp; co");
    expect(html).not.toContain("<script");
  });

  it("says in words where the respondent stands", () => {
    const words = text(render("G001"));
    expect(words).toContain(
      "Uw bestuur besteedt in 3 van de 21 beleidsdomeinen aandacht aan etnisch-culturele diversiteit ( figuur 1 ). " +
        "7 van de 10 gemeenten doen dat in minder domeinen, 1 in evenveel.",
    );
    expect(words).toContain(
      "In de VRIND-klasse centrumsteden (6 gemeenten) doen 3 gemeenten dat in minder domeinen, 1 in evenveel.",
    );
    expect(words).toContain("heeft uw bestuur er 4. 9 van de 10 gemeenten hebben er minder, geen evenveel.");
  });

  it("heads the share columns with the groups and their sizes", () => {
    const words = text(render("G001"));
    expect(words).toContain("Uw bestuur Alle gemeenten (n = 10) Centrumsteden (n = 6)");
    expect(words).toContain("Aandacht in het bestuursakkoord ja 20% 33,3%");
  });

  it("explains an empty peer column", () => {
    const words = text(render("G007"));
    expect(words).toContain("te weinig om te vergelijken, en een lezer zou kunnen afleiden wie wat antwoordde");
    expect(words).toContain("Aandacht in het bestuursakkoord nee 70% –");
  });

  it("says the data are reconstructed and the id a pseudonym", () => {
    const words = text(render("O003"));
    expect(words).toContain("Gereconstrueerde gegevens:");
    expect(words).toContain("O003 is een schuilnaam");
  });

  it("renders every respondent as one document with numbered headings", () => {
    for (const r of survey.respondents) {
      const html = render(r.id);
      expect(html.match(/<html lang="nl-BE">/g)).toHaveLength(1);
      expect(html).toContain(`<h1 id="fiche">`);
      for (const id of ["samenvatting", "s1", "s2", "s2-3", "s2-4", "s3", "s5", "over"])
        expect(html).toContain(`id="${id}"`);
    }
  });
});

describe("the fact sheet of any survey", () => {
  const gemeenteOptions = (id: string) => optionsFor(question(codebook, id), "gemeente").map((o) => o.code);
  const pick = (id: string) => fc.constantFrom(...gemeenteOptions(id));
  const subset = (id: string) => fc.subarray(gemeenteOptions(id));

  const answers: fc.Arbitrary<Answers> = fc
    .record({
      vrind: fc.constantFrom("centrumsteden", "platteland", "overgangsgebied"),
      erkende_integratiedienst: pick("erkende_integratiedienst"),
      invuller: pick("invuller"),
      bestuursakkoord: pick("bestuursakkoord"),
      meerjarenplan: pick("meerjarenplan"),
      beleidsdomeinen: subset("beleidsdomeinen"),
      initiatieven: fc
        .array(pick("initiatieven"), { maxLength: 3 })
        .map((cs) => cs.map((category, i) => ({ rank: i + 1, category, description: "x" }))),
      schepen: pick("schepen"),
      schepen_titel: fc.option(pick("schepen_titel")),
      personeelslid: pick("personeelslid"),
      aparte_dienst: pick("aparte_dienst"),
      overlegstructuur: pick("overlegstructuur"),
      begrotingspost: pick("begrotingspost"),
      inspraak: pick("inspraak"),
      inspraak_vorm: pick("inspraak_vorm"),
      inspraak_aanvulling: fc.option(pick("inspraak_aanvulling")),
      ondersteuning: pick("ondersteuning"),
      ondersteuning_bron: subset("ondersteuning_bron"),
    })
    // Questions skipped by an earlier answer stay empty, as validation demands.
    .map(
      (a) =>
        ({
          ...a,
          schepen_titel: a.schepen === "ja" ? a.schepen_titel : null,
          inspraak_vorm: a.inspraak === "ja" ? a.inspraak_vorm : null,
          inspraak_aanvulling: a.inspraak === "ja" ? a.inspraak_aanvulling : null,
          ondersteuning_bron: a.ondersteuning === "ja" ? a.ondersteuning_bron : [],
        }) as Answers,
    );

  const surveys = fc.array(answers, { minLength: 1, maxLength: 25 }).map((list): Survey => ({
    codebook,
    respondents: list.map((a, i): Respondent => ({
      id: `G${String(i + 1).padStart(3, "0")}`,
      type: "gemeente",
      answers: a,
      source: { file: "generated", line: i + 2 },
    })),
  }));

  it("counts the respondent among those answering as it did, and places it exactly once in every ranking", () => {
    fc.assert(
      fc.property(surveys, (s) => {
        const g = factSheetGroups(s);
        for (const r of s.respondents) {
          const model = buildFactSheet(s, r.id, g);
          const rows = [...model.profile, ...model.policy, ...model.organisation, ...model.support].flatMap(
            (b) => b.rows,
          );
          for (const row of rows.filter((x) => x.status !== "notTicked")) {
            expect(row.all.count).toBeGreaterThanOrEqual(1);
            expect(row.all.base).toBe(s.respondents.length);
            if (row.peers) expect(row.peers.count).toBeGreaterThanOrEqual(1);
          }
          expect(model.peers.shown).toBe(model.peers.n >= MIN_PEER_GROUP);
          for (const standing of [
            model.summary.domains.all,
            model.summary.structure.all,
            model.summary.domains.peers,
            model.summary.structure.peers,
          ]) {
            if (standing) expect(standing.fewer + standing.same + standing.more + 1).toBe(standing.n);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
