#!/usr/bin/env node
// Builds the `nianbao` command line into dist/cli/ (git-ignored build output): lib/cli bundled with
// its dependencies by esbuild, one chunk per command (code splitting), so `nianbao --help` loads a
// few kilobytes and `nianbao render` only what rendering needs — no TypeScript compiler at run time.
// Runs on `npm ci` / `npm install` (the "prepare" script) and by `npm run build:cli`.
// bin/nianbao.mjs uses the bundle when it is there and newer than every source file it was built
// from (dist/cli/build.json lists them); otherwise it says so on stderr and runs the sources with tsx.
// A failed build exits non-zero, so `npm ci` fails loudly instead of leaving a broken CLI.
import { build } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(root, "dist", "cli");
const startedAt = Date.now();

try {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: "lib/cli/main.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    minify: true,
    legalComments: "linked",
    // Native add-ons stay outside the bundle (the CLI does not use the database today).
    external: ["better-sqlite3"],
    // CommonJS dependencies bundled into ES modules still call require() for Node built-ins.
    banner: { js: 'import { createRequire as __nbCreateRequire } from "node:module"; const require = __nbCreateRequire(import.meta.url);' },
    metafile: true,
    logLevel: "warning",
  });
  // The project's own source files the bundle was built from: when one of them changes after the
  // build, the bundle is stale and bin/nianbao.mjs runs the sources instead.
  const sources = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes("node_modules/"))
    .map((p) => relative(root, join(root, p)));
  writeFileSync(join(outdir, "build.json"), `${JSON.stringify({ builtAt: startedAt, sources: [...sources, "package-lock.json"] })}\n`);
  const bytes = Object.entries(result.metafile.outputs).reduce((s, [, o]) => s + o.bytes, 0);
  console.log(`nianbao CLI built into dist/cli (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KB) in ${Date.now() - startedAt} ms`);
} catch (e) {
  rmSync(outdir, { recursive: true, force: true });
  console.error(`build-cli: the nianbao command line could not be built: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
