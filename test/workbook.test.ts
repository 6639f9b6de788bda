/**
 * Issue 11, case 8: gemeenten.xlsx / ocmws.xlsx are read like their CSV files (the first sheet, or
 * the one the codebook names), validated alike, with messages naming file, sheet, row, column letter
 * and field; a folder with both a CSV and a workbook for one type is refused. The workbooks are made
 * here from the CSV fixtures, as Excel would store them (numbers as numbers).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../src/documents/context.ts";
import { columnLetter } from "../src/errors.ts";
import { loadSurvey, projectCodebookPath } from "../src/survey/index.ts";
import { readTable } from "../src/load/index.ts";
import type { Codebook } from "../src/model/codebook.ts";
import type { Survey } from "../src/model/survey.ts";
import { refusal } from "./helpers/refusal.ts";

const validData = join(projectRoot, "test/fixtures/input/valid");

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vvsg-workbook-"));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

type Edit = (rows: string[][]) => void;

/** Writes `<type>.xlsx` from the fixture's CSV into `dir`, in a sheet called `sheet`, after `edit`. */
async function workbookFromCsv(
  dir: string,
  base: string,
  options: { sheet?: string; before?: string[]; edit?: Edit } = {},
): Promise<string> {
  const table = await readTable(join(validData, `${base}.csv`));
  // Each row on the sheet's row of the same number as its line in the CSV file (which has a blank line).
  const lines = [table.headerLine, ...table.rows.map((r) => r.line)];
  const rows = [table.header, ...table.rows.map((r) => r.cells)];
  options.edit?.(rows);
  const workbook = new ExcelJS.Workbook();
  for (const name of options.before ?? []) workbook.addWorksheet(name).addRow(["niet deze"]);
  const sheet = workbook.addWorksheet(options.sheet ?? "Blad1");
  rows.forEach((row, i) => {
    sheet.getRow(lines[i]!).values = row.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell === "" ? null : cell));
  });
  const path = join(dir, `${base}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** A data folder whose respondents come from workbooks only. */
async function workbookFolder(options: { sheet?: string; before?: string[]; edit?: Edit } = {}): Promise<string> {
  const dir = tempDir();
  await workbookFromCsv(dir, "gemeenten", options);
  await workbookFromCsv(dir, "ocmws", options);
  return dir;
}

const withoutFiles = (survey: Survey) =>
  survey.respondents.map(({ source, ...rest }) => ({ ...rest, line: source.line }));

describe("a data folder with Excel workbooks", () => {
  it("gives the same validated survey as the CSV files they were made from, row for line", async () => {
    const fromCsv = await loadSurvey(validData);
    const dir = await workbookFolder();
    const fromXlsx = await loadSurvey(dir);
    expect(withoutFiles(fromXlsx)).toEqual(withoutFiles(fromCsv));
    expect(fromXlsx.respondents[0]!.source.file).toBe(join(dir, "gemeenten.xlsx"));
  });

  it("refuses a bad cell naming file, sheet, row, column letter and field", async () => {
    let column = 0;
    const dir = tempDir();
    await workbookFromCsv(dir, "ocmws");
    await workbookFromCsv(dir, "gemeenten", {
      edit: (rows) => {
        column = rows[0]!.indexOf("vrind") + 1;
        rows[3]![column - 1] = "hoofdstad";
      },
    });
    const row = (await readTable(join(validData, "gemeenten.csv"))).rows[2]!.line;
    const error = await refusal(dir);
    expect(error.message).toBe(
      `${join(dir, "gemeenten.xlsx")}, sheet "Blad1", row ${row}, column ${columnLetter(column)}: ` +
        `unknown answer code; column "vrind"; value "hoofdstad"; ` +
        `expected ${error.location.expected}`,
    );
  });

  it("reads the sheet the codebook names, and says which sheets there are when it is missing", async () => {
    const codebook = JSON.parse(readFileSync(projectCodebookPath, "utf8")) as Codebook;
    for (const type of codebook.respondentTypes) type.sheet = "Antwoorden";
    const dir = await workbookFolder({ sheet: "Antwoorden", before: ["Toelichting"] });
    writeFileSync(join(dir, "codebook.json"), JSON.stringify(codebook));
    expect(withoutFiles(await loadSurvey(dir))).toEqual(withoutFiles(await loadSurvey(validData)));

    const other = await workbookFolder({ sheet: "Blad2", before: ["Toelichting"] });
    writeFileSync(join(other, "codebook.json"), JSON.stringify(codebook));
    expect((await refusal(other)).message).toBe(
      `${join(other, "gemeenten.xlsx")}: no sheet "Antwoorden" (the codebook names it); ` +
        `the workbook has "Toelichting", "Blad2"`,
    );
  });

  it("reads the first sheet when the codebook names none", async () => {
    const dir = await workbookFolder({ before: ["Eerste"] });
    const error = await refusal(dir);
    expect(error.message).toMatch(
      /gemeenten\.xlsx, sheet "Eerste", row 1, column A: unknown column; column "niet deze"/,
    );
  });

  it("refuses a folder with both a CSV file and a workbook for one type, as ambiguous", async () => {
    const dir = tempDir();
    cpSync(validData, dir, { recursive: true });
    await workbookFromCsv(dir, "ocmws");
    const error = await refusal(dir);
    expect(error.message).toContain("both ocmws.csv and ocmws.xlsx are in the data folder; keep one of them");
    unlinkSync(join(dir, "ocmws.csv"));
    expect((await loadSurvey(dir)).respondents).toHaveLength((await loadSurvey(validData)).respondents.length);
  });

  it("refuses a file that is not a workbook", async () => {
    const dir = await workbookFolder();
    writeFileSync(join(dir, "gemeenten.xlsx"), "id,vrind\nG001,platteland\n");
    expect((await refusal(dir)).message).toMatch(/gemeenten\.xlsx: not an Excel workbook \(.*\); save it as \.xlsx$/);
  });
});
