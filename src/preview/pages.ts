/**
 * The HTML the preview adds or makes itself: the client that paginates a document and reloads it,
 * the index of documents, and the page shown instead of a document that cannot be built.
 */
import { ReportError, RenderError } from "../errors.ts";
import * as msg from "../messages.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Opens /events and reloads on "reload". A paginated page keeps its place: Paged.js lays the
 * pages out after load, too late for the browser's own scroll restoration, so the position is
 * carried over in sessionStorage and restored once Paged.js is done.
 */
const RELOAD_SCRIPT = `<script>
(() => {
  const key = "preview-scroll:" + location.pathname;
  window.PagedConfig = {
    after() {
      const y = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      if (y !== null) window.scrollTo(0, Number(y));
    },
  };
  new EventSource("/events").addEventListener("reload", () => {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
})();
</script>`;

/** Paged.js puts the pages edge to edge; on screen they read better as sheets on a desk. */
const SHEETS_CSS = `<style media="screen" data-pagedjs-ignore>
html { background: #d9dce1; }
.pagedjs_pages { display: flex; flex-direction: column; align-items: center; gap: 6mm; padding: 6mm 0; }
.pagedjs_page { background: #fff; box-shadow: 0 1px 4px rgb(0 0 0 / 0.35); }
</style>`;

/** Keeps the browser from asking for /favicon.ico, a 404 on every reload. */
const NO_ICON = `<link rel="icon" href="data:,">`;

/** Before </head>: PagedConfig must exist before the polyfill runs, so the reload script comes first. */
const PAGINATE = `${NO_ICON}\n${RELOAD_SCRIPT}\n<script src="/paged.js"></script>\n${SHEETS_CSS}\n`;

export const HTML_TYPE = "text/html; charset=utf-8";

function beforeHeadEnd(html: string, document: string, added: string): string {
  const end = html.search(/<\/head>/i);
  if (end < 0) throw new RenderError(msg.noHead(document), document);
  return html.slice(0, end) + added + html.slice(end);
}

/** The document as the preview serves it: paginated by its @page rules, reloaded on change. */
export const withPreviewClient = (html: string, document: string) => beforeHeadEnd(html, document, PAGINATE);

/** A page of the web edition as the preview serves it: as published, reloaded on change. */
export const withReloadClient = (html: string, document: string) =>
  beforeHeadEnd(html, document, `${NO_ICON}\n${RELOAD_SCRIPT}\n`);

const PAGE_CSS = `<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d2430; }
pre { white-space: pre-wrap; background: #fdecea; border-left: 4px solid #b3261e; padding: 1rem; }
ul.fiches { columns: 12rem; }
</style>`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${NO_ICON}
${PAGE_CSS}
${RELOAD_SCRIPT}
</head>
<body>
${body}
</body>
</html>
`;
}

export function indexPage(documents: { name: string; title: string }[]): string {
  const link = (d: { name: string; title: string }) =>
    `<li><a href="/${escapeHtml(d.name)}">${escapeHtml(d.title)}</a></li>`;
  const fiches = documents.filter((d) => d.name.startsWith("fiche/"));
  const others = documents.filter((d) => !d.name.startsWith("fiche/"));
  const intro =
    "<p>Each document is laid out as printed (A4, margins, page breaks, running header and footer) " +
    "and reloads when data, templates, chart specs or styles change.</p>";
  const web =
    '<li><a href="/web/index.html">Web edition</a> ' +
    "(as published in output/web/, not paginated; its PDFs come from a build)</li>";
  return page(
    "Preview",
    `<h1>Preview</h1>
${intro}
<ul>
${others.map(link).join("\n")}
${web}
</ul>
<h2>Fact sheets (${fiches.length})</h2>
<ul class="fiches">
${fiches.map(link).join("\n")}
</ul>`,
  );
}

/**
 * What failed, in the error's own words: our errors name the file, line and column; anything
 * else is a bug, shown with its stack.
 */
export function errorPage(error: unknown): string {
  const text =
    error instanceof ReportError
      ? `${error.name}: ${error.message}`
      : error instanceof Error
        ? (error.stack ?? String(error))
        : String(error);
  return page(
    "Preview: error",
    `<h1>This document cannot be built</h1>
<pre>${escapeHtml(text)}</pre>
<p>The page reloads when you save a fix.</p>`,
  );
}

export function notFoundPage(path: string): string {
  return page(
    "Preview: not found",
    `<h1>Not found</h1>\n<p>Nothing is served at ${escapeHtml(path)}. <a href="/">All documents</a></p>`,
  );
}
