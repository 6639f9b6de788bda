/**
 * The documents of a data set as the preview serves them: their names and titles, each one's HTML on
 * demand, and the files of the web edition, made afresh from the same prepared model.
 */
import { prepare } from "../documents/prepare.ts";
import { buildDate } from "../pipeline/source-date.ts";
import { ficheFiles, siteFiles, type WebFile } from "../pipeline/web.ts";

/** The documents of a data set as the preview serves them: names, titles and HTML on demand. */
export interface DocumentSet {
  list: { name: string; title: string }[];
  render(name: string): Promise<string>;
  /** A file of the web edition by its path under web/ (PDFs aside: they are printed); undefined if none. */
  web?(path: string): Promise<string | Uint8Array | undefined>;
}

export async function loadDocuments(options: { dataDir: string; templatesDir?: string }): Promise<DocumentSet> {
  const prepared = await prepare(options);
  const list = [
    { name: "bijlage", title: "Bijlage" },
    ...prepared.survey.respondents.map((r) => ({
      name: `fiche/${r.id}`,
      title: `Fiche ${r.name ?? r.id} (${r.type === "gemeente" ? "gemeente" : "OCMW"})`,
    })),
  ];
  let site: Promise<WebFile[]> | undefined;
  return {
    list,
    async web(path) {
      const id = /^(?:fiches|data\/(?:excel|csv)\/fiches)\/([^/]+)\.(?:html|csv)$/.exec(path)?.[1];
      if (id && !prepared.survey.respondents.some((r) => r.id === id)) return undefined;
      const files = id
        ? await ficheFiles(prepared, id)
        : await (site ??= buildDate(options.dataDir).then((date) => siteFiles(prepared, date)));
      return files.find((f) => f.path === path)?.content;
    },
    async render(name) {
      if (name === "bijlage") return (await prepared.bijlageHtml("web", [])).html;
      const id = /^fiche\/(.+)$/.exec(name)?.[1];
      if (!id) throw new Error(`no document "${name}"`);
      return (await prepared.ficheHtml(id, "web")).html;
    },
  };
}
