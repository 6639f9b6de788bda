import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FONT_FAMILY, measureText } from "../src/assets/fonts.ts";
import { forgetCharts, renderChart, type ChartRow } from "../src/charts/render.ts";
import { overlaps } from "../src/charts/layout.ts";
import { RenderError } from "../src/errors.ts";
import { shareTenths } from "../src/format/number.ts";
import { optionsFor, question, type Codebook } from "../src/model/codebook.ts";

const codebook = JSON.parse(readFileSync("data/codebook.json", "utf8")) as Codebook;
const labels = (id: string, type: "gemeente" | "ocmw" = "gemeente") =>
  optionsFor(question(codebook, id), type).map((o) => o.label);

const row = (label: string, count: number, base: number, extra: Partial<ChartRow> = {}): ChartRow => ({
  label,
  count,
  base,
  tenths: shareTenths(count, base),
  ...extra,
});

/**
 * Illustrative counts of 70 gemeenten per domain, in codebook order (the printed shares where the print gives them).
 */
const DOMAIN_COUNTS = [51, 46, 45, 44, 43, 43, 41, 35, 30, 28, 27, 24, 22, 21, 20, 15, 13, 9, 8, 6, 5];
const domainRows = (base = 70) => labels("beleidsdomeinen").map((label, i) => row(label, DOMAIN_COUNTS[i]!, base));

const INITIATIVE_COUNTS = [19, 9, 12, 10, 14, 8, 5, 4];
const initiativeRows = () => {
  const total = INITIATIVE_COUNTS.reduce((a, b) => a + b, 0);
  return labels("initiatieven").map((label, i) => row(label, INITIATIVE_COUNTS[i]!, total));
};
const vrindRows = () => labels("vrind").map((label, i) => row(label, [0, 10, 5, 9, 7, 3, 11, 17, 8][i]!, 70));
const supportRows = () => labels("ondersteuning_bron").map((label, i) => row(label, [18, 11, 4, 9, 7, 2, 14][i]!, 70));

/** A fact sheet: one gemeente's own answers beside all gemeenten and its VRIND peers. */
const ficheRows = (): ChartRow[] => {
  const domains = labels("beleidsdomeinen");
  return [
    ...domainRows().map((r) => ({ ...r, series: "alle gemeenten" })),
    ...domains.map((label, i) => row(label, (i * 7) % 11, 10, { series: "centrumsteden" })),
    ...domains.map((label, i) => row(label, i % 3 === 0 ? 1 : 0, 1, { series: "G012", subject: true })),
  ];
};

const SAMPLES: Record<string, () => ChartRow[]> = {
  "vrind-profile": vrindRows,
  domains: domainRows,
  "initiative-categories": initiativeRows,
  "support-sources": supportRows,
  "fiche-domains": ficheRows,
};

const render = (spec: string, rows: ChartRow[], width?: number) =>
  renderChart(spec, rows, { title: `Grafiek ${spec}`, description: "Aandeel van de respondenten.", width });

interface SvgText {
  text: string;
  x: number;
  y: number;
  anchor: string;
  size: number;
  weight: number;
  family: string;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const translate = (attrs: string): [number, number] => {
  const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(attr(attrs, "transform") ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};

/** Every <text> of the SVG at its absolute position, walking the nested <g transform> offsets. */
function svgTexts(svg: string): SvgText[] {
  const texts: SvgText[] = [];
  const stack: [number, number][] = [[0, 0]];
  for (const m of svg.matchAll(/<(\/?)(g|text)\b([^>]*)>([^<]*)/g)) {
    const [, close, tag, attrs, content] = m as unknown as [string, string, string, string, string];
    const [ox, oy] = stack.at(-1)!;
    if (tag === "g") {
      if (close) stack.pop();
      else if (!attrs.endsWith("/")) {
        const [dx, dy] = translate(attrs);
        stack.push([ox + dx, oy + dy]);
      }
    } else if (!close) {
      const [dx, dy] = translate(attrs);
      texts.push({
        text: unescapeXml(content),
        x: ox + dx,
        y: oy + dy,
        anchor: attr(attrs, "text-anchor") ?? "start",
        size: parseFloat(attr(attrs, "font-size") ?? "11"),
        weight: Number(attr(attrs, "font-weight")?.replace("bold", "700") ?? 400),
        family: attr(attrs, "font-family") ?? "",
      });
    }
  }
  return texts;
}

/** The box a label covers on paper: measured width, from the cap line to below the descenders. */
function box(t: SvgText) {
  const width = measureText(t.text, { size: t.size, weight: t.weight });
  const x1 = t.anchor === "end" ? t.x - width : t.anchor === "middle" ? t.x - width / 2 : t.x;
  return { x1, x2: x1 + width, y1: t.y - 0.75 * t.size, y2: t.y + 0.25 * t.size };
}

function overlappingLabels(svg: string): string[] {
  const boxes = svgTexts(svg).map((t) => ({ t, b: box(t) }));
  const found: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => overlaps(a.b, b.b) && found.push(`${a.t.text} × ${b.t.text}`)),
  );
  return found;
}

