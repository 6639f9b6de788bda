/**
 * The Handlebars environment: every .hbs under templates/ is a partial named by its path
 * ("bijlage/parts/domain-table"). Strict mode makes a misspelled variable fail the build,
 * prototypes stay out of reach, and every failure names the template file and line.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { RenderError } from "../errors.ts";
import { helpers } from "./helpers.ts";
import * as msg from "../messages.ts";

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

/**
 * Strict mode checks the path a mustache prints, not those it hands to a helper or partial
 * ({{#if heder}}, {{pct shaer}}, {{> part blocks=profiel}}), where a misspelling would quietly be
 * undefined: those are made strict too.
 */
class StrictArguments extends Handlebars.Visitor {
  override PathExpression(path: hbs.AST.PathExpression): void {
    (path as hbs.AST.PathExpression & { strict?: boolean }).strict = true;
  }
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
  const sources = new Map<string, string>();
  for (const file of files) {
    const name = relative(templatesDir, file)
      .replace(/\\/g, "/")
      .replace(/\.hbs$/, "");
    // A partial used inside a sentence must not add the space its final newline would make.
    const source = (await readFile(file, "utf8")).replace(/\r?\n$/, "");
    sources.set(file, source);
    let template: Handlebars.TemplateDelegate;
    try {
      // Parsed here, not lazily by compile(), so a syntax error names its file at start-up.
      const ast = hb.parse(source);
      new StrictArguments().accept(ast);
      template = hb.compile(ast, { strict: true, noEscape: false, preventIndent: true });
    } catch (error) {
      throw wrap(locate(error, file), name, sources);
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
      if (!template) throw new RenderError(msg.noTemplate(documentName, templatesDir), documentLabel);
      try {
        return template(context);
      } catch (error) {
        throw wrap(locate(error, join(templatesDir, `${documentName}.hbs`)), documentLabel, sources);
      }
    },
  };
}

/**
 * The whole path at the place of a strict-mode error: Handlebars names only the part it could not
 * find ("id" not defined in undefined), which for sheet.heder.id is not the misspelled one.
 */
function pathAt(source: string | undefined, line?: number, column?: number): string | undefined {
  if (source === undefined || line === undefined || column === undefined) return undefined;
  return /^[@\w./-]+/.exec(source.split("\n")[line - 1]?.slice(column) ?? "")?.[0];
}

function wrap(error: Located, document: string, sources: Map<string, string>): RenderError {
  if (error instanceof RenderError) return error;
  const { line, column } = lineOf(error);
  const file = error.templateFile ?? "?";
  const where = [file, line, column].filter((p) => p !== undefined).join(":");
  const message = error.message.replace(/ - \d+:\d+$/, "").split("\n")[0] ?? "";
  const path = / not defined in /.test(message) ? pathAt(sources.get(file), line, column) : undefined;
  return new RenderError(msg.templateFailed(where, message, path, document), document, { file, line, column });
}
