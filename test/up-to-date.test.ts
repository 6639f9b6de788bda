/**
 * A rebuild with nothing changed is answered from the last build's record (src/pipeline/up-to-date.ts)
 * before any data is parsed: only when everything the outputs are made from, and every output on
 * disk, is as that build left them. Anything else falls through to the full build.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { build, runBuild } from "../src/pipeline/index.ts";
import { projectRoot, templatesDir as projectTemplates } from "../src/documents/context.ts";
import { parseShard } from "../src/pipeline/shard.ts";
import { buildStamp, upToDate } from "../src/pipeline/up-to-date.ts";
import { LOCK_NAME, STATE_NAME } from "../src/pipeline/write.ts";
import * as msg from "../src/messages.ts";
import { buildOptions as options, filesUnder } from "./helpers/outputs.ts";
import { tempDirs } from "./helpers/temp.ts";
import { until } from "./helpers/wait.ts";

const fixture = join(projectRoot, "test/fixtures/input/valid");
const tempDir = tempDirs("up-to-date");
const savedEpoch = process.env.SOURCE_DATE_EPOCH;
let data: string;
let out: string;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = "1230768000";
  data = tempDir();
  await cp(fixture, data, { recursive: true });
  out = tempDir();
  expect((await build(options(data, out))).failed).toEqual([]);
});

afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

/** What `build` prints on stderr, but the stage times, which differ from run to run. */
async function buildLog(): Promise<string[]> {
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    expect(await runBuild(options(data, out, { quiet: false }))).toBe(0);
    return error.mock.calls.map((call) => String(call[0])).filter((line) => !line.startsWith("stages (s):"));
  } finally {
    error.mockRestore();
  }
}

describe("a rebuild with nothing changed", () => {
  it("is answered from the record, saying what the full build says, with every output counted", async () => {
    const answer = await upToDate(options(data, out));
    expect(answer?.log).toEqual(await buildLog());
    expect(answer?.log.at(-1)).toBe(msg.built(0, 8, 0, out));
    expect(answer?.outputs).toBe((await filesUnder(out)).filter((f) => f !== STATE_NAME).length);
  });

  it("is not answered with --force", async () => {
    expect(await upToDate(options(data, out, { force: true }))).toBeUndefined();
  });

  const stillAnswered = async () => expect(await upToDate(options(data, out))).toBeDefined();
  const notAnswered = async () => expect(await upToDate(options(data, out))).toBeUndefined();
  /** The full build looks, finds what changed, and records the folder again. */
  const rebuild = async () => expect((await build(options(data, out))).failed).toEqual([]);

  it("is not answered once an output was rewritten (even with the same bytes), removed or added", async () => {
    const pdf = join(out, "fiches/G001.pdf");
    await writeFile(pdf, await readFile(pdf));
    await notAnswered();
    await rebuild();
    await stillAnswered();

    await rm(join(out, "web/index.html"));
    await notAnswered();
    await rebuild();
    await stillAnswered();

    const extra = join(out, "fiches/notes.txt");
    await writeFile(extra, "een bestand van iemand anders\n");
    await notAnswered();
    await rm(extra);
    await stillAnswered();
  });

  it("is not answered while a build holds the output folder's lock", async () => {
    await mkdir(join(out, LOCK_NAME));
    await notAnswered();
    await rmdir(join(out, LOCK_NAME));
    await stillAnswered();
  });

  it("is not answered when a data file changed, and again once it is as it was", async () => {
    const file = join(data, "gemeenten.csv");
    const text = await readFile(file, "utf8");
    await writeFile(file, `${text}\n`);
    await notAnswered();
    await writeFile(file, text);
    await stillAnswered();
  });

  it("is not vouched for by a build during which an input was edited", async () => {
    const file = join(data, "ocmws.csv");
    const text = await readFile(file, "utf8");
    const building = build(options(data, out));
    await until(() => existsSync(join(out, LOCK_NAME)), 30_000, "the build's lock"); // the data has been read
    await writeFile(file, `${text}\n`);
    expect((await building).failed).toEqual([]);
    await notAnswered();
    await writeFile(file, text); // as the build read it
    await stillAnswered();
  });

  it("leaves a data folder or source date the build will refuse to the build, which says why", async () => {
    await expect(upToDate(options(join(data, "missing"), out))).resolves.toBeUndefined();
    process.env.SOURCE_DATE_EPOCH = "yesterday";
    try {
      await expect(upToDate(options(data, out))).resolves.toBeUndefined();
    } finally {
      process.env.SOURCE_DATE_EPOCH = "1230768000";
    }
    await stillAnswered();
  });

  it("is not recorded by a build that failed, and forgotten by any build that took the lock", async () => {
    const templates = tempDir();
    await cp(projectTemplates, templates, { recursive: true });
    const document = join(templates, "fiche/document.hbs");
    const text = await readFile(document, "utf8");
    await writeFile(document, text.replace('<body class="fiche">', '<body class="fiche">{{nonexistent.value}}'));
    const failing = options(data, out, { templatesDir: templates, ids: ["G002"] });
    expect((await build(failing)).failed).not.toEqual([]);
    await expect(readFile(join(out, STATE_NAME))).rejects.toThrow(/ENOENT/);
    expect(await upToDate(failing)).toBeUndefined();
    await notAnswered();
  });
});

describe("the stamp of a build", () => {
  const stamp = async (more = {}) => (await buildStamp(options(data, out, more))).key;

  it("changes with the template folder's contents", async () => {
    const templates = tempDir();
    await cp(projectTemplates, templates, { recursive: true });
    const before = await stamp({ templatesDir: templates });
    await writeFile(join(templates, "fiche/parts/about.hbs"), "Over deze cijfers.\n");
    expect(await stamp({ templatesDir: templates })).not.toBe(before);
  });

  it("changes with the source date", async () => {
    const before = await stamp();
    process.env.SOURCE_DATE_EPOCH = "1230768001";
    try {
      expect(await stamp()).not.toBe(before);
    } finally {
      process.env.SOURCE_DATE_EPOCH = "1230768000";
    }
  });

  it("changes with every option that chooses or names outputs, and with no other", async () => {
    const plain = await stamp();
    const choosing = [
      { only: "fiches" },
      { ids: ["G001"] },
      { shard: parseShard("1/2") },
      { keepHtml: true },
      { nameFilesBy: "nis" },
      { dataDir: fixture },
    ];
    for (const option of choosing) expect(await stamp(option), JSON.stringify(option)).not.toBe(plain);
    for (const option of [{ concurrency: 7 }, { quiet: false }, { force: true }])
      expect(await stamp(option), JSON.stringify(option)).toBe(plain);
  });
});
