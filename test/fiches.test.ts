/**
 * The fact sheets as their readers get them: one PDF per respondent, at most two pages, naming it,
 * with its own answers beside shares that are checked here against a count made straight from the
 * CSV files (csv-parse, not the project's loader).
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../src/pipeline/index.ts";
import { projectRoot } from "../src/documents/context.ts";
import { checkPdf } from "../src/conform/index.ts";
import { isTagged, pageCount, pdfFonts, pdfInfo, pdfOutline, pdfText } from "./helpers/pdf.ts";

const dataDir = join(projectRoot, "data");
let out: string;
let result: BuildResult;

type Row = Record<string, string>;
const rows = async (file: string) => parse(await readFile(join(dataDir, file), "utf8"), { columns: true }) as Row[];

/** "48,6%" by hand: half-up to one decimal, decimal comma, no ",0". */
function percent(count: number, base: number): string {
  const tenths = Math.round((count * 1000) / base + 1e-9);
  return `${Math.floor(tenths / 10)}${tenths % 10 ? `,${tenths % 10}` : ""}%`;
}

const squash = (s: string) => s.replace(/\s+/g, " ");

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "fiches-test-"));
  result = await build({
    dataDir,
    outDir: out,
    only: "fiches",
    keepHtml: false,
    force: true,
    concurrency: 2,
    quiet: true,
  });
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("the fact sheets", () => {
  it("exist for every respondent, at most two pages each, each naming its respondent", async () => {
    expect(result.failed).toEqual([]);
    const ids = [...(await rows("gemeenten.csv")), ...(await rows("ocmws.csv"))].map((r) => r.id!);
    expect(ids).toHaveLength(132);
    const files = (await readdir(join(out, "fiches"))).filter((f) => f.endsWith(".pdf")).sort();
    expect(files).toEqual(ids.map((id) => `${id}.pdf`).sort());
    for (const id of ids) {
      const pdf = new Uint8Array(await readFile(join(out, "fiches", `${id}.pdf`)));
      expect(await pageCount(pdf), `${id}.pdf`).toBeLessThanOrEqual(2);
      expect((await pdfText(pdf))[0]).toContain(id);
    }
  });

  it("conform to PDF/UA-1 and PDF/A-2b as far as the project's check can tell, every one of them", async () => {
    const files = (await readdir(join(out, "fiches"))).filter((f) => f.endsWith(".pdf"));
    expect(files.length).toBe(132);
    for (const file of files)
      expect(checkPdf(new Uint8Array(await readFile(join(out, "fiches", file))), file)).toEqual([]);
  });

  it("carry the same fonts, tags, outline and metadata as the bijlage", async () => {
    const pdf = new Uint8Array(await readFile(join(out, "fiches", "O010.pdf")));
    expect(await isTagged(pdf)).toBe(true);
    for (const font of await pdfFonts(pdf))
      expect(font).toEqual({ name: expect.stringMatching(/SourceSans3/), embedded: true });
    const titles = (await pdfOutline(pdf)).map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining(["1. Profiel", "5. Ondersteuning"]));
    const info = await pdfInfo(pdf);
    expect(info.title).toContain("O010");
    expect(info.language).toBe("nl-BE");
    expect(info.subject).toContain("gereconstrueerde gegevens");
  });

  it("list every sheet in fiches/index.csv with its type, VRIND class and pages", async () => {
    const index = parse(await readFile(join(out, "fiches", "index.csv"), "utf8"), { columns: true }) as Row[];
    expect(index).toHaveLength(132);
    expect(index[0]).toEqual({
      id: "G001",
      type: "gemeente",
      vrind_class: expect.any(String),
      pages: expect.stringMatching(/^[12]$/),
      file: "G001.pdf",
    });
  });

  for (const [file, id, questions] of [
    ["gemeenten.csv", "G001", ["bestuursakkoord", "meerjarenplan", "begrotingspost"]],
    ["gemeenten.csv", "G037", ["schepen", "personeelslid", "inspraak"]],
    ["ocmws.csv", "O010", ["meerjarenplan", "overlegstructuur", "ondersteuning"]],
  ] as const) {
    it(`shows ${id}'s own answers beside the shares of all respondents of its type and of its peers`, async () => {
      const all = await rows(file);
      const own = all.find((r) => r.id === id)!;
      const peers = all.filter((r) => r.vrind === own.vrind);
      const text = squash((await pdfText(new Uint8Array(await readFile(join(out, "fiches", `${id}.pdf`))))).join(" "));
      const labels: Record<string, string> = {
        bestuursakkoord: "Aandacht in het bestuursakkoord",
        meerjarenplan: "Aandacht in het meerjarenplan",
        begrotingspost: "Aparte begrotingspost",
        schepen: "Schepen bevoegd voor diversiteit",
        personeelslid: "Personeelslid bevoegd voor diversiteit",
        inspraak: "Inspraakstructuur voor etnisch-culturele minderheden",
        overlegstructuur: "Ambtelijke overlegstructuur",
        ondersteuning: "Beroep op ondersteuning",
      };
      for (const q of questions) {
        const answer = own[q]!;
        const same = (group: Row[]) => group.filter((r) => r[q] === answer).length;
        const peerShare = peers.length >= 5 ? percent(same(peers), peers.length) : "–";
        const shown = answer === "weet_niet" ? "weet niet" : answer;
        expect(text).toMatch(new RegExp(`${labels[q]} ${shown} ${percent(same(all), all.length)} ${peerShare}`));
      }
    });
  }

  it("shows no peer share for a VRIND class of fewer than five, and says why", async () => {
    const ocmws = await rows("ocmws.csv");
    const counts = new Map<string, number>();
    for (const r of ocmws) counts.set(r.vrind!, (counts.get(r.vrind!) ?? 0) + 1);
    const small = ocmws.find((r) => counts.get(r.vrind!)! < 5)!;
    const text = squash(
      (await pdfText(new Uint8Array(await readFile(join(out, "fiches", `${small.id}.pdf`))))).join(" "),
    );
    expect(text).toContain("te weinig om te vergelijken");
    expect(text).toMatch(/Aandacht in het meerjarenplan (ja|nee|weet niet) \d+(,\d)?% –/);
  });
});
