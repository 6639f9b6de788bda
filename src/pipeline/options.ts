/**
 * The build's options: declared once for the command line (with their defaults and help), and
 * parsed into BuildOptions, which is also what the benchmark and the tests pass to build().
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.ts";
import { ONLY_CHOICES, type OnlyChoice } from "../outputs/kinds.ts";
import type { Printer } from "../print/printer.ts";
import { parseFileNaming, type FileNaming } from "./fiche-index.ts";
import { parseShard, type Shard } from "./shard.ts";
import * as msg from "../messages.ts";

export interface BuildOptions {
  dataDir: string;
  outDir: string;
  only?: OnlyChoice;
  ids?: string[];
  shard?: Shard;
  keepHtml: boolean;
  force: boolean;
  concurrency: number;
  /** Print nothing but the summary (the benchmark runs many builds). */
  quiet?: boolean;
  /** A printer whose browser is already running (the benchmark's warm runs); left open afterwards. */
  printer?: Printer;
  /** Templates other than the project's (tests, experiments). */
  templatesDir?: string;
  /** What a fact sheet's file is named after (default: its id). */
  nameFilesBy?: FileNaming;
}

export const DEFAULT_DATA_DIR = "data";
export const DEFAULT_OUT_DIR = "output";

export const buildUsage = `vvsg-rapporten build [options]

  --only KIND            build only KIND: ${ONLY_CHOICES.join(", ")} (web: the web edition, <out>/web/)
  --ids G001,O007        build the fact sheets of these respondents only
  --data DIR             data folder with gemeenten.csv, ocmws.csv or .xlsx (default: ${DEFAULT_DATA_DIR})
  --out DIR              output folder (default: ${DEFAULT_OUT_DIR})
  --shard i/n            build the i-th of n equal parts of the documents (1-based)
  --keep-html            also write the exact HTML that was printed, under <out>/html/
  --force                print every document, even those whose inputs did not change
  --concurrency N        documents printed at once (default: number of cores)
  --name-files-by id|nis name each fact sheet's file after its id or its NIS code (default: id)
  -h, --help             show this help`;

export const buildArgs: NonNullable<ParseArgsConfig["options"]> = {
  data: { type: "string", default: DEFAULT_DATA_DIR },
  out: { type: "string", default: DEFAULT_OUT_DIR },
  only: { type: "string" },
  ids: { type: "string" },
  shard: { type: "string" },
  "keep-html": { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  concurrency: { type: "string" },
  "name-files-by": { type: "string" },
};

/** BuildOptions from the values parseArgs gave for buildArgs (their defaults filled in). */
export function parseBuildOptions(values: Record<string, string | boolean | undefined>): BuildOptions {
  const only = values.only as OnlyChoice | undefined;
  if (only !== undefined && !ONLY_CHOICES.includes(only)) throw new UsageError(msg.badOnly(only, ONLY_CHOICES));
  const concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(msg.badConcurrency(values.concurrency));
  const ids =
    typeof values.ids === "string"
      ? values.ids
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  return {
    dataDir: resolve(String(values.data)),
    outDir: resolve(String(values.out)),
    only,
    ids,
    shard: typeof values.shard === "string" ? parseShard(values.shard) : undefined,
    keepHtml: values["keep-html"] === true,
    force: values.force === true,
    concurrency,
    nameFilesBy: parseFileNaming(values["name-files-by"]),
  };
}
