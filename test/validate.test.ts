import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../src/errors.ts";
import { parseTable, readTable, type Table } from "../src/load/table.ts";
import {
  columnsFor,
  optionsFor,
  questionsFor,
  type Codebook,
  type Condition,
  type Question,
  type RespondentTypeCode,
} from "../src/model/codebook.ts";
import { respondentsToCsv } from "../src/model/rows.ts";
import type { Respondent } from "../src/model/survey.ts";
import { validateTable } from "../src/validate/index.ts";

const codebook = JSON.parse(readFileSync(new URL("../data/codebook.json", import.meta.url), "utf8")) as Codebook;
const fixture = (file: string) => fileURLToPath(new URL(`fixtures/input/valid/${file}`, import.meta.url));

let gemeenten: Table;
let ocmws: Table;
beforeAll(async () => {
  gemeenten = await readTable(fixture("gemeenten.csv"));
  ocmws = await readTable(fixture("ocmws.csv"));
});

const columnOf = (table: Table, name: string) => table.header.indexOf(name) + 1;

/** A copy of the table with cells of one respondent's row changed. */
function withCells(table: Table, id: string, changes: Record<string, string>): Table {
  return {
    ...table,
    rows: table.rows.map((row) => {
      if (row.cells[0] !== id) return row;
      const cells = [...row.cells];
      for (const [name, value] of Object.entries(changes)) {
        const index = table.header.indexOf(name);
        if (index === -1) throw new Error(`fixture has no column ${name}`);
        cells[index] = value;
      }
      return { ...row, cells };
    }),
  };
}

/** A copy of the table with a column added at the end of the header and of every row. */
const withColumn = (table: Table, name: string, value: string): Table => ({
  ...table,
  header: [...table.header, name],
  rows: table.rows.map((row) => ({ ...row, cells: [...row.cells, value] })),
});

