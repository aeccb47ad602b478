#!/usr/bin/env node
// `npm run bench`: runs every benchmark file (bench/*.bench.ts, lib/**/*.bench.ts) one after another
// and lets each print its own measured numbers.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".bench.ts") || name.endsWith(".bench.mjs")) files.push(p);
  }
}
for (const d of ["lib", "bench"]) {
  try { walk(join(root, d)); } catch { /* folder may not exist yet */ }
}
files.sort();
const only = process.argv.slice(2);
let failed = 0;
for (const f of files) {
  const rel = relative(root, f);
  if (only.length && !only.some((o) => rel.includes(o))) continue;
  console.log(`\n=== ${rel} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", f], { stdio: "inherit", cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
