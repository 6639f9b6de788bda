#!/usr/bin/env node
// Joins the manifest.json of CI shards into one: node scripts/merge-manifests.mjs --out DIR shard1/manifest.json …
import { register } from "tsx/esm/api";

register();
const { runMergeManifests } = await import("../src/pipeline/merge.ts");
process.exitCode = await runMergeManifests(process.argv.slice(2));
