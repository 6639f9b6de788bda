/**
 * The files the preview serves besides documents: the Paged.js polyfill and the body font. Font
 * requests name a bare file; anything with a path in it is refused, so no request reaches a file
 * outside the font folders.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { assetDirs } from "../assets/fonts.ts";
import { EnvironmentError } from "../errors.ts";
import * as msg from "../messages.ts";

/**
 * pagedjs exports only its entry points, so its dist/ is found from the CommonJS entry
 * (lib/index.cjs), one folder below the package root.
 */
function polyfillPath(): string {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve("pagedjs");
  } catch {
    throw new EnvironmentError(msg.pagedJsMissing());
  }
  const path = join(dirname(entry), "..", "dist", "paged.polyfill.js");
  if (!existsSync(path)) throw new EnvironmentError(msg.pagedJsIncomplete(path));
  return path;
}

let polyfill: Promise<string> | undefined;

/** The Paged.js polyfill, which paginates a page by its @page rules in the browser. */
export function pagedPolyfill(): Promise<string> {
  polyfill ??= readFile(polyfillPath(), "utf8");
  return polyfill;
}

/** Only names like "source-sans-3-latin-400-normal.woff2". */
const FONT_NAME = /^[a-z0-9][a-z0-9._-]*\.woff2$/i;

/** The font file `name` in one of the font folders, or undefined when there is no such font. */
export function fontFile(name: string): string | undefined {
  if (!FONT_NAME.test(name) || name.includes("..")) return undefined;
  return assetDirs()
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));
}
