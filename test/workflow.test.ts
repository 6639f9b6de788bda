/**
 * The GitHub Actions workflow and .ci/run: nothing runs them before they are pushed, so these
 * checks stand in for a first run on GitHub.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const root = fileURLToPath(new URL("..", import.meta.url));
const workflowText = readFileSync(join(root, ".github/workflows/reports.yml"), "utf8");
const workflow = parse(workflowText) as Workflow;
const jobs = Object.entries(workflow.jobs);
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
  .scripts;

const runLines = (steps: Step[]) =>
  steps.flatMap((step) => (step.run ?? "").split("\n").filter((line) => line.trim() !== ""));
const allRunLines = jobs.flatMap(([, job]) => runLines(job.steps));
const usesAction = (step: Step, action: string) => step.uses?.startsWith(`${action}@`) ?? false;
const needs = (job: Job) => [job.needs ?? []].flat();
const printsPdfs = (step: Step) => /\bnpm (test|run build)\b/.test(step.run ?? "");

/** Cron fields as GitHub reads them (POSIX cron): allowed range and, for two of them, names. */
const cronFields = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

/** The values each of the five fields matches, or an error naming the field that is wrong. */
function cronValues(expression: string): number[][] {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== cronFields.length) throw new Error(`"${expression}" has ${parts.length} fields, expected 5`);
  return cronFields.map((field, index) => {
    const value = (text: string) => {
      const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
      const number = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
      if (!(number >= field.min && number <= field.max))
        throw new Error(`${field.name} "${text}" is not in ${field.min}–${field.max}`);
      return number;
    };
    const matched = new Set<number>();
    for (const item of parts[index]!.split(",")) {
      const [range = "", step = "1", extra] = item.split("/");
      if (extra !== undefined || !/^[1-9]\d*$/.test(step)) throw new Error(`${field.name} "${item}" has a bad step`);
      const [from, to] =
        range === "*"
          ? [field.min, field.max]
          : range.includes("-")
            ? range.split("-").map(value)
            : [value(range), value(range)];
      if (from === undefined || to === undefined || from > to)
        throw new Error(`${field.name} "${item}" is not a range`);
      for (let n = from; n <= to; n += Number(step)) matched.add(n);
    }
    return [...matched].sort((a, b) => a - b);
  });
}

describe("the workflow file", () => {
  it("is valid against SchemaStore's GitHub workflow schema", () => {
    expect(validateWorkflow(workflowText).errors).toEqual([]);
  });

  it("would fail that check with a misspelt key", () => {
    const broken = structuredClone(workflow);
    (broken.jobs.test!.steps[0] as Record<string, unknown>).usez = "actions/checkout@v6";
    expect(validateWorkflow(stringify(broken)).errors).not.toEqual([]);
  });

  it("runs on push, pull_request, a schedule and by hand", () => {
    expect(Object.keys(workflow.on)).toEqual(
      expect.arrayContaining(["push", "pull_request", "schedule", "workflow_dispatch"]),
    );
  });

  it("is scheduled once a week, with a valid cron", () => {
    const schedules = workflow.on.schedule as { cron: string }[];
    expect(schedules).toHaveLength(1);
    const [minutes, hours, days, months, weekdays] = cronValues(schedules[0]!.cron);
    expect([minutes, hours, weekdays].map((values) => values!.length)).toEqual([1, 1, 1]);
    expect([days!.length, months!.length]).toEqual([31, 12]);
  });
});

describe("the cron check", () => {
  it.each([
    "60 4 * * 1",
    "17 24 * * 1",
    "17 4 0 * 1",
    "17 4 * * 7",
    "17 4 * *",
    "17 4 * * MON-",
    "*/0 * * * *",
    "17 4 * * 5-1",
  ])("rejects %s", (expression) => {
    expect(() => cronValues(expression)).toThrow();
  });

  it("reads names, ranges, lists and steps", () => {
    expect(cronValues("0,30 */6 1-3 DEC mon-wed")).toEqual([[0, 30], [0, 6, 12, 18], [1, 2, 3], [12], [1, 2, 3]]);
  });
});

