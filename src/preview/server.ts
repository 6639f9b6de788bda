/**
 * `vvsg-rapporten preview`: the bijlage and every fact sheet as HTML on 127.0.0.1, paginated in the
 * browser by Paged.js as they will print, and reloaded in the open page whenever the data,
 * templates, chart specs or styles change. A document that cannot be built shows its error
 * instead, and the page comes back by itself once the input is fixed.
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { relative } from "node:path";
import type { DocumentSet } from "./documents.ts";
import { templatesDir as projectTemplates } from "../documents/context.ts";
import { UsageError } from "../errors.ts";
import { FORBIDDEN_HOST } from "../messages.ts";
import { fontFile, pagedPolyfill } from "./assets.ts";
import { errorPage, HTML_TYPE, indexPage, notFoundPage, withPreviewClient, withReloadClient } from "./pages.ts";
import { ReloadChannel } from "./reloads.ts";
import { watchFolders } from "./watch.ts";
import * as msg from "../messages.ts";

export interface PreviewOptions {
  dataDir: string;
  /** Default: the project's templates/. */
  templatesDir?: string;
  /** Default 4173; 0 takes any free port (see Preview.url). */
  port?: number;
  /** Where the documents come from; called again after every change. Default: loadDocuments. */
  load?: () => Promise<DocumentSet>;
  /** One line per reload and per failure; default: silent. */
  log?: (line: string) => void;
}

