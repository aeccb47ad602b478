#!/usr/bin/env node
// Entry of the `nianbao` CLI (package.json "bin"). The commands live in lib/cli (plain TypeScript shared with the app).
// `npm ci` builds them into dist/cli (the "prepare" script, scripts/build-cli.mjs): bundled
// JavaScript, one bundle per command, each loaded only when it runs, with the V8 code cache the
// build wrote beside it — no TypeScript compiler at run time.
// When that bundle is missing, unreadable or older than a source file it was built from, the CLI
// says so on stderr and runs the sources through tsx instead (slower, same results), so `nianbao`
// always runs, and never runs stale code.
// CommonJS on purpose: an ES module entry costs a run ~30 ms of CPU more (Node's ESM loader, its
// asynchronous read of this file, an ESM facade per built-in module), measured in interleaved runs.
// bin/nianbao.mjs only loads this file, for whoever runs that path.
"use strict";
const { readFileSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname } = require("node:path");
const { fileURLToPath, pathToFileURL } = require("node:url");
const v8 = require("node:v8");
const vm = require("node:vm");

const self = pathToFileURL(__filename).href;
const root = new URL("../", self);

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
      continue; // a source that no longer exists: whatever imported it changed too
    }
    if (mtime > build.builtAt) return `预编译的命令行（dist/cli）早于源文件 ${source}`;
  }
  return null;
}

const loaded = [];
/**
 * Runs the CommonJS bundle dist/cli/<name>.cjs and returns its exports, compiled with the code
 * cache beside it when V8 accepts it (same Node build, same file); otherwise V8 compiles it.
 */
function loadBundle(name) {
  const file = fileURLToPath(new URL(`dist/cli/${name}.cjs`, root));
  const code = readFileSync(file, "utf8");
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // no cache: compile
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file, cachedData });
  if (process.env.NIANBAO_CLI_DEBUG_CACHE === "1") process.stderr.write(`${name}: code cache ${cachedData ? (script.cachedDataRejected ? "rejected" : "used") : "absent"}\n`);
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dirname(file));
  loaded.push({ file, script });
  return bundle.exports;
}

async function run() {
  const fromSource = process.env.NIANBAO_CLI_FROM_SOURCE === "1";
  const problem = fromSource ? "NIANBAO_CLI_FROM_SOURCE=1" : bundleProblem();
  let main;
  let load;
  if (problem === null) {
    // One short run: V8's optimising compiler (TurboFan) would spend more CPU compiling hot functions
    // on background threads than the run saves with them (measured ~0.15 s of ~0.6 s CPU for a .docx).
    // Set before any bundle is compiled; the code caches are written under the same flag.
    v8.setFlagsFromString("--no-opt");
    ({ main } = loadBundle("main"));
    load = async (entry) => loadBundle(entry.name)[`${entry.name}Command`];
  } else {
    if (!fromSource) process.stderr.write(`nianbao：${problem}，改用 tsx 直接运行源代码（较慢）；运行 npm run build:cli 可重新生成。\n`);
    // tsImport (not register() + import()) because on Node 20.19+ the latter fails with
    // ERR_REQUIRE_CYCLE_MODULE for .ts files in a CommonJS-scoped package.
    const { tsImport } = await import("tsx/esm/api");
    ({ main } = await tsImport("../lib/cli/main.ts", self));
    // Each command's module is lib/cli/commands/<name>.ts, exporting <name>Command.
    load = async (entry) => (await tsImport(`../lib/cli/commands/${entry.name}.ts`, self))[`${entry.name}Command`];
  }
  process.exitCode = await main(process.argv.slice(2), undefined, load);
  // scripts/cli-training.mjs (at build time): keep what this run compiled for the next runs.
  if (process.env.NIANBAO_CLI_WRITE_CACHE === "1") for (const { file, script } of loaded) writeFileSync(`${file}.cache`, script.createCachedData());
}

run();
