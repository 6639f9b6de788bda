// The CLI runs JavaScript compiled from src/ into dist/ (one .js file per .ts file, in the same
// folders, so every path a module finds from import.meta.url holds in both). Compiling on every
// start, as tsx does, costs a user some 0.6 s; here the set-up step and the CLI compile only when a
// source is newer than the last compile. Plain JavaScript: bin/ and bootstrap.mjs run it before
// anything is compiled.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The project's folders; tests compile others. */
const project = { src: join(root, "src"), dist: join(root, "dist") };

/** The compiled sources: every .ts file under src/ (new modules included), declarations aside. */
function sources(src) {
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * What a compile depends on: every source's name and modification time (a file put back with an
 * older time counts too), and this compiler's own. A stat per file, no reading: about a
 * millisecond for a hundred files.
 */
function signature(src, files) {
  const compiler = `${fileURLToPath(import.meta.url)} ${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  return [compiler, ...files.map((f) => `${relative(src, f)} ${statSync(f).mtimeMs}`)].join("\n");
}

function readStamp(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes a file under a temporary name and renames it into place: a CLI starting meanwhile sees old or new. */
function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Relative imports ("./x.ts") point at the compiled sibling ("./x.js"); packages stay imports. */
const keepImports = {
  name: "keep-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      return { path: args.path.replace(/\.ts$/, ".js"), external: true };
    });
  },
};

/** Compiles every source (esbuild: some 0.1 s; tsc would type-check for several seconds). */
async function compile({ src, dist }, files) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: files,
    outbase: src,
    outdir: dist,
    bundle: true,
    plugins: [keepImports],
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "error",
  });
  const written = new Set();
  for (const file of result.outputFiles) {
    written.add(file.path);
    let before;
    try {
      before = readFileSync(file.path);
    } catch {
      before = undefined;
    }
    if (!before?.equals(file.contents)) writeAtomic(file.path, file.contents);
  }
  // A source that was removed or renamed takes its compiled file with it.
  for (const e of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    if (e.isFile() && e.name.endsWith(".js") && !written.has(path)) rmSync(path);
  }
}

/** Compiles src/ to dist/ unless dist/ is as new as every source; says whether it compiled. */
export async function ensureDist(dirs = project) {
  const files = sources(dirs.src);
  const wanted = signature(dirs.src, files);
  const stamp = join(dirs.dist, ".stamp");
  if (readStamp(stamp) === wanted) return false;
  await compile(dirs, files);
  writeAtomic(stamp, wanted);
  return true;
}
