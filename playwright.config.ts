import { defineConfig, devices } from "@playwright/test";
import { oldBrowserPaths } from "./scripts/old-browsers.cjs";

// End-to-end tests drive Debian's Chromium (/usr/bin/chromium): Playwright never downloads a
// browser here. scripts/test.mjs builds the app and prepares a fresh database before this runs.
const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = process.env.E2E_DATABASE_PATH ?? `${process.cwd()}/data/e2e/nianbao.db`;
// OLD_CHROMIUM=chromium110 runs the suite in an old Chromium from .cache/old-browsers instead.
const old = process.env.OLD_CHROMIUM === "chromium110" ? oldBrowserPaths("chromium110") : null;

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.e2e\.ts$/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_REPORT
    ? [["list"], ["json", { outputFile: process.env.PW_JSON_REPORT }]]
    : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "off",
    launchOptions: old ? { executablePath: old.executablePath, args: old.args, env: { ...process.env, ...old.env } } : {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: old ? "chromium-110" : "chromium", use: { ...devices["Desktop Chrome"], ...(old ? { userAgent: undefined } : {}) } }],
  webServer: {
    command: `node scripts/start.mjs`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_PATH: E2E_DATABASE,
      AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      NEXT_TELEMETRY_DISABLED: "1",
      // The e2e world starts from the demo accounts; a production start would create only one admin.
      NIANBAO_DEMO: "1",
      // 催办 e-mail goes to a local SMTP test server that e2e/office.e2e.ts starts on this port (nothing
      // listens there otherwise: a 催办 then records the failed delivery, the in-app notice still arrives).
      NIANBAO_SMTP_URL: `smtp://127.0.0.1:${port + 2000}`,
      NIANBAO_MAIL_FROM: "nianbao@example.gov.cn",
    },
  },
});