export interface Preview {
  /** "http://127.0.0.1:<port>/" */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4173;

/** Long enough to gather one save's burst of events, short enough to feel immediate. */
const QUIET_MS = 150;

const HOST = "127.0.0.1";

/** Fonts sit beside the document (assets/fonts/…), so a fact sheet at /fiche/G001 asks under /fiche/. */
const FONT_ROUTE = /^\/(?:fiche\/)?assets\/fonts\/([^/]+)$/;

const DOCUMENT_NAME = /^(?:bijlage|fiche\/[^/]+)$/;

/** The web edition's files, as they will stand in <out>/web/. */
const WEB_ROUTE = /^\/web\/(.+)$/;
const WEB_TYPES: Record<string, string> = {
  html: HTML_TYPE,
  csv: "text/csv; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  woff2: "font/woff2",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A page elsewhere can point its own host name at 127.0.0.1 (DNS rebinding) and read what it
 * fetches; it cannot make the browser send one of these names with it.
 */
const LOCAL_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const isLocalHost = (host: string | undefined, port: number) => LOCAL_NAMES.some((name) => host === `${name}:${port}`);

type Loaded = { documents: DocumentSet } | { error: unknown };

function settle(load: () => Promise<DocumentSet>): Promise<Loaded> {
  return Promise.resolve()
    .then(load)
    .then(
      (documents) => ({ documents }),
      (error: unknown) => ({ error }),
    );
}

/** The pipeline is imported on first use: tests that bring their own documents need none of it. */
function defaultLoad(dataDir: string, templatesDir: string): () => Promise<DocumentSet> {
  return async () => (await import("./documents.ts")).loadDocuments({ dataDir, templatesDir });
}

function requireFolder(path: string, what: string): void {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(msg.noFolder(what, path));
}

/** Paths in log lines: relative under the working folder, absolute elsewhere. */
function shown(path: string): string {
  const local = relative(process.cwd(), path);
  return local.startsWith("..") ? path : local || ".";
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-cache" });
  response.end(body);
}

const HTML = HTML_TYPE;

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const templatesDir = options.templatesDir ?? projectTemplates;
  requireFolder(options.dataDir, "data");
  requireFolder(templatesDir, "templates");
  const load = options.load ?? defaultLoad(options.dataDir, templatesDir);
  const log = options.log ?? (() => undefined);
  const channel = new ReloadChannel();

  let current = settle(load);
  void current.then((loaded) => "error" in loaded && log(`error: ${messageOf(loaded.error)}`));
  let generation = 0;

  /** Reloads the open pages once the new documents are ready, so a page is never blank while they build. */
  async function reloadAfter(paths: string[]): Promise<void> {
    const mine = ++generation;
    const started = performance.now();
    current = settle(load);
    const loaded = await current;
    if (mine !== generation) return; // a later change is loading; its reload will do
    const what = paths.map(shown).join(", ");
    if ("error" in loaded) log(`error: ${messageOf(loaded.error)}`);
    else log(`rebuilt in ${Math.round(performance.now() - started)} ms after a change to ${what}`);
    channel.reload();
  }

  async function documentPage(name: string, response: ServerResponse): Promise<void> {
    const loaded = await current;
    if ("error" in loaded) return send(response, 500, HTML, errorPage(loaded.error));
    if (name !== "" && !loaded.documents.list.some((d) => d.name === name))
      return send(response, 404, HTML, notFoundPage(`/${name}`));
    try {
      const html =
        name === "" ? indexPage(loaded.documents.list) : withPreviewClient(await loaded.documents.render(name), name);
      send(response, 200, HTML, html);
    } catch (error) {
      log(`error: ${messageOf(error)}`);
      send(response, 500, HTML, errorPage(error));
    }
  }

  /** A page of the web edition reloads like a document, but is not paginated: it is no print. */
  async function webFile(path: string, response: ServerResponse): Promise<void> {
    const loaded = await current;
    if ("error" in loaded) return send(response, 500, HTML, errorPage(loaded.error));
    try {
      const content = await loaded.documents.web?.(path);
      if (content === undefined) return send(response, 404, HTML, notFoundPage(`/web/${path}`));
      const type = WEB_TYPES[path.split(".").at(-1)!] ?? "application/octet-stream";
      send(response, 200, type, type === HTML ? withReloadClient(String(content), path) : Buffer.from(content));
    } catch (error) {
      log(`error: ${messageOf(error)}`);
      send(response, 500, HTML, errorPage(error));
    }
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { port } = server.address() as AddressInfo;
    if (!isLocalHost(request.headers.host, port))
      return send(response, 403, "text/plain; charset=utf-8", FORBIDDEN_HOST);
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" });
      return void response.end();
    }
    const path = new URL(request.url ?? "/", `http://${HOST}`).pathname;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return send(response, 404, HTML, notFoundPage(path));
    }
    if (decoded === "/events") return channel.listen(response);
    if (decoded === "/paged.js") return send(response, 200, "text/javascript; charset=utf-8", await pagedPolyfill());
    const font = FONT_ROUTE.exec(decoded);
    if (font) {
      const file = fontFile(font[1]!);
      return file
        ? send(response, 200, "font/woff2", await readFile(file))
        : send(response, 404, HTML, notFoundPage(decoded));
    }
    const web = WEB_ROUTE.exec(decoded);
    if (web) return webFile(web[1]!, response);
    if (decoded === "/") return documentPage("", response);
    const name = decoded.slice(1);
    if (DOCUMENT_NAME.test(name)) return documentPage(name, response);
    send(response, 404, HTML, notFoundPage(decoded));
  }

  const server = createServer((request, response) => {
    respond(request, response).catch((error: unknown) => {
      log(`error: ${messageOf(error)}`);
      if (!response.headersSent) send(response, 500, HTML, errorPage(error));
      else response.end();
    });
  });
  const port = options.port ?? DEFAULT_PORT;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new UsageError(msg.cannotListen(HOST, port, error.code))
          : error,
      ),
    );
    server.listen(port, HOST, resolve);
  });

  const watcher = watchFolders(
    [options.dataDir, templatesDir],
    QUIET_MS,
    (paths) => void reloadAfter(paths),
    (error) => log(`watching stopped: ${error.message}`),
  );
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${actualPort}/`,
    async close() {
      watcher.close();
      channel.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Serves until Ctrl-C or SIGTERM; returns the exit code. */
export async function runPreview(options: { dataDir: string; port: number }): Promise<number> {
  const { port } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(msg.badPort());
  const preview = await startPreview({ ...options, log: (line) => console.log(line) });
  console.log(`Preview of ${shown(options.dataDir)} at ${preview.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await preview.close();
  return 0;
}
