#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the project needs no compile step before it can build.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
