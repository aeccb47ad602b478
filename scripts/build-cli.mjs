#!/usr/bin/env node
// Builds the `nianbao` command line into dist/cli/ (git-ignored build output), so that running it
// needs no TypeScript compiler: lib/cli/main.ts (help, argument dispatch; a few KB) and one bundle
// per command (lib/cli/commands/<name>.ts with every module and dependency it uses), CommonJS.
// Runs on `npm ci` / `npm install` (the "prepare" script) and by `npm run build:cli`.
//
// Then each command runs once on the example report (scripts/cli-training.mjs) and the V8 code
// cache of its bundle — the bytecode of every function that run compiled — is written beside it
// (<name>.cjs.cache): a later run starts with those functions compiled. V8 refuses a cache made by
// another Node/V8 version or for another file; the CLI then simply compiles (slower, same result).
//
// The .docx writer (the `docx` package) gets a few text replacements in the CLI bundle
// (scripts/cli-docx-patches.mjs: native zlib deflate and CRC-32, no quadratic attribute copies, one pass to write the
// XML), each giving the same bytes with less work; lib/cli/cli.test.ts compares the bundle's .docx
// part by part with the sources'. If a `docx` upgrade changes that code, the build says so and
// keeps the original there (correct, only slower).
//
// bin/nianbao.cjs uses the bundle when it is there and newer than every source file it was built
// from (dist/cli/build.json lists them); otherwise it says so on stderr and runs the sources with tsx.
// A failed build exits non-zero, so `npm ci` fails loudly instead of leaving a broken CLI.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DOCX_PATCHES } from "./cli-docx-patches.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(root, "dist", "cli");
const startedAt = Date.now();
export const COMMAND_NAMES = ["validate", "render", "import", "db", "check"];

const docxPatches = {
  name: "docx-patches",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]docx[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      let contents = readFileSync(args.path, "utf8");
      const warnings = [];
      for (const patch of DOCX_PATCHES) {
        if (contents.split(patch.from).length !== 2) warnings.push({ text: `docx: ${patch.what} changed; the CLI keeps docx's own code there (slower)` });
        else contents = contents.replace(patch.from, () => patch.to);
      }
      return { contents, loader: "js", warnings };
    });
  },
};

try {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: "lib/cli/main.ts",
      ...Object.fromEntries(COMMAND_NAMES.map((n) => [n, `lib/cli/commands/${n}.ts`])),
    },
    outdir,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".cjs" },
    minify: true,
    legalComments: "linked",
    // main.ts's own dynamic imports of the commands stay out of main.cjs: bin/nianbao.cjs loads
    // the command bundles itself. Native add-ons stay outside (the CLI does not use the database).
    // pdfjs-dist (PDF import, ESM) stays in node_modules: the bundle require()s it (lib/import/pdf/read-pdf.ts).
    external: ["better-sqlite3", "pg-native", "pdfjs-dist", ...COMMAND_NAMES.map((n) => `./commands/${n}`)],
    define: { __NIANBAO_CJS_BUNDLE__: "true" },
    plugins: [docxPatches],
    metafile: true,
    logLevel: "warning",
  });
  // The project's own source files the bundle was built from: when one of them changes after the
  // build, the bundle is stale and bin/nianbao.cjs runs the sources instead.
  const sources = [...new Set(Object.keys(result.metafile.inputs).filter((p) => !p.includes("node_modules/")).map((p) => relative(root, join(root, p))))];
  writeFileSync(join(outdir, "build.json"), `${JSON.stringify({ builtAt: startedAt, commands: COMMAND_NAMES, sources: [...sources, "package-lock.json", "scripts/build-cli.mjs", "scripts/cli-docx-patches.mjs"] })}\n`);
  // Training runs: write the code caches.
  const train = spawnSync(process.execPath, [join(root, "scripts/cli-training.mjs")], { cwd: root, encoding: "utf8" });
  if (train.status !== 0) throw new Error(`training run failed:\n${train.stdout}${train.stderr}`);
  const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
  console.log(`nianbao CLI built into dist/cli (${(bytes / 1024).toFixed(0)} KB of JavaScript; code caches: ${train.stdout.trim()}) in ${Date.now() - startedAt} ms`);
} catch (e) {
  rmSync(outdir, { recursive: true, force: true });
  console.error(`build-cli: the nianbao command line could not be built: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
