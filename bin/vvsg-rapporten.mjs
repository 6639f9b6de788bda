#!/usr/bin/env node
// The CLI runs the JavaScript in dist/, compiled from src/ first when a source is newer than the
// last compile (scripts/dist.mjs): no TypeScript is compiled at run time.
import { ensureDist } from "../scripts/dist.mjs";

await ensureDist();
const { main } = await import("../dist/cli.js");
process.exitCode = await main(process.argv.slice(2));
