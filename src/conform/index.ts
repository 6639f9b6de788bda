/**
 * The conformance check, the stage after print: every PDF the build writes is checked against the
 * machine-checkable checkpoints of PDF/UA-1 and PDF/A-2b (checkpoints.ts) before it is written,
 * and `vvsg-rapporten check FILE.pdf…` checks any PDF laid out as the build writes them.
 */
import { readFile } from "node:fs/promises";
import { ConformanceError, ReportError } from "../errors.ts";
import { CHECKPOINTS } from "./checkpoints.ts";
import { CheckedPdf } from "./document.ts";

export interface Failure {
  checkpoint: string;
  problem: string;
}

/** Every checkpoint `pdf` fails, with what failed; empty when it conforms as far as a machine can tell. */
export function checkPdf(pdf: Uint8Array, document: string): Failure[] {
  const checked = new CheckedPdf(pdf, document);
  return CHECKPOINTS.flatMap(({ id, test }) => test(checked).map((problem) => ({ checkpoint: id, problem })));
}

/** Throws a ConformanceError naming `document` and each failure. */
export function assertConforms(pdf: Uint8Array, document: string): void {
  const failures = checkPdf(pdf, document);
  if (failures.length > 0) throw new ConformanceError(document, failures);
}

/** The `check` command: prints each file's failures and returns 0 when every file conforms, 1 otherwise. */
export async function runCheck(paths: string[]): Promise<number> {
  let failed = 0;
  for (const path of paths) {
    try {
      assertConforms(new Uint8Array(await readFile(path)), path);
      console.log(`${path}: conforms (${CHECKPOINTS.length} checkpoints of PDF/UA-1 and PDF/A-2b)`);
    } catch (error) {
      if (!(error instanceof ReportError) && (error as NodeJS.ErrnoException).code === undefined) throw error;
      failed++;
      if (error instanceof ConformanceError) console.error(error.message);
      else console.error(`${path}: cannot be read (${(error as Error).message})`);
    }
  }
  return failed > 0 ? 1 : 0;
}
