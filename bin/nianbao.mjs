#!/usr/bin/env node
// Entry of the `nianbao` CLI. The commands live in lib/cli (plain TypeScript shared with the app).
// `npm ci` builds them into dist/cli (the "prepare" script, scripts/build-cli.mjs): plain bundled
// JavaScript, each command loaded only when it runs — no TypeScript compiler at run time.
// When that bundle is missing, unreadable or older than a source file it was built from, the CLI
// says so on stderr and runs the sources through tsx instead (slower, same results), so `nianbao`
// always runs, and never runs stale code.
import { readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);

/** Why the prebuilt bundle cannot be used, or null when it can. */
function bundleProblem() {
  let build;
  try {
    build = JSON.parse(readFileSync(new URL("dist/cli/build.json", root), "utf8"));
  } catch {
    return "未找到预编译的命令行（dist/cli）";
  }
  for (const source of build.sources) {
    let mtime;
    try {
      mtime = statSync(new URL(source, root)).mtimeMs;
    } catch {
      continue; // a source that no longer exists: the bundle may still be stale, but its importer has changed too
    }
    if (mtime > build.builtAt) return `预编译的命令行（dist/cli）早于源文件 ${source}`;
  }
  return null;
}

const problem = process.env.NIANBAO_CLI_FROM_SOURCE === "1" ? "NIANBAO_CLI_FROM_SOURCE=1" : bundleProblem();
let main;
let load;
if (problem === null) {
  ({ main } = await import("../dist/cli/main.mjs"));
} else {
  if (process.env.NIANBAO_CLI_FROM_SOURCE !== "1") process.stderr.write(`nianbao：${problem}，改用 tsx 直接运行源代码（较慢）；运行 npm run build:cli 可重新生成。\n`);
  // tsImport (not register() + import()) because on Node 20.19+ the latter fails with
  // ERR_REQUIRE_CYCLE_MODULE for .ts files in a CommonJS-scoped package.
  const { tsImport } = await import("tsx/esm/api");
  ({ main } = await tsImport("../lib/cli/main.ts", import.meta.url));
  // Each command's module is lib/cli/commands/<name>.ts, exporting <name>Command.
  load = async (entry) => (await tsImport(`../lib/cli/commands/${entry.name}.ts`, import.meta.url))[`${entry.name}Command`];
}
process.exitCode = await main(process.argv.slice(2), undefined, load);
