import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../src/errors.ts";
import { decodeWindows1252 } from "../src/load/decode.ts";
import { loadCodebook, loadSurvey, projectCodebookPath } from "../src/survey/index.ts";
import { readTable } from "../src/load/index.ts";
import type { Respondent, Survey } from "../src/model/survey.ts";

const fixtureDir = fileURLToPath(new URL("fixtures/input/valid/", import.meta.url));
const dataDir = fileURLToPath(new URL("../data/", import.meta.url));
const files = ["gemeenten.csv", "ocmws.csv"];
/** The committed fixture always; the reconstructed data set once it exists. */
const sources = [fixtureDir, ...(existsSync(join(dataDir, files[0]!)) ? [dataDir] : [])];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "load-test-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

let fileCount = 0;
async function writeScratch(content: string | Uint8Array, name = `t${fileCount++}.csv`): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, content);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<DataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

function expectAt(error: DataError, file: string, line: number, column: number) {
  expect(error.location).toMatchObject({ file, line, column });
  expect(error.message.startsWith(`${file}:${line}:${column}: `)).toBe(true);
  expect(error.message).not.toContain("\n");
}

/** How Excel would save the same sheet: one encoder, delimiter and line end per variant. */
const cp1252 = new Map(
  Array.from({ length: 256 }, (_, byte) => [decodeWindows1252(Uint8Array.of(byte)), byte] as const),
);
function encodeWindows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const byte = cp1252.get(char);
    if (byte === undefined) throw new Error(`"${char}" has no Windows-1252 byte`);
    return byte;
  });
}

interface Variant {
  name: string;
  delimiter: "," | ";";
  lineEnd: string;
  encode: (text: string) => Uint8Array;
}
const utf8 = (text: string) => new TextEncoder().encode(text);
const variants: Variant[] = [
  { name: "Belgian Excel: semicolon, Windows-1252, CRLF", delimiter: ";", lineEnd: "\r\n", encode: encodeWindows1252 },
  { name: "semicolon and Windows-1252 with LF", delimiter: ";", lineEnd: "\n", encode: encodeWindows1252 },
  { name: "UTF-8 with BOM", delimiter: ",", lineEnd: "\n", encode: (t) => utf8(`\uFEFF${t}`) },
  { name: "CRLF", delimiter: ",", lineEnd: "\r\n", encode: utf8 },
];

function rewrite(csv: string, variant: Variant): Uint8Array {
  const records = parse(csv) as string[][];
  const special = new RegExp(`["${variant.delimiter}\\r\\n]`);
  const cell = (c: string) => (special.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = records.map((r) => r.map(cell).join(variant.delimiter) + variant.lineEnd).join("");
  return variant.encode(text);
}

/** Everything but the file a respondent came from, which differs by folder. */
const comparable = (survey: Survey) =>
  survey.respondents.map(({ source, ...rest }: Respondent) => ({ ...rest, line: source.line }));

describe("readTable", () => {
  it("keeps the physical line of each row when a quoted cell spans lines", async () => {
    const table = await readTable(join(fixtureDir, "gemeenten.csv"));
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4, 6]);
    expect(table.rows[2]!.cells).toContain("werkgroep oprichten\nom intern te sensibiliseren");
    expect(table).toMatchObject({ encoding: "utf-8", delimiter: ",", headerLine: 1 });
  });

  it("detects the delimiter from the header, outside quotes", async () => {
    const path = await writeScratch('id;"a,b";c\nG001;"1,5";x\n');
    const table = await readTable(path);
    expect(table.delimiter).toBe(";");
    expect(table.header).toEqual(["id", "a,b", "c"]);
    expect(table.rows).toEqual([{ line: 2, cells: ["G001", "1,5", "x"] }]);
  });

  it("reads bytes that are not UTF-8 as Windows-1252, with its own characters at 0x80–0x9F", async () => {
    const latin = encodeWindows1252("id;omschrijving\nG001;één café ");
    const path = await writeScratch(Uint8Array.from([...latin, 0x80, 0x20, 0x92, 0x93, 0x94, 0x85, 0x0a]));
    const table = await readTable(path);
    expect(table.encoding).toBe("windows-1252");
    expect(table.rows[0]!.cells[1]).toBe("één café € ’“”…");
  });

  it("tells UTF-8 with and without a byte order mark apart", async () => {
    const plain = await readTable(await writeScratch("id,a\nG001,één\n"));
    const bom = await readTable(await writeScratch("\uFEFFid,a\nG001,één\n"));
    expect([plain.encoding, bom.encoding]).toEqual(["utf-8", "utf-8-bom"]);
    expect(bom.header).toEqual(plain.header);
    expect(bom.rows).toEqual(plain.rows);
  });

  it("skips the empty rows Excel leaves below the data", async () => {
    const table = await readTable(await writeScratch("id;a\r\nG001;x\r\n;\r\n\r\n ; \r\n"));
    expect(table.rows).toEqual([{ line: 2, cells: ["G001", "x"] }]);
  });

  it("refuses an empty file, or one of only whitespace", async () => {
    for (const content of ["", "  \n\r\n\t\n"]) {
      const path = await writeScratch(content);
      const error = await refusal(readTable(path));
      expectAt(error, path, 1, 1);
      expect(error.problem).toBe("empty file");
    }
  });

  it("refuses an unbalanced quote at the line and column where the quoted cell opens", async () => {
    const path = await writeScratch('id,a,b\nG001,x,y\n\nG002,"never closed,z\nG003,x,y\n');
    const error = await refusal(readTable(path));
    expectAt(error, path, 4, 2);
    expect(error.problem).toBe("quoted cell is never closed");
    expect(error.location.expected).toContain('"');
  });

  it("refuses a quote left open where it opened, not at the later quote taken for its end", async () => {
    const rows = Array.from({ length: 28 }, (_, i) => `G${String(i + 1).padStart(3, "0")},x,y`);
    rows[3] = 'G004,"nooit gesloten,z';
    rows[27] = 'G028,"wel gesloten",y';
    for (const delimiter of [",", ";"]) {
      const path = await writeScratch(["id,a,b", ...rows].join("\n").replaceAll(",", delimiter) + "\n");
      const error = await refusal(readTable(path));
      expectAt(error, path, 5, 2);
      expect(error.message).toContain(`${path}:5:2: quoted cell is not closed`);
      expect(error.location.expected).toContain("on line 29");
    }
  });

  it("refuses a stray quote at its line and column", async () => {
    for (const [cell, problem] of [
      ['"ab"c', /after the closing quote/],
      ['ab"c', /quote inside a cell that is not quoted/],
    ] as const) {
      const path = await writeScratch(`id,a\nG001,x\nG002,${cell}\n`);
      const error = await refusal(readTable(path));
      expectAt(error, path, 3, 2);
      expect(error.problem).toMatch(problem);
    }
  });

  it("refuses binary garbage as not a CSV text file", async () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23);
    const withoutNul = random.map((b) => b || 1);
    const cases: [Uint8Array, number][] = [
      [Uint8Array.from([...utf8("id,a\nG001,x\n"), 0, 1, 2]), 3],
      [random, 1],
      [withoutNul, 1],
      [Uint8Array.from([0xff, 0xfe, ...utf8("i\0d\0")]), 1],
    ];
    for (const [bytes, line] of cases) {
      const path = await writeScratch(bytes);
      const error = await refusal(readTable(path));
      expect(error.problem).toMatch(/^not a CSV text file/);
      expectAt(error, path, line, 1);
    }
  });

  it("names a file that is not there", async () => {
    const path = join(scratch, "absent.csv");
    const error = await refusal(readTable(path));
    expect(error.message).toBe(`${path}: file not found`);
  });
});

