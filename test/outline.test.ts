/**
 * A document's outline is declared beside its templates; the templates print headings through
 * {{sectionHeading "id"}}, and the table of contents, the PDF outline and the links' descriptions are made from
 * what was printed (src/documents/outline.ts), never read back from the HTML.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DocumentOutline, type OutlineDeclaration } from "../src/documents/outline.ts";
import { pagesOf, printWithToc } from "../src/finish/outline.ts";
import { createRenderer, type Renderer } from "../src/render/templates.ts";

const declaration: OutlineDeclaration = {
  tocLevels: 2,
  headings: {
    inhoud: { level: 1, title: "Inhoud", toc: false },
    s1: { level: 1, title: "1. Profiel van {who}" },
    s1a: { level: 2, title: "A. Gemeenten & co" },
    x: { level: 3, title: "detail", number: "1.1" },
    s1b: { level: 2, title: "B. OCMW's" },
  },
  targets: { "footnote-1": "voetnoot {n}" },
  figure: "Figuur {number}. {title}",
};

const TEMPLATE =
  '{{sectionHeading "inhoud"}}{{sectionHeading "s1" class="chapter"}}{{sectionHeading "s1a"}}' +
  '{{#if deep}}{{sectionHeading "x"}}{{/if}}{{sectionHeading "s1b"}}';

let dir: string;
let renderer: Renderer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "outline-"));
  await mkdir(join(dir, "doc"));
  await writeFile(join(dir, "doc", "document.hbs"), TEMPLATE);
  await writeFile(join(dir, "doc", "undeclared.hbs"), '{{sectionHeading "nope"}}');
  renderer = await createRenderer(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function render(values: Record<string, string | number> = { who: "<de besturen>", n: 109 }, deep = true) {
  const outline = new DocumentOutline(declaration, values);
  return { html: renderer.render("doc/document", { outline, deep }), outline };
}

describe("a document's outline", () => {
  it("prints each heading at its declared level, with its class and its title's values escaped", () => {
    expect(render().html).toBe(
      '<h1 id="inhoud">Inhoud</h1><h1 id="s1" class="chapter">1. Profiel van &lt;de besturen&gt;</h1>' +
        '<h2 id="s1a">A. Gemeenten & co</h2><h3 id="x"><span class="section-number">1.1</span>detail</h3>' +
        '<h2 id="s1b">B. OCMW\'s</h2>',
    );
  });

  it("notes every heading as printed, in order, with its plain title (a number set apart keeps its space)", () => {
    expect(render().outline.printed.map((h) => h.title)).toEqual([
      "Inhoud",
      "1. Profiel van <de besturen>",
      "A. Gemeenten & co",
      "1.1 detail",
      "B. OCMW's",
    ]);
  });

  it("lists in the table of contents the headings printed, up to its levels, leaving out its own", () => {
    expect(render(undefined, false).outline.tocHeadings()).toEqual([
      { id: "s1", level: 1, title: "1. Profiel van <de besturen>" },
      { id: "s1a", level: 2, title: "A. Gemeenten & co" },
      { id: "s1b", level: 2, title: "B. OCMW's" },
    ]);
  });

  it("names what a link leads to: a heading by its title, a figure and a footnote as declared", () => {
    const { outline } = render();
    const labels = outline.linkLabels([{ id: "figuur-2", number: 2, title: "Domeinen" }]);
    expect(labels.get("s1a")).toBe("A. Gemeenten & co");
    expect(labels.get("figuur-2")).toBe("Figuur 2. Domeinen");
    expect(labels.get("footnote-1")).toBe("voetnoot 109");
  });

  it("refuses a heading the outline does not declare, naming the template", () => {
    const outline = new DocumentOutline(declaration, {});
    expect(() => renderer.render("doc/undeclared", { outline })).toThrow(/"nope" is not declared[\s\S]*undeclared/);
  });
});

describe("table of contents", () => {
  const headings = () => render(undefined, false).outline.tocHeadings();

  it("takes page numbers from the outline, in order, offset by the first page number", () => {
    const outline = [
      { title: "Inhoud", level: 1, page: 2 },
      { title: "1. Profiel van <de besturen>", level: 1, page: 4 },
      { title: "A. Gemeenten & co", level: 2, page: 4 },
      { title: "detail", level: 3, page: 5 },
      { title: "B. OCMW's", level: 2, page: 6 },
    ];
    expect(pagesOf(headings(), outline, 109).map((e) => e.page)).toEqual(["112", "112", "114"]);
  });

  it("fails loudly when a heading did not reach the PDF", () => {
    expect(() => pagesOf(headings(), [], 1)).toThrow(/missing from the PDF outline/);
  });

  it("prints again until the numbers stand still", async () => {
    const printed: string[] = [];
    const a = { tocHeadings: () => [{ id: "a", level: 1, title: "A" }] };
    const result = await printWithToc(
      (toc) => ({ html: `<h1 id="inhoud">Inhoud</h1>${toc.map((t) => `[${t.page}]`).join("")}`, outline: a }),
      async (h) => {
        printed.push(h);
        return new Uint8Array();
      },
      async () => [{ title: "A", level: 1, page: 3 }],
      1,
    );
    expect(result.toc).toEqual([{ id: "a", level: 1, title: "A", page: "3" }]);
    expect(printed).toHaveLength(2);
  });
});

describe("escaping a title's values", () => {
  it("is Handlebars' own, character for character", async () => {
    const { default: Handlebars } = await import("handlebars");
    const { escapeHtml } = await import("../src/render/escape.ts");
    const text = "a&b<c>d\"e'f`g=h ü – \u00ad";
    expect(escapeHtml(text)).toBe(Handlebars.escapeExpression(text));
  });
});