function refusal(type: RespondentTypeCode, table: Table): DataError {
  try {
    validateTable(codebook, type, table);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error("validateTable accepted the table");
}

interface Expected {
  line: number;
  column: number;
  field?: string;
  value?: string;
  problem: RegExp;
  expected?: RegExp;
}

function expectRefused(type: RespondentTypeCode, table: Table, want: Expected) {
  const error = refusal(type, table);
  const { problem, expected, ...location } = want;
  expect(error.location).toMatchObject({ file: table.file, ...location });
  expect(error.problem).toMatch(problem);
  if (expected) expect(error.location.expected).toMatch(expected);
  expect(error.message.startsWith(`${table.file}:${want.line}:${want.column}: `)).toBe(true);
  if (want.field !== undefined) expect(error.message).toContain(`"${want.field}"`);
  if (want.value !== undefined) expect(error.message).toContain(JSON.stringify(want.value));
  expect(error.message).not.toContain("\n");
}

describe("a valid file", () => {
  it("becomes typed respondents with their source lines", () => {
    const respondents = validateTable(codebook, "gemeente", gemeenten);
    expect(respondents.map((r) => [r.id, r.source.line])).toEqual([
      ["G001", 2],
      ["G002", 3],
      ["G003", 4],
      ["G004", 6],
    ]);
    const [g001, g002, g003] = respondents;
    expect(g001!.answers).toMatchObject({
      vrind: "centrumsteden",
      schepen_titel: "integratie",
      inspraak_aanvulling: null,
    });
    expect(g001!.answers.ondersteuning_bron).toEqual(["provinciaal_integratiecentrum", "vlaams_minderhedencentrum"]);
    expect(g001!.answers.initiatieven[1]).toEqual({
      rank: 2,
      category: "onderwijs",
      description: 'huiswerkbegeleiding, kleuterparticipatie en "brede school"',
    });
    expect(g002!.answers).toMatchObject({
      schepen_titel: null,
      inspraak_vorm: null,
      initiatieven: [],
      ondersteuning_bron: [],
    });
    expect(g003!.answers.initiatieven).toEqual([
      { rank: 1, category: "sensibiliseren", description: "werkgroep oprichten\nom intern te sensibiliseren" },
    ]);
  });

  it("leaves out the questions not put to a respondent type", () => {
    const [o001] = validateTable(codebook, "ocmw", ocmws);
    expect(Object.keys(o001!.answers)).toEqual(questionsFor(codebook, "ocmw").map((q) => q.id));
    expect(o001!.answers).not.toHaveProperty("schepen");
  });

  it("trims the whitespace around cells, and accepts the columns in any order", () => {
    const padded = withCells(gemeenten, "G002", { id: " G002 ", vrind: "\tplatteland ", domein_cultuur: " 1" });
    const reversed: Table = {
      ...padded,
      header: [...padded.header].reverse(),
      rows: padded.rows.map((r) => ({ ...r, cells: [...r.cells].reverse() })),
    };
    const g002 = validateTable(codebook, "gemeente", reversed)[1]!;
    expect(g002.id).toBe("G002");
    expect(g002.answers.vrind).toBe("platteland");
    expect(g002.answers.beleidsdomeinen).toEqual(["lokaal_sociaal_beleid", "cultuur"]);
  });

  it("is read, never written: validation works on a frozen table", () => {
    const frozen = structuredClone(gemeenten);
    for (const row of frozen.rows) Object.freeze(row.cells);
    Object.freeze(frozen.rows);
    Object.freeze(frozen.header);
    expect(validateTable(codebook, "gemeente", Object.freeze(frozen))).toHaveLength(4);
  });
});

describe("the header", () => {
  it("refuses a missing column, at the place the codebook gives it", () => {
    const index = gemeenten.header.indexOf("schepen_titel");
    const table = {
      ...gemeenten,
      header: gemeenten.header.filter((_, i) => i !== index),
      rows: gemeenten.rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => i !== index) })),
    };
    expectRefused("gemeente", table, {
      line: 1,
      column: index + 1,
      field: "schepen_titel",
      problem: /^missing column$/,
    });
  });

  it("refuses an unknown column", () => {
    const table = withColumn(gemeenten, "opmerking", "");
    expectRefused("gemeente", table, {
      line: 1,
      column: table.header.length,
      field: "opmerking",
      value: "opmerking",
      problem: /^unknown column$/,
    });
  });

  it("refuses a column of another respondent type", () => {
    const index = ocmws.header.indexOf("domein_buurtwerk");
    const table = { ...ocmws, header: ocmws.header.map((h, i) => (i === index ? "domein_sport" : h)) };
    expectRefused("ocmw", table, {
      line: 1,
      column: index + 1,
      field: "domein_sport",
      problem: /^unknown column$/,
      expected: /domein_buurtwerk/,
    });
  });

  it("refuses a duplicate column, naming where it first stands", () => {
    const table = withColumn(gemeenten, "vrind", "platteland");
    expectRefused("gemeente", table, {
      line: 1,
      column: table.header.length,
      field: "vrind",
      problem: /^duplicate column$/,
      expected: new RegExp(`first in column ${columnOf(gemeenten, "vrind")}\\b`),
    });
  });

  it("refuses a header without rows", () => {
    expectRefused("gemeente", { ...gemeenten, rows: [] }, { line: 2, column: 1, problem: /^header without rows$/ });
  });
});

describe("a row", () => {
  it("refuses too few cells, naming the first missing column", () => {
    const short = {
      ...gemeenten,
      rows: gemeenten.rows.map((r, i) => (i === 1 ? { ...r, cells: r.cells.slice(0, 10) } : r)),
    };
    expectRefused("gemeente", short, {
      line: 3,
      column: 11,
      field: gemeenten.header[10],
      problem: /^too few cells \(10\)$/,
    });
  });

  it("refuses too many cells, at the first one beyond the header", () => {
    const long = {
      ...gemeenten,
      rows: gemeenten.rows.map((r, i) => (i === 1 ? { ...r, cells: [...r.cells, "extra"] } : r)),
    };
    const column = gemeenten.header.length + 1;
    expectRefused("gemeente", long, {
      line: 3,
      column,
      value: "extra",
      problem: /^too many cells/,
      expected: new RegExp(`${column - 1} cells`),
    });
  });

  it("refuses an id that does not match the respondent type's pattern", () => {
    for (const id of ["O005", "G1", "Gent", ""]) {
      const table = withCells(gemeenten, "G003", { id });
      expectRefused("gemeente", table, {
        line: 4,
        column: 1,
        field: "id",
        value: id,
        problem: /not a gemeente id/,
        expected: /\^G\[0-9\]/,
      });
    }
  });

  it("refuses a duplicate id, naming the line where it first occurs", () => {
    const table = withCells(gemeenten, "G004", { id: "G001" });
    expectRefused("gemeente", table, {
      line: 6,
      column: 1,
      field: "id",
      value: "G001",
      problem: /^duplicate id, first on line 2$/,
    });
  });

  it("reports the first problem by line when there are several", () => {
    const table = withCells(withCells(gemeenten, "G004", { vrind: "stad" }), "G002", { invuller: "" });
    expectRefused("gemeente", table, {
      line: 3,
      column: columnOf(gemeenten, "invuller"),
      field: "invuller",
      problem: /required/,
    });
  });
});

