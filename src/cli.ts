/**
 * The command line: parses arguments, runs one command, and prints any error once.
 * Every library error carries its own exit code (src/errors.ts); the README lists them.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { resolve } from "node:path";
import { ReportError, UsageError } from "./errors.ts";

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

const dataOption = { data: { type: "string" as const, default: "data" } };

const commands: Record<string, Command> = {
  build: {
    summary: "Build the bijlage and the fact sheets as PDF",
    usage: `vvsg-rapporten build [options]

  --only bijlage|fiches  build only the bijlage or only the fact sheets
  --ids G001,O007        build the fact sheets of these respondents only
  --data DIR             data folder with gemeenten.csv, ocmws.csv or .xlsx (default: data)
  --out DIR              output folder (default: output)
  --shard i/n            build the i-th of n equal parts of the documents (1-based)
  --keep-html            also write the exact HTML that was printed, under <out>/html/
  --force                print every document, even those whose inputs did not change
  --concurrency N        documents printed at once (default: number of cores)
  -h, --help             show this help`,
    options: {
      ...dataOption,
      out: { type: "string", default: "output" },
      only: { type: "string" },
      ids: { type: "string" },
      shard: { type: "string" },
      "keep-html": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      concurrency: { type: "string" },
    },
    async run(values) {
      const { runBuild, parseBuildOptions } = await import("./build/index.ts");
      return runBuild(parseBuildOptions(values));
    },
  },
  validate: {
    summary: "Validate the data and compare it with the printed bijlage",
    usage: `vvsg-rapporten validate [options]

  --data DIR    data folder (default: data)
  -h, --help    show this help

Reads and checks the data and prints the reconciliation with the printed figures. Writes nothing.`,
    options: { ...dataOption },
    async run(values) {
      const { runValidate } = await import("./build/validate.ts");
      return runValidate(resolve(String(values.data)));
    },
  },
  preview: {
    summary: "Serve the bijlage and the fact sheets as HTML that reloads on change",
    usage: `vvsg-rapporten preview [options]

  --data DIR    data folder (default: data)
  --port N      port on localhost (default: 4173)
  -h, --help    show this help`,
    options: { ...dataOption, port: { type: "string", default: "4173" } },
    async run(values) {
      const { runPreview } = await import("./preview/server.ts");
      return runPreview({ dataDir: resolve(String(values.data)), port: Number(values.port) });
    },
  },
};

function overview(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return `vvsg-rapporten <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun 'vvsg-rapporten <command> --help' for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name ? 0 : 64;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${overview()}`);
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(command.usage);
      return 0;
    }
    let values: Record<string, string | boolean | undefined>;
    // No option is declared "multiple", so parseArgs never returns arrays here.
    try {
      values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\n${command.usage}`);
    }
    return await command.run(values);
  } catch (error) {
    if (error instanceof ReportError) {
      console.error(`error: ${error.message}`);
      return error.exitCode;
    }
    console.error(error);
    return 70;
  }
}
