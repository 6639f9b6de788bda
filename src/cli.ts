/**
 * The command line: parses arguments, runs one command, and prints any error once.
 * Every library error carries its own exit code (src/errors.ts); the README lists them.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { resolve } from "node:path";
import { reportFailure, UsageError } from "./errors.ts";
import { buildArgs, buildUsage, DEFAULT_DATA_DIR, parseBuildOptions } from "./pipeline/options.ts";
import * as msg from "./messages.ts";

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Whether it takes file names after its options. */
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const dataOption = { data: { type: "string" as const, default: DEFAULT_DATA_DIR } };

const commands: Record<string, Command> = {
  build: {
    summary: "Build the bijlage and the fact sheets as PDF, and the web edition",
    usage: buildUsage,
    options: buildArgs,
    async run(values) {
      const options = parseBuildOptions(values);
      // Answered before the pipeline is loaded: a rebuild with nothing changed needs none of it.
      const { buildStamp, reportUpToDate } = await import("./pipeline/up-to-date.ts");
      const stamp = buildStamp(options);
      if (await reportUpToDate(options, stamp)) return 0;
      const { runBuild } = await import("./pipeline/index.ts");
      return runBuild(options, stamp);
    },
  },
  validate: {
    summary: "Validate the data and compare it with the printed bijlage",
    usage: `vvsg-rapporten validate [options]

  --data DIR    data folder (default: ${DEFAULT_DATA_DIR})
  -h, --help    show this help

Reads and checks the data and prints the reconciliation with the printed figures. Writes nothing.`,
    options: { ...dataOption },
    async run(values) {
      const { runValidate } = await import("./pipeline/validate.ts");
      return runValidate(resolve(String(values.data)));
    },
  },
  preview: {
    summary: "Serve the bijlage and the fact sheets as HTML that reloads on change",
    usage: `vvsg-rapporten preview [options]

  --data DIR    data folder (default: ${DEFAULT_DATA_DIR})
  --port N      port on localhost (default: 4173)
  -h, --help    show this help`,
    options: { ...dataOption, port: { type: "string", default: "4173" } },
    async run(values) {
      const { runPreview } = await import("./preview/server.ts");
      return runPreview({ dataDir: resolve(String(values.data)), port: Number(values.port) });
    },
  },
  check: {
    summary: "Check PDFs against the machine-checkable checkpoints of PDF/UA-1 and PDF/A-2b",
    usage: `vvsg-rapporten check FILE.pdf...

  -h, --help    show this help

Prints each failure (file, checkpoint, what failed); exits 1 when a file fails, 0 when all conform.`,
    options: {},
    positionals: true,
    async run(_values, positionals) {
      const { runCheck } = await import("./conform/index.ts");
      if (positionals.length === 0) throw new UsageError(msg.noPdfNamed(commands.check!.usage));
      return runCheck(positionals);
    },
  },
};

function overview(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return (
    `vvsg-rapporten <command> [options]\n\nCommands:\n${lines.join("\n")}\n\n` +
    "Run 'vvsg-rapporten <command> --help' for a command's options."
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name ? 0 : 64;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(msg.unknownCommand(name, overview()));
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(command.usage);
      return 0;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options,
        strict: true,
        allowPositionals: command.positionals ?? false,
      });
    } catch (error) {
      throw new UsageError(msg.badArguments((error as Error).message, command.usage));
    }
    // No option is declared "multiple", so parseArgs never returns arrays here.
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    return reportFailure(error);
  }
}
