// `npm run build|validate|preview|test|bench` on a machine with nothing but Node 20: installs the
// npm packages when they are missing or stale, compiles src/ to dist/ when a source is newer
// (scripts/dist.mjs), then hands over to src/setup/index.ts (compiled), which finds or installs a
// browser and runs the command. Plain JavaScript with no dependencies, because it runs before
// node_modules exists.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Whether `npm ci` must run, from the modification times (ms) of package-lock.json and of
 * node_modules/.package-lock.json, which npm writes after each install (undefined: missing).
 */
export function needsInstall(lockfileMtime, installedMtime) {
  return installedMtime === undefined || (lockfileMtime !== undefined && lockfileMtime > installedMtime);
}

const mtime = (path) => statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs;

async function main([command, ...args]) {
  if (needsInstall(mtime("package-lock.json"), mtime("node_modules/.package-lock.json"))) {
    console.error("Installing npm packages (npm ci)…");
    // child_process here and nowhere else: execa is one of the packages being installed.
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
    if (npm.status !== 0) {
      console.error("error: npm ci failed; see its output above.");
      return npm.status ?? 1;
    }
  }
  const { ensureDist } = await import("./dist.mjs");
  await ensureDist();
  const { run } = await import("../dist/setup/index.js");
  return run([command, ...args]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
