// The oldest browser we promise: Chromium 86, the kernel of the 奇安信/360 builds still on 信创 PCs.
// Playwright cannot drive a browser that old, so this journey uses the puppeteer-core release made
// for it, with the Chromium 86 build from chrome-aws-lambda 5.3.1 (installed into .cache/ by
// scripts/old-browsers.cjs, which `npm test` runs first). The server is the one Playwright started.
// Before the browser floor was configured, every page of the production build threw
// 「SyntaxError: Unexpected token '{'」 here and the editor silently swallowed typing.
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { reports, reportVersions } from "../db/schema";
import { isInstalled, oldBrowserPaths } from "../scripts/old-browsers.cjs";
import { cleanReport, ensureUser, putReport } from "./support/setup";
import { DEMO_PASSWORD, e2eDb, testAgency } from "./helpers";

// The few puppeteer 5 calls used here (its own typings are not installed in the project).
interface OldPage {
  goto(url: string, opts?: object): Promise<unknown>;
  type(selector: string, text: string): Promise<void>;
  click(selector: string, opts?: { clickCount?: number }): Promise<void>;
  select(selector: string, value: string): Promise<string[]>;
  waitForSelector(selector: string, opts?: object): Promise<unknown>;
  waitForFunction(fn: string, opts?: object): Promise<unknown>;
  waitForNavigation(opts?: object): Promise<unknown>;
  $eval<T>(selector: string, fn: (el: Element) => T): Promise<T>;
  evaluate<T>(fn: string): Promise<T>;
  url(): string;
  setViewport(v: { width: number; height: number }): Promise<void>;
  on(event: "pageerror", fn: (e: Error) => void): void;
  on(event: "console", fn: (m: { type(): string; text(): string }) => void): void;
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<unknown>;
}
interface OldBrowser {
  newPage(): Promise<OldPage>;
  version(): Promise<string>;
  close(): Promise<void>;
}

const AGENCY = { name: "示范市旧内核测试局", code: "e2e-kernel86" };
const YEAR = 2024;

test.describe("Chromium 86 (the floor)", () => {
  test.skip(!isInstalled("chromium86") && !process.env.CI, "run `node scripts/old-browsers.cjs` first (npm test does)");

  test("sign in, type in the editor, see totals and the balance error, saved and kept on reload, public page, sign out — no page error", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const agencyId = testAgency(AGENCY.name, AGENCY.code, [{ login: "kernel86-drafter", role: "drafter" }]);
    const db = e2eDb();
    // Start from no report for the year, and a published one for last year (for the public page).
    const stale = db.select().from(reports).where(eq(reports.agencyId, agencyId)).all();
    for (const r of stale) if (r.year === YEAR && r.status !== "draft") db.update(reports).set({ status: "draft" }).where(eq(reports.id, r.id)).run();
    const author = ensureUser("kernel86-drafter", "旧内核填报人", "drafter", agencyId);
    const last = putReport(agencyId, YEAR - 1, "published", cleanReport(YEAR - 1, AGENCY.name), author);
    if (!db.select().from(reportVersions).where(eq(reportVersions.reportId, last.id)).get()) {
      const data = db.select().from(reports).where(eq(reports.id, last.id)).get()!.data;
      db.insert(reportVersions).values({ reportId: last.id, reportVersion: last.version, kind: "publish", status: "published", data, contentHash: "e2e-kernel86" }).run();
    }

    const paths = oldBrowserPaths("chromium86");
    const puppeteer = createRequire(join(paths.nodeModules, "index.js"))("puppeteer-core") as { launch(o: object): Promise<OldBrowser> };
    const browser = await puppeteer.launch({ executablePath: paths.executablePath, args: paths.args, env: { ...process.env, ...paths.env }, defaultViewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    try {
      expect(await browser.version()).toMatch(/Chrome\/86\./);
      const page = await browser.newPage();
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console: ${m.text()}`);
      });
      const live = () => page.waitForFunction(`document.documentElement.getAttribute("data-live") === "1"`, { timeout: 20_000 });

      await page.goto(`${baseURL}/login`, { waitUntil: "load" });
      await live();
      await page.type('input[name="login"]', "kernel86-drafter");
      await page.type('input[type="password"]', DEMO_PASSWORD);
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click('button[type="submit"]')]);
      await page.waitForFunction(`location.pathname === "/reports"`, { timeout: 20_000 });
      await live();

      // 新建 / 打开 must work (it did nothing when the chunks did not parse).
      await page.select('select[name="year"]', String(YEAR));
      await page.click('section[aria-labelledby="new-report"] button[type="submit"]');
      await page.waitForFunction(`/\\/reports\\/\\d+$/.test(location.pathname)`, { timeout: 20_000 });
      await page.waitForFunction(`!!document.querySelector('form[data-live="1"]')`, { timeout: 20_000 });

      const cell = (ref: string) => `[data-cell="${ref}"]`;
      const value = (ref: string) => page.$eval(cell(ref), (el) => (el as HTMLInputElement).value ?? el.textContent);
      const text = (ref: string) => page.$eval(cell(ref), (el) => el.textContent ?? "");
      // Select what is there (roll-forward may have filled a cell), then type over it.
      const enter = async (ref: string, v: string) => {
        await page.click(cell(ref), { clickCount: 3 });
        await page.type(cell(ref), v);
      };
      await enter("applications.received.natural", "12");
      await enter("applications.carriedOver.natural", "0");
      await enter("applications.granted.natural", "5");
      // The total is computed in the browser, and the balance rule fails (12 + 0 ≠ 5).
      await page.waitForFunction(`(document.querySelector('${cell("applications.received.total")}')||{}).textContent === "12"`, { timeout: 10_000 });
      expect(await text("applications.received.total")).toBe("12");
      await page.waitForSelector('.issue-list li[data-rule="applications.balance"]', { timeout: 10_000 });
      await page.waitForFunction(`(document.querySelector('[data-testid="save-status"]')||{}).getAttribute && document.querySelector('[data-testid="save-status"]').getAttribute("data-state") === "saved"`, { timeout: 20_000 });

      await page.goto(page.url(), { waitUntil: "load" });
      await page.waitForFunction(`!!document.querySelector('form[data-live="1"]')`, { timeout: 20_000 });
      expect(await value("applications.received.natural")).toBe("12");
      expect(await value("applications.granted.natural")).toBe("5");

      // The public page of last year's published report.
      await page.goto(`${baseURL}/p/${AGENCY.code}/${YEAR - 1}`, { waitUntil: "load" });
      expect(await page.$eval("h1", (el) => el.textContent ?? "")).toContain(`${AGENCY.name}${YEAR - 1}年`);

      // Sign out.
      await page.goto(`${baseURL}/reports`, { waitUntil: "load" });
      await live();
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(".topbar form button")]);
      await page.waitForFunction(`location.pathname === "/login"`, { timeout: 20_000 });
      // No banner claimed the browser or the scripts failed.
      expect(await page.evaluate<boolean>(`document.getElementById("browser-warning") === null`)).toBe(true);
    } finally {
      await browser.close();
    }
    expect(errors).toEqual([]);
    // The server has what was typed.
    const row = db.select().from(reports).where(eq(reports.agencyId, agencyId)).all().find((r) => r.year === YEAR)!;
    expect(JSON.parse(row.data).tables.applications.received.natural).toBe(12);
  });
});
