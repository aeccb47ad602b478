// Old Chromium builds for the browser-floor tests: the kernels of 奇安信/360 on 信创 PCs go back to
// Chromium 86. Such builds ship inside npm packages (made for AWS Lambda, brotli-compressed, with
// the few shared libraries they need), so they install from the npm registry like any package —
// never a browser download from elsewhere. They are test tools only: installed on demand into the
// project's own cache folder (.cache/old-browsers/<name>, git-ignored), never into the app's
// node_modules, and unpacked by us (the packages' own unpackers share one /tmp folder between
// versions, so two of them would overwrite each other).
//
//   node scripts/old-browsers.cjs            install/unpack every old browser (idempotent)
//
// CommonJS, so that both scripts/test.mjs and the Playwright config and tests (loaded as CommonJS
// by Playwright on Node 20) can use it.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } = require("node:fs");
const { join } = require("node:path");
const { brotliDecompressSync } = require("node:zlib");

const root = join(__dirname, "..");
const CACHE = join(root, ".cache/old-browsers");

/** name → npm packages (exact versions) and where the compressed browser sits in them. */
const OLD_BROWSERS = {
  // chrome-aws-lambda 5.3.1 = Chromium 86.0.4240, driven by the puppeteer-core of the same release
  // (Playwright's protocol needs a far newer browser).
  chromium86: { major: 86, packages: ["chrome-aws-lambda@5.3.1", "puppeteer-core@5.3.1"], binDir: "node_modules/chrome-aws-lambda/bin" },
  // @sparticuz/chromium 110 = Chromium 110.0.5478; Playwright 1.65 drives it.
  chromium110: { major: 110, packages: ["@sparticuz/chromium@110.0.1"], binDir: "node_modules/@sparticuz/chromium/bin" },
};

/** Paths of an installed old browser: its executable, the env it needs, its node_modules. */
function oldBrowserPaths(name) {
  const dir = join(CACHE, name);
  const out = join(dir, "browser");
  return {
    dir,
    executablePath: join(out, "chromium"),
    nodeModules: join(dir, "node_modules"),
    // The bundled NSS/expat libraries and SwiftShader (software GL) sit beside the binary.
    env: { LD_LIBRARY_PATH: [join(out, "aws/lib"), join(out, "swiftshader"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":") },
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  };
}

function marker(name) {
  return join(CACHE, name, "installed.json");
}

function isInstalled(name) {
  const spec = OLD_BROWSERS[name];
  try {
    return JSON.parse(readFileSync(marker(name), "utf8")).packages.join(" ") === spec.packages.join(" ") && existsSync(oldBrowserPaths(name).executablePath);
  } catch {
    return false;
  }
}

function ensureOldBrowser(name) {
  const spec = OLD_BROWSERS[name];
  if (!spec) throw new Error(`unknown old browser ${name}`);
  const paths = oldBrowserPaths(name);
  if (isInstalled(name)) return paths;
  const t0 = Date.now();
  console.log(`[old-browsers] 安装 ${name}（${spec.packages.join(" ")}）到 ${paths.dir}`);
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(join(paths.dir, "package.json"), JSON.stringify({ name: `old-browser-${name}`, private: true }) + "\n");
  const npm = spawnSync("npm", ["install", "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", ...spec.packages], {
    cwd: paths.dir,
    stdio: "inherit",
  });
  if (npm.status !== 0) throw new Error(`npm install ${spec.packages.join(" ")} failed (exit ${npm.status})`);
  const bin = join(paths.dir, spec.binDir);
  const out = join(paths.dir, "browser");
  mkdirSync(out, { recursive: true });
  writeFileSync(paths.executablePath, brotliDecompressSync(readFileSync(join(bin, "chromium.br"))));
  chmodSync(paths.executablePath, 0o755);
  for (const [archive, into] of [
    ["aws.tar.br", "aws"],
    ["swiftshader.tar.br", "swiftshader"],
  ]) {
    const src = join(bin, archive);
    if (!existsSync(src)) continue;
    mkdirSync(join(out, into), { recursive: true });
    const tarFile = join(out, archive.replace(/\.br$/, ""));
    writeFileSync(tarFile, brotliDecompressSync(readFileSync(src)));
    const tar = spawnSync("tar", ["-xf", tarFile, "-C", join(out, into)], { stdio: "inherit" });
    rmSync(tarFile);
    if (tar.status !== 0) throw new Error(`tar -xf ${archive} failed`);
  }
  // The compressed copies are no longer needed: keep the cache at the unpacked size only.
  rmSync(bin, { recursive: true, force: true });
  // These are headless-shell builds without --version: prove it starts by rendering a page.
  const probe = spawnSync(paths.executablePath, ["--headless", ...paths.args, "--dump-dom", "data:text/html,<p>nianbao-ok</p>"], {
    encoding: "utf8",
    env: { ...process.env, ...paths.env },
    timeout: 60_000,
  });
  if (!probe.stdout?.includes("nianbao-ok")) throw new Error(`${name} does not start: ${probe.stderr?.slice(-2000)}`);
  writeFileSync(marker(name), JSON.stringify({ packages: spec.packages, major: spec.major }) + "\n");
  console.log(`[old-browsers] Chromium ${spec.major} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return paths;
}

module.exports = { CACHE, OLD_BROWSERS, oldBrowserPaths, isInstalled, ensureOldBrowser };

if (require.main === module) {
  for (const name of Object.keys(OLD_BROWSERS)) ensureOldBrowser(name);
}
