import { describe, expect, it } from "vitest";
import { headingsOf } from "../src/render/headings.ts";
import { pagesOf, printWithToc } from "../src/finish/outline.ts";

const html =
  `<h1 id="inhoud">Inhoud</h1><h1 id="s1" class="chapter">1. Profiel</h1>` +
  `<h2 id="s1a">A. Gemeenten &amp; co</h2><h3 id="x">detail</h3><h2 id="s1b">B. OCMW&#x27;s</h2>`;

describe("table of contents", () => {
  it("lists the headings with an id up to level 2, leaving out its own", () => {
    expect(headingsOf(html)).toEqual([
      { id: "s1", level: 1, title: "1. Profiel" },
      { id: "s1a", level: 2, title: "A. Gemeenten & co" },
      { id: "s1b", level: 2, title: "B. OCMW's" },
    ]);
  });

  it("takes page numbers from the outline, in order, offset by the first page number", () => {
    const outline = [
      { title: "Inhoud", level: 1, page: 2 },
      { title: "1. Profiel", level: 1, page: 4 },
      { title: "A. Gemeenten & co", level: 2, page: 4 },
      { title: "detail", level: 3, page: 5 },
      { title: "B. OCMW's", level: 2, page: 6 },
    ];
    expect(pagesOf(headingsOf(html), outline, 109).map((e) => e.page)).toEqual(["112", "112", "114"]);
  });

  it("fails loudly when a heading did not reach the PDF", () => {
    expect(() => pagesOf(headingsOf(html), [], 1)).toThrow(/missing from the PDF outline/);
  });

  it("prints again until the numbers stand still", async () => {
    const printed: string[] = [];
    const result = await printWithToc(
      (toc) => `<h1 id="inhoud">Inhoud</h1>${toc.map((t) => `[${t.page}]`).join("")}<h1 id="a">A</h1>`,
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
