/** A fact sheet is a two-page handout (README): one that runs longer is a failure, not an output. */
import { RenderError } from "../errors.ts";
import { tooManyPages } from "../messages.ts";

export const FICHE_MAX_PAGES = 2;

export function checkPageLimit(job: { name: string; kind: "bijlage" | "fiche" }, pages: number): void {
  if (job.kind === "fiche" && pages > FICHE_MAX_PAGES)
    throw new RenderError(tooManyPages(job.name, pages, FICHE_MAX_PAGES), job.name);
}
