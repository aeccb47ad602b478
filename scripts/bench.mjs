#!/usr/bin/env node
// `npm run bench`: runs every benchmark file (bench/*.bench.ts, lib/**/*.bench.ts) one after another
// and lets each print its own measured numbers. The rows of issue 20's table (lines "TABLE | …",
// each a figure against its reference measured in the same run) are repeated at the end as one table;
// so are issue 19's (lines "TABLE19 | …": app servers and databases, bench/servers.bench.ts).
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { BENCH_NEEDS, ensureSystemPackages } from "./system-deps.mjs";

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
const selected = files.filter((f) => !only.length || only.some((o) => relative(root, f).includes(o)));
// The command line's row is measured against pandoc (bench/cli.bench.ts): install it like the
// tests' packages, so that a fresh machine's `npm run bench` prints that row against it.
if (selected.some((f) => relative(root, f) === "bench/cli.bench.ts")) ensureSystemPackages(BENCH_NEEDS, { optional: true });
let failed = 0;
const rows = [];
const rows19 = [];
for (const f of selected) {
  const rel = relative(root, f);
  console.log(`\n=== ${rel} ===`);
  const status = await new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--expose-gc", f], { stdio: ["ignore", "pipe", "inherit"], cwd: root });
    let rest = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop();
      for (const line of lines) {
        if (line.startsWith("TABLE | ")) rows.push(line.slice(8).split(" | "));
        if (line.startsWith("TABLE19 | ")) rows19.push(line.slice(10).split(" | "));
      }
    });
    child.on("close", (code) => resolve(code));
  });
  if (status !== 0) failed++;
}
if (rows.length) {
  console.log(`\n=== issue 20's table, each figure against its reference measured in the same run (load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}) ===`);
  console.log("| what | measured | reference (same run) | ratio | goal | |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}
if (rows19.length) {
  console.log("\n=== issue 19's table: autosave over HTTP, app servers and databases, against 1 app server on SQLite in the same run ===");
  console.log("| what | measured | reference (same run) | ratio |");
  console.log("|---|---|---|---|");
  for (const r of rows19) console.log(`| ${r.join(" | ")} |`);
}
process.exit(failed ? 1 : 0);