describe.each(sources)("loadSurvey(%s)", (source) => {
  let original: Survey;
  beforeAll(async () => {
    original = await loadSurvey(source);
  });

  it("reads every respondent type's file in codebook order", () => {
    const counts = original.codebook.respondentTypes.map(
      (t) => original.respondents.filter((r) => r.type === t.code).length,
    );
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(original.respondents.map((r) => r.type)).toEqual(
      original.codebook.respondentTypes.flatMap((t, i) => Array<string>(counts[i]!).fill(t.code)),
    );
    expect(original.respondents[0]!.source).toEqual({ file: join(source, files[0]!), line: 2 });
  });

  it.each(variants)("gives the same survey from the $name export", async (variant) => {
    const dir = await mkdtemp(join(scratch, "variant-"));
    for (const file of files) {
      const bytes = rewrite(await readFile(join(source, file), "utf8"), variant);
      await writeFile(join(dir, file), bytes);
      const table = await readTable(join(dir, file));
      expect(table.delimiter).toBe(variant.delimiter);
    }
    const codebookPath = existsSync(join(source, "codebook.json")) ? join(source, "codebook.json") : undefined;
    expect(comparable(await loadSurvey(dir, { codebookPath }))).toEqual(comparable(original));
  });
});

describe("which codebook", () => {
  it("takes the data folder's own codebook.json when it has one, else the project's", async () => {
    const dir = await mkdtemp(join(scratch, "own-codebook-"));
    for (const file of files) await copyFile(join(fixtureDir, file), join(dir, file));
    const project = await loadSurvey(dir);
    expect(project.codebook).toEqual(await loadCodebook(projectCodebookPath));

    const own = { ...project.codebook, survey: { ...project.codebook.survey, title: "Eigen codeboek" } };
    await writeFile(join(dir, "codebook.json"), JSON.stringify(own));
    expect((await loadSurvey(dir)).codebook.survey.title).toBe("Eigen codeboek");
    expect((await loadSurvey(dir, { codebookPath: projectCodebookPath })).codebook).toEqual(project.codebook);
  });

  it("refuses a codebook that is not JSON", async () => {
    const path = await writeScratch('{\n  "questions": [\n    oops\n  ]\n}\n', "broken-codebook.json");
    const error = await refusal(loadCodebook(path));
    expect(error.location.file).toBe(path);
    expect(error.problem).toMatch(/not valid JSON/);
    expect(error.message).not.toContain("\n");
  });

  it("refuses JSON that is not a codebook", async () => {
    const path = await writeScratch('{"questions": []}', "not-a-codebook.json");
    expect((await refusal(loadCodebook(path))).problem).toBe("not a codebook");
  });
});
