#!/usr/bin/env node
// `npm test`: every test. Installs the Debian packages the tests need (when root), type-checks,
// runs the unit tests (vitest), builds the app and runs the end-to-end tests (Playwright + Debian
// Chromium) against a fresh database. Ends with one line `N passed, N failed`.
//   --unit-only   only type-check and unit tests      --e2e-only  only build + end-to-end
//   --skip-build  reuse the existing .next build       (extra args are passed to Playwright)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureSystemPackages } from "./system-deps.mjs";

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
  const out = join(tmp, "vitest.json");
  step("单元测试 vitest", process.execPath, [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, "utf8"));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  }
}

if (e2e) {
  const built = flag("--skip-build") && existsSync(join(root, ".next/BUILD_ID"));
  const buildOk = built || step("构建 next build", process.execPath, [bin("next", "dist/bin/next"), "build"]);
  if (buildOk) {
    rmSync(join(root, "data/e2e"), { recursive: true, force: true });
    const out = join(tmp, "playwright.json");
    step("端到端测试 playwright", process.execPath, [bin("@playwright/test", "cli.js"), "test", ...passThrough], { PW_JSON_REPORT: out });
    if (existsSync(out)) {
      const s = JSON.parse(readFileSync(out, "utf8")).stats ?? {};
      totals.passed += s.expected ?? 0;
      totals.failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
      totals.skipped += s.skipped ?? 0;
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