describe("an answer", () => {
  const vrindCodes = new RegExp(
    optionsFor(
      codebook.questions.find((q) => q.id === "vrind")!,
      "gemeente",
    )
      .map((o) => o.code)
      .join(", "),
  );

  it("refuses an unknown code, listing the codes", () => {
    const table = withCells(gemeenten, "G002", { vrind: "grootstad" });
    expectRefused("gemeente", table, {
      line: 3,
      column: columnOf(gemeenten, "vrind"),
      field: "vrind",
      value: "grootstad",
      problem: /^unknown answer code$/,
      expected: vrindCodes,
    });
  });

  it("takes codes exactly as the codebook spells them", () => {
    const table = withCells(gemeenten, "G002", { schepen: "Nee" });
    expectRefused("gemeente", table, {
      line: 3,
      column: columnOf(gemeenten, "schepen"),
      field: "schepen",
      value: "Nee",
      problem: /^unknown answer code$/,
      expected: /^one of ja, nee$/,
    });
  });

  it("refuses a 0/1 column with another value", () => {
    for (const value of ["ja", "2", "", "x"]) {
      const table = withCells(gemeenten, "G001", { domein_cultuur: value });
      expectRefused("gemeente", table, {
        line: 2,
        column: columnOf(gemeenten, "domein_cultuur"),
        field: "domein_cultuur",
        value,
        problem: /0\/1/,
        expected: /1 .* or 0 /,
      });
    }
  });

  it("refuses an empty required answer", () => {
    const table = withCells(gemeenten, "G001", { inspraak_vorm: "" });
    expectRefused("gemeente", table, {
      line: 2,
      column: columnOf(gemeenten, "inspraak_vorm"),
      field: "inspraak_vorm",
      value: "",
      problem: /^required answer is empty$/,
      expected: /enkel_adviesraad/,
    });
  });

  it("accepts an empty optional answer where the question was asked", () => {
    const table = withCells(gemeenten, "G001", { schepen_titel: "" });
    expect(validateTable(codebook, "gemeente", table)[0]!.answers.schepen_titel).toBeNull();
  });

  it("refuses a schepen title without schepen = ja", () => {
    const table = withCells(gemeenten, "G002", { schepen_titel: "integratie" });
    expectRefused("gemeente", table, {
      line: 3,
      column: columnOf(gemeenten, "schepen_titel"),
      field: "schepen_titel",
      value: "integratie",
      problem: /not asked/,
      expected: /^empty \(asked only when schepen is ja\)$/,
    });
  });

  it("refuses a ticked source without ondersteuning = ja", () => {
    for (const ondersteuning of ["nee", "weet_niet"]) {
      const table = withCells(gemeenten, "G001", { ondersteuning });
      expectRefused("gemeente", table, {
        line: 2,
        column: columnOf(gemeenten, "bron_provinciaal_integratiecentrum"),
        field: "bron_provinciaal_integratiecentrum",
        value: "1",
        problem: /ticked where the question was not asked/,
        expected: /asked only when ondersteuning is ja/,
      });
    }
  });
});

