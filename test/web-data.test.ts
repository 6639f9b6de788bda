/**
 * The web edition's data, unit by unit: printed figures read back exactly, tables read from HTML as
 * printed, CSV quoting in both dialects, and zip dates that do not depend on the clock.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shareLabel } from "../src/charts/rows.ts";
import { formatNumber } from "../src/format/number.ts";
import { toCsv } from "../src/web/csv.ts";
import { cellValue, tablesOf, type DataTable } from "../src/web/tables.ts";
import { tablesWorkbook, withZipDates } from "../src/web/workbook.ts";

describe("cellValue", () => {
  it("reads every printed share back to its tenths, and every printed whole number to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (tenths) => {
        expect(cellValue(shareLabel(tenths))).toEqual({ kind: "share", tenths });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(cellValue(formatNumber(n))).toEqual({ kind: "number", value: n });
      }),
    );
  });

  it("leaves words, dashes and sums as text", () => {
    for (const text of ["–", "ja", "niet gevraagd", "10 + 5 = 15", "2.2", "48,6", ""])
      expect(cellValue(text), text).toEqual({ kind: "text", text });
  });
});

describe("tablesOf", () => {
  it("reads caption, headings and rows of every table with an id, naming options after their question", () => {
    const html = `<table class="x"><tr><td>no id</td></tr></table>
<table class="data" id="tabel-a"><caption>Tabel &amp; co</caption>
<thead><tr><th scope="col">Vraag</th><th scope="col">Aandeel</th></tr></thead>
<tbody><tr><th scope="row"><span class="section-number">2.1</span>Akkoord</th><td class="num">48,6%</td></tr></tbody>
<tbody><tr class="group"><th scope="rowgroup" colspan="2">Bronnen</th></tr>
<tr class="option"><th scope="row">VVSG</th><td class="num">12%</td></tr></tbody>
</table>`;
    expect(tablesOf(html)).toEqual([
      {
        id: "tabel-a",
        caption: "Tabel & co",
        columns: ["Vraag", "Aandeel"],
        rows: [
          ["2.1 Akkoord", "48,6%"],
          ["Bronnen: VVSG", "12%"],
        ],
      },
    ]);
  });
});

describe("toCsv", () => {
  const table: DataTable = {
    id: "t",
    caption: "T",
    columns: ["Label", "Aantal", "Aandeel", "Klein"],
    rows: [
      ['a; b, "c"', "1.234", "48,6%", "–"],
      ["d", "5", "10%", "–"],
    ],
  };

  it("writes Belgian Excel's dialect: BOM, ';', figures as printed, CRLF", () => {
    expect(toCsv(table, "excel")).toBe(
      '\uFEFFLabel;Aantal;Aandeel;Klein\r\n"a; b, ""c""";1.234;48,6%;–\r\nd;5;10%;–\r\n',
    );
  });

  it("writes the plain dialect: ',', whole numbers and shares as numbers, a hidden share empty", () => {
    expect(toCsv(table, "plain")).toBe(
      'Label,Aantal,Aandeel (%),Klein (%)\r\n"a; b, ""c""",1234,48.6,\r\nd,5,10.0,\r\n',
    );
  });
});

describe("the workbook", () => {
  it("is the same bytes whenever it is made, its zip entries dated by the build date", async () => {
    const table: DataTable = { id: "t", caption: "T", columns: ["Label", "Aandeel"], rows: [["a", "48,6%"]] };
    const info = {
      title: "Titel",
      publisher: "VVSG",
      about: ["Gereconstrueerde gegevens."],
      date: new Date("2009-01-01T00:00:00Z"),
    };
    const first = await tablesWorkbook([table], info);
    await new Promise((r) => setTimeout(r, 2100)); // a zip's clock has two-second steps
    expect(Buffer.from(await tablesWorkbook([table], info)).equals(Buffer.from(first))).toBe(true);
    // Dated again, the bytes change only in the dates: it is the build date that they carry.
    expect(Buffer.from(withZipDates(first, new Date("2010-06-15T12:00:00Z"))).equals(Buffer.from(first))).toBe(false);
    expect(Buffer.from(withZipDates(first, info.date)).equals(Buffer.from(first))).toBe(true);
  });
});