describe("what the workflow runs", () => {
  it("runs only npm scripts that package.json has", () => {
    const used = allRunLines.flatMap((line) =>
      [...line.matchAll(/\bnpm (?:run ([\w:-]+)|(test)\b)/g)].map((m) => m[1] ?? m[2]!),
    );
    expect(new Set(used)).toEqual(new Set(["validate", "test", "build"]));
    for (const name of used) expect(scripts, `npm script "${name}"`).toHaveProperty(name);
  });

  it("runs only node scripts that are in the repository", () => {
    const files = allRunLines.flatMap((line) => [...line.matchAll(/\bnode (\S+\.m?[jt]s)\b/g)].map((m) => m[1]!));
    expect(files).toContain("scripts/merge-manifests.mjs");
    for (const file of files) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it("passes the build only options that the CLI knows", () => {
    const help = execFileSync(process.execPath, ["bin/vvsg-rapporten.mjs", "build", "--help"], {
      cwd: root,
      encoding: "utf8",
    });
    const flags = allRunLines
      .filter((line) => line.includes("npm run build"))
      .flatMap((line) => line.match(/--[a-z][\w-]*/g) ?? []);
    expect(flags).toEqual(expect.arrayContaining(["--only", "--shard", "--out"]));
    for (const flag of flags) expect(help, flag).toContain(`${flag} `);
  });

  it("builds every shard i/n exactly once, for i from 1 to n", () => {
    const sharded = jobs.flatMap(([name, job]) =>
      runLines(job.steps).flatMap((line) =>
        [...line.matchAll(/--shard \$\{\{ matrix\.(\w+) \}\}\/(\d+)/g)].map((m) => ({
          name,
          job,
          key: m[1]!,
          count: Number(m[2]),
        })),
      ),
    );
    expect(sharded.map((s) => s.name)).toEqual(["fiches"]);
    for (const { job, key, count } of sharded) {
      const shards = job.strategy?.matrix?.[key] ?? [];
      expect([...shards].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }
  });

  it("gives a Chrome to every step that prints", () => {
    for (const [name, job] of jobs) {
      const chrome = job.steps.find((step) => usesAction(step, "browser-actions/setup-chrome"));
      for (const step of job.steps.filter(printsPdfs)) {
        expect(chrome?.id, `${name}: setup-chrome step with an id`).toBeDefined();
        expect(step.env?.PUPPETEER_EXECUTABLE_PATH, `${name}: ${step.run}`).toBe(
          `\${{ steps.${chrome!.id}.outputs.chrome-path }}`,
        );
      }
    }
  });

  it("sets up Node 20 before the first npm command of every job", () => {
    for (const [name, job] of jobs) {
      const setup = job.steps.findIndex((step) => usesAction(step, "actions/setup-node"));
      const firstNpm = job.steps.findIndex((step) => /\bnpm\b/.test(step.run ?? ""));
      if (firstNpm < 0) continue; // the Pages deployment only moves an artifact
      expect(setup, name).toBeGreaterThanOrEqual(0);
      expect(setup, name).toBeLessThan(firstNpm);
      expect(job.steps[setup]!.with?.["node-version"], name).toBe(20);
    }
  });

  it("dates the PDFs by the commit in every job that builds them", () => {
    for (const [name, job] of jobs) {
      const build = job.steps.findIndex((step) => /\bnpm run build\b/.test(step.run ?? ""));
      if (build < 0) continue;
      const dating = job.steps.findIndex((step) =>
        step.run?.includes('echo "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" >> "$GITHUB_ENV"'),
      );
      expect(dating, name).toBeGreaterThanOrEqual(0);
      expect(dating, name).toBeLessThan(build);
    }
  });
});

describe("the artifacts", () => {
  const uploads = jobs.flatMap(([name, job]) =>
    job.steps.filter((step) => usesAction(step, "actions/upload-artifact")).map((step) => ({ name, job, step })),
  );

  it("have a different name in every job and matrix cell", () => {
    const names = uploads.flatMap(({ job, step }) => {
      const matrix = Object.entries(job.strategy?.matrix ?? {});
      const template = String(step.with?.name);
      if (matrix.length === 0) return [template];
      return matrix.flatMap(([key, values]) =>
        values.map((value) => template.replaceAll(`\${{ matrix.${key} }}`, String(value))),
      );
    });
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(["bijlage", "fiches-1", "fiches-2", "fiches-3", "fiches-4", "reports"]),
    );
  });

  it("each carry the manifest of the build that made them", () => {
    for (const { name, job, step } of uploads) {
      if (!job.steps.some((s) => /\bnpm run build\b/.test(s.run ?? ""))) continue;
      // The web edition is a site, published as it is; the reports artifact's manifest lists its files.
      if (step.with?.name === "web") continue;
      // The whole output folder holds it too.
      expect(
        String(step.with?.path)
          .split("\n")
          .filter((p) => p === "output/manifest.json" || p === "output/"),
        name,
      ).not.toEqual([]);
    }
  });

  it("include the web edition, built by publish from the gathered PDFs, and deploy it to Pages only when asked", () => {
    const publish = workflow.jobs.publish!;
    const lines = runLines(publish.steps);
    const merge = lines.indexOf("node scripts/merge-manifests.mjs --out output output/shards/*/manifest.json");
    expect(lines.indexOf("npm run build -- --only web --out output")).toBeGreaterThan(merge);
    const web = publish.steps.find((step) => usesAction(step, "actions/upload-artifact") && step.with?.name === "web");
    expect(web?.with?.path).toBe("output/web");
    const pages = (workflow.jobs as Record<string, Job & { if?: string }>).pages!;
    expect(needs(pages)).toEqual(["publish"]);
    expect(pages.if).toBe("vars.DEPLOY_PAGES == 'true'");
    expect(pages.steps.find((step) => usesAction(step, "actions/download-artifact"))?.with?.name).toBe("web");
  });

  it("are gathered by publish after both builds, their manifests merged", () => {
    const publish = workflow.jobs.publish!;
    expect(needs(publish)).toEqual(expect.arrayContaining(["bijlage", "fiches"]));
    const download = publish.steps.find((step) => usesAction(step, "actions/download-artifact"));
    // No name and no merge-multiple: each artifact in a folder of its own, as the glob below expects.
    expect(download?.with).toEqual({ path: "output/shards" });
    expect(runLines(publish.steps)).toContain(
      "node scripts/merge-manifests.mjs --out output output/shards/*/manifest.json",
    );
    const reports = publish.steps.find((step) => usesAction(step, "actions/upload-artifact"));
    expect(reports?.with?.name).toBe("reports");
  });
});

describe(".ci/run", () => {
  const commands = readFileSync(join(root, ".ci/run"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

  it("stops at the first failure", () => {
    expect(commands[0]).toBe("set -euo pipefail");
  });

  it("runs the README's test command, which sets itself up", () => {
    expect(commands.at(-1)).toBe("npm test");
    expect(commands.filter((line) => /\b(npm (ci|install)|apt-get)\b/.test(line))).toEqual([]);
  });
});
