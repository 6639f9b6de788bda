/** Data that the loader must refuse. */
import { expect } from "vitest";
import { DataError } from "../../src/errors.ts";
import { loadSurvey } from "../../src/survey/index.ts";

/** The DataError that loading `dataDir` is refused with (the test fails if it loads). */
export async function refusal(dataDir: string): Promise<DataError> {
  const error = await loadSurvey(dataDir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}
