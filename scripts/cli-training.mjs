#!/usr/bin/env node
// Run by scripts/build-cli.mjs after bundling: every command of the prebuilt CLI once on the example
// report, with NIANBAO_CLI_WRITE_CACHE=1 so bin/nianbao.cjs writes the V8 code cache of each bundle
// it loaded. Prints the cache files written.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/nianbao.cjs");
const fixture = join(root, "lib/fixtures/example-2021-shifan-2024.json");
const previous = join(root, "lib/fixtures/example-2021-shifan-2023.json");
const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-training-"));
try {
  const runs = [
    ["--help"],
    ["validate", fixture, "--previous", previous],
    // The last run of a command writes its cache: html first, the .docx (the slow one) last.
    ["render", fixture, "--format", "html", "-o", join(dir, "x.html")],
    ["import", join(dir, "x.html"), "-o", join(dir, "x.json")],
    ["render", fixture, "--format", "docx", "-o", join(dir, "x.docx")],
  ];
  for (const args of runs) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NIANBAO_CLI_WRITE_CACHE: "1" } });
    if (r.status !== 0 || r.stderr.includes("改用 tsx")) throw new Error(`nianbao ${args.join(" ")} → ${r.status}\n${r.stderr}`);
  }
  const caches = readdirSync(join(root, "dist/cli")).filter((f) => f.endsWith(".cache"));
  console.log(caches.map((f) => `${f} ${(statSync(join(root, "dist/cli", f)).size / 1024).toFixed(0)} KB`).join(", "));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
