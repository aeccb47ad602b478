#!/usr/bin/env node
// `npm test`: every test. Installs the Debian packages the tests need (when root), type-checks,
// runs the unit tests (vitest), builds the app and runs the end-to-end tests (Playwright + Debian
// Chromium) against a fresh database. Ends with one line `N passed, N failed`.
//   --unit-only   only type-check and unit tests      --e2e-only  only build + end-to-end
//   --skip-build  reuse the existing .next build       (extra args are passed to Playwright)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureSystemPackages } from "./system-deps.mjs";
import { startPostgres } from "./postgres.mjs";
import oldBrowsers from "./old-browsers.cjs";
const { ensureOldBrowser } = oldBrowsers;

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const passThrough = args.filter((a) => !a.startsWith("--unit-only") && !a.startsWith("--e2e-only") && a !== "--skip-build");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const tmp = mkdtempSync(join(tmpdir(), "nianbao-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function step(name, cmd, cmdArgs, extraEnv = {}) {
  console.log(`\n━━ ${name} ━━`);
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${r.status})`);
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

const bin = (pkg, rel) => join(require.resolve(`${pkg}/package.json`).replace(/package\.json$/, ""), rel);

const unit = !flag("--e2e-only");
const e2e = !flag("--unit-only");

if (e2e) ensureSystemPackages();

if (unit) {
  step("类型检查 tsc --noEmit", process.execPath, [bin("typescript", "bin/tsc"), "--noEmit", "-p", "."]);
  // The project's boundaries (lib/ imports no next/react/db; components/ never import app/) and
  // correctness rules (.oxlintrc.json), then unused files, dependencies and binaries (knip.json).
  step("代码检查 oxlint", "npm", ["run", "-s", "lint"]);
  step("无用代码检查 knip", "npm", ["run", "-s", "deadcode"]);
  const out = join(tmp, "vitest.json");
  step("单元测试 vitest", process.execPath, [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, "utf8"));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  }
  runPostgresTests();
}

/** The PostgreSQL test files (they skip in the run above) on a throwaway cluster (scripts/postgres.mjs). */
function runPostgresTests() {
  const name = "PostgreSQL 测试（临时集群）";
  // db/pg's own files (describePg) and every data-layer test written for both dialects (useTempStore).
  const files = readdirSync(join(root, "db"), { recursive: true })
    .map((f) => `db/${String(f).replaceAll("\\", "/")}`)
    .filter((f) => f.endsWith(".test.ts") && /describePg\(|useTempStore\(/.test(readFileSync(join(root, f), "utf8")))
    .sort();
  let pg;
  try {
    pg = startPostgres({ port: Number(process.env.NIANBAO_PG_PORT) || undefined });
  } catch (e) {
    console.error(`\n━━ ${name} ━━\n无法启动 PostgreSQL：${e.message}`);
    failedSteps.push(name);
    return;
  }
  const out = join(tmp, "vitest-pg.json");
  try {
    step(name, process.execPath, [bin("vitest", "vitest.mjs"), "run", ...files, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], { DATABASE_URL: pg.url });
  } finally {
    pg.stop();
  }
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, "utf8"));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    // A PostgreSQL test skipped although a server was up (describePg saying "未设置 DATABASE_URL")
    // is a failure. Tests about one database only (a SQLite file's PRAGMAs, its read-only file)
    // are skipped on the other on purpose: counted, and listed by name.
    const skipped = (j.testResults ?? []).flatMap((f) => (f.assertionResults ?? []).filter((a) => a.status === "pending" || a.status === "skipped" || a.status === "todo"));
    const notRun = skipped.filter((a) => /DATABASE_URL/.test([...(a.ancestorTitles ?? []), a.title].join(" ")));
    if (notRun.length > 0) failedSteps.push(`${name}：${notRun.length} 个 PostgreSQL 测试被跳过`);
    if (skipped.length > 0) console.log(`（仅 SQLite 的测试 ${skipped.length} 个在此跳过：${[...new Set(skipped.map((a) => a.ancestorTitles?.[0] ?? a.title))].join("；")}）`);
    totals.skipped += skipped.length;
  }
}

if (e2e) {
  const built = flag("--skip-build") && existsSync(join(root, ".next/BUILD_ID"));
  const buildOk = built || step("构建 next build", process.execPath, [bin("next", "dist/bin/next"), "build"]);
  if (buildOk) {
    // Every chunk and style sheet the browser gets must run on the promised floor (Chromium 86).
    step("浏览器下限检查 (browserslist)", process.execPath, [join(root, "scripts/browser-floor.mjs")]);
    // Old Chromium builds from npm packages, cached in .cache/old-browsers (a few seconds when cached).
    let oldBrowsers = true;
    try {
      ensureOldBrowser("chromium86");
      ensureOldBrowser("chromium110");
    } catch (e) {
      console.error(`旧内核浏览器安装失败：${e.message}`);
      failedSteps.push("旧内核浏览器安装");
      oldBrowsers = false;
    }
    const playwright = (name, out, extraArgs, extraEnv) => {
      step(name, process.execPath, [bin("@playwright/test", "cli.js"), "test", ...extraArgs], { PW_JSON_REPORT: out, ...extraEnv });
      if (existsSync(out)) {
        const s = JSON.parse(readFileSync(out, "utf8")).stats ?? {};
        totals.passed += s.expected ?? 0;
        totals.failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
        totals.skipped += s.skipped ?? 0;
      }
    };
    rmSync(join(root, "data/e2e"), { recursive: true, force: true });
    playwright("端到端测试 playwright", join(tmp, "playwright.json"), passThrough, {});
    // The sign-in and editor journeys again in Chromium 110 (the newest 信创 kernels), on a server
    // and database of their own so that they start from the same state as in the main run.
    if (oldBrowsers && passThrough.length === 0) {
      rmSync(join(root, "data/e2e-110"), { recursive: true, force: true });
      playwright("端到端测试 Chromium 110", join(tmp, "playwright-110.json"), ["e2e/auth.e2e.ts", "e2e/editor.e2e.ts"], {
        OLD_CHROMIUM: "chromium110",
        E2E_PORT: "3110",
        E2E_DATABASE_PATH: join(root, "data/e2e-110/nianbao.db"),
      });
    }
  }
}

rmSync(tmp, { recursive: true, force: true });
if (failedSteps.length) console.log(`\n失败的步骤：${failedSteps.join("、")}`);
if (totals.passed + totals.failed === 0 && !failedSteps.length) {
  console.log("没有执行任何测试");
  failedSteps.push("no tests");
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
