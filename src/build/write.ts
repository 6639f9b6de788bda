/**
 * Outputs are written under a temporary name beside their target and renamed into place, so a
 * reader (or a failed build) never sees half a file and the last good output survives any failure.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { ReportError } from "../errors.ts";

export class OutputError extends ReportError {
  override name = "OutputError";
  override readonly exitCode = 5;
  constructor(readonly path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    // Node's own messages already start with the code ("EEXIST: file already exists, mkdir …").
    const reason = cause instanceof Error ? (code && !cause.message.startsWith(code) ? `${code}: ${cause.message}` : cause.message) : String(cause);
    super(`cannot write ${path}: ${reason}. Earlier outputs were left as they were.`);
  }
}

let counter = 0;

export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    // When the folder itself is the problem (a file in its place), removing fails too; the
    // error worth reporting is the first.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new OutputError(path, error);
  }
}
