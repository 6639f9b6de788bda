/**
 * The open pages, each listening on /events (Server-Sent Events), and the one message they get:
 * "reload".
 */
import type { ServerResponse } from "node:http";

export class ReloadChannel {
  readonly #pages = new Set<ServerResponse>();

  listen(response: ServerResponse): void {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    // A page that lost the server (restarted preview) tries again after half a second.
    response.write("retry: 500\n\n");
    this.#pages.add(response);
    response.on("close", () => this.#pages.delete(response));
  }

  reload(): void {
    for (const page of this.#pages) page.write("event: reload\ndata: \n\n");
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const page of this.#pages) page.end();
    this.#pages.clear();
  }
}