describe("a ranked answer", () => {
  it("refuses rank n without rank n − 1", () => {
    const table = withCells(gemeenten, "G004", { initiatief1_categorie: "", initiatief1_omschrijving: "" });
    expectRefused("gemeente", table, {
      line: 6,
      column: columnOf(gemeenten, "initiatief2_categorie"),
      field: "initiatief2_categorie",
      problem: /^rank 2 given without rank 1$/,
    });
    const gap = withCells(gemeenten, "G004", {
      initiatief2_categorie: "",
      initiatief2_omschrijving: "",
      initiatief3_categorie: "onderwijs",
      initiatief3_omschrijving: "huiswerkklassen",
    });
    expectRefused("gemeente", gap, {
      line: 6,
      column: columnOf(gemeenten, "initiatief3_categorie"),
      problem: /^rank 3 given without rank 2$/,
    });
  });

  it("refuses a category without description", () => {
    const table = withCells(gemeenten, "G004", { initiatief2_omschrijving: " " });
    expectRefused("gemeente", table, {
      line: 6,
      column: columnOf(gemeenten, "initiatief2_omschrijving"),
      field: "initiatief2_omschrijving",
      value: " ",
      problem: /^category without description$/,
    });
  });

  it("refuses a description without category, listing the categories", () => {
    const table = withCells(gemeenten, "G004", { initiatief1_categorie: "" });
    expectRefused("gemeente", table, {
      line: 6,
      column: columnOf(gemeenten, "initiatief1_categorie"),
      field: "initiatief1_categorie",
      problem: /^description without category$/,
      expected: /inspraak_participatie/,
    });
  });

  it("refuses a category of another respondent type", () => {
    const table = withCells(gemeenten, "G004", { initiatief1_categorie: "taalstimulering" });
    const error = refusal("gemeente", table);
    expect(error.problem).toBe("unknown answer code");
    expect(error.location.expected).toContain("beleidsplanning");
    expect(error.location.expected).not.toContain("taalstimulering");
  });
});

/** Answers that honour the codebook: codes of the type, and nothing where a question was not asked. */
function arbitraryRespondent(type: RespondentTypeCode, id: fc.Arbitrary<string>): fc.Arbitrary<Respondent> {
  const text = fc
    .string({ unit: fc.constantFrom(..."aeiouéëïçàbdnrst ,;'\"\n-"), minLength: 1, maxLength: 60, size: "medium" })
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const answer = (q: Question, codes: string[]): fc.Arbitrary<unknown> => {
    if (q.kind === "multiple") return fc.subarray(codes);
    if (q.kind === "ranked")
      return fc
        .array(fc.record({ category: fc.constantFrom(...codes), description: text }), { maxLength: q.ranks })
        .map((items) => items.map((item, i) => ({ rank: i + 1, ...item })));
    const code = fc.constantFrom(...codes);
    return q.askedIf || q.required === false ? fc.option(code, { nil: null }) : code;
  };
  const questions = questionsFor(codebook, type);
  const arbitraries = Object.fromEntries(
    questions.map((q) => [
      q.id,
      answer(
        q,
        optionsFor(q, type).map((o) => o.code),
      ),
    ]),
  );
  const holds = (answers: Record<string, unknown>, c: Condition) =>
    [answers[c.q]].flat().some((code) => [c.is].flat().includes(code as string));
  return fc.record({ id, answers: fc.record(arbitraries) }).map(({ id, answers }) => {
    for (const q of questions)
      if (q.askedIf && !holds(answers, q.askedIf)) answers[q.id] = q.kind === "single" ? null : [];
      else if (q.kind === "single" && q.required !== false && answers[q.id] === null)
        answers[q.id] = optionsFor(q, type)[0]!.code;
    return { id, type, answers, source: { file: "", line: 0 } } as unknown as Respondent;
  });
}

describe("round trip (property)", () => {
  it.each(["gemeente", "ocmw"] as const)(
    "respondentsToCsv → readTable → validateTable gives back any valid %s respondents",
    (type) => {
      const prefix = type === "gemeente" ? "G" : "O";
      const id = fc.integer({ min: 0, max: 99_999 }).map((n) => prefix + String(n).padStart(3, "0"));
      fc.assert(
        fc.property(
          fc.uniqueArray(arbitraryRespondent(type, id), { selector: (r) => r.id, minLength: 1, maxLength: 8 }),
          (respondents) => {
            const csv = respondentsToCsv(codebook, type, respondents);
            const table = parseTable(`${type}.csv`, new TextEncoder().encode(csv));
            expect(table.header).toEqual(columnsFor(codebook, type));
            const read = validateTable(codebook, type, table);
            expect(read.map(({ id, type, answers }) => ({ id, type, answers }))).toEqual(
              respondents.map(({ id, type, answers }) => ({ id, type, answers })),
            );
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});
