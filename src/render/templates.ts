/**
 * The Handlebars environment: every .hbs under templates/ is a partial named by its path
 * ("bijlage/sections/2.1-bestuursakkoord"). Strict mode makes a misspelled variable fail the build,
 * prototypes stay out of reach, and every failure names the template file and line.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { RenderError } from "../errors.ts";
import { helpers } from "./helpers.ts";

export interface Renderer {
  render(documentName: string, context: object, documentLabel?: string): string;
  /** Every template file read, for input keys of the build cache. */
  files: string[];
}

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

interface Located extends Error {
  templateFile?: string;
  lineNumber?: number;
  column?: number;
}

/** Handlebars reports "… - 12:4" (line:column) in the message of parse and strict-mode errors. */
function lineOf(error: Located): { line?: number; column?: number } {
  if (error.lineNumber !== undefined) return { line: error.lineNumber, column: error.column };
  const match = / - (\d+):(\d+)$/.exec(error.message) ?? /line (\d+)/.exec(error.message);
  return match ? { line: Number(match[1]), column: match[2] ? Number(match[2]) : undefined } : {};
}

function locate(error: unknown, file: string): Located {
  const located = (error instanceof Error ? error : new Error(String(error))) as Located;
  // The innermost partial catches first; outer templates must not overwrite where it happened.
  located.templateFile ??= file;
  return located;
}

async function listTemplates(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".hbs"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export async function createRenderer(templatesDir: string): Promise<Renderer> {
  const hb = Handlebars.create();
  hb.registerHelper(helpers);
  const files = await listTemplates(templatesDir);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of files) {
    const name = relative(templatesDir, file).replace(/\\/g, "/").replace(/\.hbs$/, "");
    // A partial used inside a sentence must not add the space its final newline would make.
    const source = (await readFile(file, "utf8")).replace(/\r?\n$/, "");
    let template: Handlebars.TemplateDelegate;
    try {
      hb.parse(source); // compile() is lazy: parse now so a syntax error names its file at start-up
      template = hb.compile(source, { strict: true, noEscape: false, preventIndent: true });
    } catch (error) {
      throw wrap(locate(error, file), name);
    }
    const guarded: Handlebars.TemplateDelegate = (context, options) => {
      try {
        return template(context, { ...RUNTIME_OPTIONS, ...options });
      } catch (error) {
        throw locate(error, file);
      }
    };
    compiled.set(name, guarded);
    hb.registerPartial(name, guarded);
  }
  return {
    files,
    render(documentName, context, documentLabel = documentName) {
      const template = compiled.get(documentName);
      if (!template) throw new RenderError(`no template "${documentName}" under ${templatesDir}`, documentLabel);
      try {
        return template(context);
      } catch (error) {
        throw wrap(locate(error, join(templatesDir, `${documentName}.hbs`)), documentLabel);
      }
    },
  };
}

function wrap(error: Located, document: string): RenderError {
  if (error instanceof RenderError) return error;
  const { line, column } = lineOf(error);
  const file = error.templateFile ?? "?";
  const where = [file, line, column].filter((p) => p !== undefined).join(":");
  const message = error.message.replace(/ - \d+:\d+$/, "").split("\n")[0];
  return new RenderError(`${where}: ${message} (while rendering ${document})`, document, { file, line, column });
}