/** WCAG 2.2 relative luminance of an sRGB colour "#rrggbb". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};
/** The charts are printed on white paper (the theme sets no background). */
const PAPER = "#ffffff";
const barColours = (svg: string) =>
  [...svg.matchAll(/<g class="mark-rect role-mark[^"]*">([\s\S]*?)<\/g>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/fill="(#[0-9a-fA-F]{6})"/g)].map((f) => f[1]!),
  );

describe("every chart spec", () => {
  it("has a sample here, so none goes untested", () => {
    const specs = readdirSync("templates/charts")
      .filter((f) => f.endsWith(".vl.json"))
      .map((f) => f.replace(".vl.json", ""));
    expect(specs.sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [spec, rows] of Object.entries(SAMPLES)) {
    describe(spec, () => {
      it("renders an inline, self-contained, accessible SVG", async () => {
        const { svg, title } = await render(spec, rows());
        // One pattern in three parts: the root element's namespace, its size, then its role and accessible name.
        const root = new RegExp(
          String.raw`^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"` +
            String.raw` width="600" height="[\d.]+" viewBox="0 0 600 [\d.]+"` +
            String.raw` role="img" aria-labelledby="([\w-]+)-title \1-desc">`,
        );
        expect(svg).toMatch(root);
        const id = /aria-labelledby="([\w-]+)-title/.exec(svg)![1];
        expect(svg).toContain(`<title id="${id}-title">${title}</title>`);
        expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">Aandeel van de respondenten\\. Staafdiagram van `));
        expect(svg).not.toMatch(/<script|href=|url\(|xlink|<image|<foreignObject/i);
        expect(svg.match(/<svg/g)).toHaveLength(1);
      });

      // 12–13.4 px prints at 9–10 pt; the fact sheet's value labels go down to 10.5 px (7.9 pt) so that
      // 21 domains with two bars each fit on the sheet's second page.
      it("cuts no label and writes all text in the body font at 7.9–10 pt", async () => {
        const { svg } = await render(spec, rows());
        expect(svg).not.toContain("…");
        const texts = svgTexts(svg);
        expect(texts.length).toBeGreaterThan(rows().length / 2);
        for (const t of texts) {
          expect(t.family).toBe(`'${FONT_FAMILY}'`);
          expect(t.size).toBeGreaterThanOrEqual(10.5);
          expect(t.size).toBeLessThanOrEqual(13.4);
        }
      });

      it("lays out no two labels on top of each other, nor beyond the edge", async () => {
        const { svg } = await render(spec, rows());
        expect(overlappingLabels(svg)).toEqual([]);
        const width = Number(/width="(\d+)"/.exec(svg)![1]);
        for (const t of svgTexts(svg)) {
          const b = box(t);
          expect(b.x1, t.text).toBeGreaterThanOrEqual(-0.5);
          expect(b.x2, t.text).toBeLessThanOrEqual(width + 0.5);
        }
      });

      it("keeps WCAG contrast against the paper: 3:1 for every bar colour, 4.5:1 for every text", async () => {
        const { svg } = await render(spec, rows());
        const bars = barColours(svg);
        expect(bars.length).toBeGreaterThan(0);
        for (const colour of new Set(bars)) expect(contrast(colour, PAPER), `bar ${colour}`).toBeGreaterThanOrEqual(3);
        const texts = [...svg.matchAll(/<text\b[^>]*>/g)].map((m) => attr(m[0], "fill") ?? "#000000");
        for (const colour of new Set(texts))
          expect(contrast(colour, PAPER), `text ${colour}`).toBeGreaterThanOrEqual(4.5);
      });

      it("relies on colour for nothing: values beside every bar, series in their place and a legend", async () => {
        const { svg } = await render(spec, rows());
        const valueLabels = [...svg.matchAll(/<g class="mark-text role-mark[^"]*">([\s\S]*?)<\/g>/g)].flatMap(
          (m) => m[1]!.match(/<text/g) ?? [],
        );
        expect(valueLabels.length).toBeGreaterThanOrEqual(barColours(svg).length);
        const series = new Set(
          rows()
            .filter((r) => !r.subject)
            .map((r) => r.series),
        );
        if (series.size < 2) return;
        const layers = (
          JSON.parse(readFileSync(`templates/charts/${spec}.vl.json`, "utf8")) as {
            layer: { encoding?: Record<string, { field?: string }> }[];
          }
        ).layer;
        const coloured = layers.find((l) => l.encoding?.color)!.encoding!;
        expect(coloured.yOffset?.field).toBe(coloured.color!.field);
        for (const name of series) expect(svg).toContain(`>${name}`);
      });

      it("draws the same rows to the identical SVG, even after other charts", async () => {
        const first = await render(spec, rows());
        await render("domains", domainRows(80));
        forgetCharts(); // drawn anew, not taken from the cache
        const second = await render(spec, rows());
        expect(second).not.toBe(first);
        expect(second.svg).toBe(first.svg);
      });
    });
  }
});

describe("the chart cache", () => {
  it("hands back a chart drawn before for the same spec, rows and options, without laying it out again", async () => {
    const first = await render("domains", domainRows(71));
    expect(await render("domains", domainRows(71))).toBe(first);
  });

  it("draws anew when a row, the width or the spec differs", async () => {
    const first = await render("domains", domainRows(72));
    expect(await render("domains", domainRows(73))).not.toBe(first);
    expect(await render("domains", domainRows(72), 500)).not.toBe(first);
    const changed = mkdtempSync(join(tmpdir(), "chart-spec-"));
    try {
      const spec = JSON.parse(readFileSync("templates/charts/domains.vl.json", "utf8")) as { config?: object };
      writeFileSync(
        join(changed, "domains.vl.json"),
        JSON.stringify({ ...spec, config: { ...spec.config, background: "white" } }),
      );
      const redrawn = await renderChart("domains", domainRows(72), {
        title: "Grafiek domains",
        description: "Aandeel van de respondenten.",
        chartDir: changed,
      });
      expect(redrawn).not.toBe(first);
      expect(redrawn.svg).not.toBe(first.svg);
    } finally {
      rmSync(changed, { recursive: true, force: true });
    }
  });
});

describe("labels", () => {
  it("keep long Dutch labels whole and apart, even in a narrow column", async () => {
    const long = [
      row("burgerlijke stand/burgerzaken", 43, 70),
      row("sensibiliseren en inbedden in de eigen werking", 12, 70),
      row("buurtwerk/gebiedsgerichte werking", 18, 62),
      row("beleidsplanning diversiteit/integratie", 7, 70),
    ];
    for (const spec of ["domains", "initiative-categories", "vrind-profile"]) {
      const { svg } = await render(spec, long, 420);
      const texts = svgTexts(svg).map((t) => t.text);
      for (const r of long) expect(texts).toContain(r.label);
      expect(overlappingLabels(svg)).toEqual([]);
    }
  });

  it("print shares the nl-BE way the report does", async () => {
    const { svg, table } = await render("domains", [row("cultuur", 34, 70), row("jeugd", 7, 70), row("sport", 35, 70)]);
    const texts = svgTexts(svg).map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(["48,6%", "10%", "50%", "0%", "100%"]));
    expect(table.rows).toContainEqual(["cultuur", "34", "48,6%"]);
  });

  it("fail the build instead of printing a chart too narrow for its labels", async () => {
    await expect(render("domains", domainRows(), 160)).rejects.toThrow(RenderError);
    await expect(render("domains", domainRows(), 160)).rejects.toThrow(/run off the chart|overlap/);
  });
});

describe("order", () => {
  it("sorts bars largest first where order matters, ties kept in codebook order", async () => {
    const { table } = await render("domains", domainRows().reverse());
    const shares = table.rows.map((r) => r[2]);
    expect(table.rows[0]).toEqual(["lokaal sociaal beleid", "51", "72,9%"]);
    expect(table.rows.map((r) => r[0]).indexOf("burgerlijke stand/burgerzaken")).toBe(
      table.rows.map((r) => r[0]).indexOf("onderwijs") + 1,
    );
    const tenths = shares.map((s) => Number(s!.replace(",", ".").replace("%", "")));
    expect(tenths).toEqual([...tenths].sort((a, b) => b - a));
  });

  it("keeps the codebook order of VRIND classes, from the cities to the countryside", async () => {
    const { svg, table } = await render("vrind-profile", vrindRows());
    expect(table.rows.map((r) => r[0])).toEqual(labels("vrind"));
    const ys = labels("vrind").map((label) => svgTexts(svg).find((t) => t.text === label)!.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });

  it("sorts a fact sheet's domains by the share of the broadest group, all gemeenten, in any row order", async () => {
    const { table } = await render("fiche-domains", ficheRows().reverse());
    expect(table.rows[0]![0]).toBe("lokaal sociaal beleid");
    expect(table.rows.at(-1)![0]).toBe("mobiliteit");
  });
});

describe("alt text and table", () => {
  it("name the largest and smallest bar, ties together", async () => {
    const { alt } = await render("domains", domainRows());
    expect(alt).toBe(
      "Staafdiagram van 21 beleidsdomeinen: hoogste aandeel lokaal sociaal beleid (72,9%), " +
        "laagste aandeel mobiliteit (7,1%).",
    );
    const tied = await render("domains", [row("cultuur", 43, 70), row("onderwijs", 43, 70), row("sport", 5, 70)]);
    expect(tied.alt).toContain("hoogste aandeel cultuur en onderwijs (61,4%)");
    const equal = await render("domains", [row("cultuur", 35, 70), row("sport", 35, 70)]);
    expect(equal.alt).toBe("Staafdiagram van 2 beleidsdomeinen: overal hetzelfde aandeel (50%).");
    const single = await render("domains", [row("cultuur", 34, 70)]);
    expect(single.alt).toBe("Staafdiagram van 1 beleidsdomein: cultuur (48,6%).");
  });

  it("change when the rows change (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 70 }), { minLength: 3, maxLength: 3 }), async (counts) => {
        const rows = ["cultuur", "jeugd", "sport"].map((label, i) => row(label, counts[i]!, 70));
        const { alt, table } = await render("support-sources", rows);
        const max = Math.max(...counts);
        const leaders = rows.filter((r) => r.count === max).map((r) => r.label);
        // Where every share is the same, the alt text says so instead of naming three leaders.
        if (leaders.length === rows.length) expect(alt).toContain("overal hetzelfde aandeel");
        else for (const leader of leaders) expect(alt).toContain(leader);
        expect(alt).toContain(`(${table.rows[0]![2]})`);
        expect(table.rows.map((r) => Number(r[1]))).toEqual([...counts].sort((a, b) => b - a));
      }),
      { numRuns: 15 },
    );
  });

  it("set a fact sheet's own answers beside the groups it is compared with", async () => {
    const { alt, table, svg } = await render("fiche-domains", ficheRows());
    expect(table.columns).toEqual(["Beleidsdomein", "G012", "alle gemeenten", "centrumsteden"]);
    expect(table.rows[0]).toEqual(["lokaal sociaal beleid", "ja", "72,9%", "0%"]);
    expect(table.rows).toHaveLength(21);
    expect(alt).toContain(
      "Alle gemeenten: hoogste aandeel lokaal sociaal beleid (72,9%), laagste aandeel mobiliteit (7,1%).",
    );
    expect(alt).toContain("G012 besteedt aandacht aan 7 van de 21 beleidsdomeinen.");
    const texts = svgTexts(svg).map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(["G012", "ja", "nee", "alle gemeenten", "centrumsteden"]));
  });

  it("refuse rows that cannot be drawn, naming the row", async () => {
    await expect(render("domains", [])).rejects.toThrow(/no rows/);
    await expect(
      render("domains", [row("cultuur", 3, 70), { label: "jeugd", count: 80, base: 70, tenths: 1143 }]),
    ).rejects.toThrow(/row 2 \("jeugd"\)/);
    await expect(render("domains", [row("cultuur", 3, 70), row("cultuur", 4, 70)])).rejects.toThrow(
      /"cultuur" appears twice/,
    );
    await expect(render("no-such-chart", domainRows())).rejects.toThrow(/no chart spec "no-such-chart"/);
  });
});
