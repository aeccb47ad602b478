// The editor on an ordinary office PC (1366×768): messages appear where the user is working, the
// save status never says 已保存 while local edits wait, leaving with unsaved edits asks first, the
// official tables fit the screen, and the header survives a phone.
import { expect, test, type Page } from "@playwright/test";
import { signInAndExpectHome, testAgency } from "./helpers";

const cell = (page: Page, ref: string) => page.locator(`[data-cell="${ref}"]`);
const SAVE_URL = /\/api\/reports\/\d+$/;

async function openReport(page: Page, login: string, year: number): Promise<void> {
  await signInAndExpectHome(page, login, "/reports");
  await page.getByLabel("报告年度").selectOption(String(year));
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  await expect(page.locator('form[data-live="1"]')).toBeAttached();
}

const refuseSaves = (page: Page) => page.route(SAVE_URL, (route) => (route.request().method() === "PUT" ? route.abort("connectionrefused") : route.continue()));

test.use({ viewport: { width: 1366, height: 768 } });

test.describe("editor on a 1366×768 office screen", () => {
  test("after a reload deep in the page, the restore prompt is in view and the status does not say 已保存", async ({ page }) => {
    testAgency("示范市恢复测试局", "e2e-restore", [{ login: "restore-drafter", role: "drafter" }]);
    await openReport(page, "restore-drafter", 2024);
    const problems = page.locator('[data-cell="narrative.problems"]');
    await problems.scrollIntoViewIfNeeded();
    await refuseSaves(page);
    await problems.fill("一是公开内容还不够全面。二是解读形式较为单一。");
    await expect(page.getByTestId("save-status")).toContainText("保存失败，正在重试", { timeout: 15_000 });
    await page.unroute(SAVE_URL);
    page.on("dialog", (d) => void d.accept());
    await page.reload();
    await expect(page.locator('form[data-live="1"]')).toBeAttached();
    const banner = page.getByTestId("restore-banner");
    await expect(banner).toBeInViewport();
    await expect(page.getByTestId("save-status")).toHaveText("有未恢复的本地修改（见提示）");
    await expect(page.getByTestId("save-status")).toBeInViewport();
    await banner.getByRole("button", { name: "恢复这些修改" }).click();
    await expect(problems).toHaveValue("一是公开内容还不够全面。二是解读形式较为单一。");
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  });

  test("a paste or fill result is announced in the viewport, not at the top of the page", async ({ page }) => {
    testAgency("示范市提示测试局", "e2e-toast", [{ login: "toast-drafter", role: "drafter" }]);
    await openReport(page, "toast-drafter", 2024);
    const appeals = page.locator("#sec-appeals");
    await appeals.scrollIntoViewIfNeeded();
    await appeals.getByRole("button", { name: "空白单元格填 0" }).click();
    const notice = page.getByTestId("editor-notice");
    await expect(notice).toContainText("已将本表 12 个空白单元格填为 0");
    await expect(notice).toBeInViewport();
  });

  test("leaving by an in-app link with unsaved edits asks first; cancelling stays, accepting leaves", async ({ page }) => {
    testAgency("示范市离开测试局", "e2e-leave", [{ login: "leave-drafter", role: "drafter" }]);
    await openReport(page, "leave-drafter", 2024);
    const url = page.url();
    await refuseSaves(page);
    await cell(page, "proactive.licensing.decisions").fill("5");
    const messages: string[] = [];
    let accept = false;
    page.on("dialog", (d) => {
      messages.push(d.message());
      void (accept ? d.accept() : d.dismiss());
    });
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "本单位年报" }).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toContain("有修改尚未保存到服务器");
    await expect(page).toHaveURL(url);
    await expect(cell(page, "proactive.licensing.decisions")).toHaveValue("5");
    accept = true;
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "本单位年报" }).click();
    await expect(page).toHaveURL(/\/reports$/);
  });

  test("表二 and 表四 fit without sideways scrolling, 表三's labels stay short; the issue panel folds away", async ({ page }) => {
    testAgency("示范市屏幕测试局", "e2e-screen", [{ login: "screen-drafter", role: "drafter" }]);
    await openReport(page, "screen-drafter", 2024);
    const overflow = (key: string) => page.locator(`#sec-${key} .table-scroll`).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(await overflow("proactive")).toBeLessThanOrEqual(0);
    expect(await overflow("appeals")).toBeLessThanOrEqual(0);
    expect(await overflow("applications")).toBeLessThanOrEqual(0);
    // No row label of 表三 wraps onto more than three lines.
    const tallest = await page.locator("#sec-applications th.th-label").evaluateAll((els) =>
      Math.max(...els.filter((e) => !(e as HTMLTableCellElement).rowSpan || (e as HTMLTableCellElement).rowSpan === 1).map((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || "22"))),
    );
    expect(tallest).toBeLessThanOrEqual(3.6);
    await page.locator("#sec-appeals").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/editor-1366-appeals.png" });
    // Folding the issue panel gives the form the whole width; its counts stay in the bar.
    const before = await page.locator("#sec-applications").evaluate((el) => el.getBoundingClientRect().width);
    await page.getByRole("button", { name: /收起校验结果/ }).click();
    await expect(page.getByTestId("issues-expand")).toContainText("校验结果");
    const after = await page.locator("#sec-applications").evaluate((el) => el.getBoundingClientRect().width);
    expect(after).toBeGreaterThan(before + 200);
    await page.getByTestId("issues-expand").click();
    await expect(page.locator(".issue-panel")).toBeVisible();
  });

  test("typed the moment the editor turns live, into its last sections: no field takes text before React has it, every keystroke is saved", async ({ page }) => {
    testAgency("示范市即时输入测试局", "e2e-instant", [{ login: "instant-drafter", role: "drafter" }]);
    await openReport(page, "instant-drafter", 2024);
    // From the first byte of a fresh load, every 4 ms: a field of the form that is enabled while React
    // is not attached to it yet would take text that React and the form library never see.
    await page.addInitScript(() => {
      const w = window as unknown as { __early: string[] };
      w.__early = [];
      const timer = setInterval(() => {
        for (const f of document.querySelectorAll<HTMLElement>("form.editor-form [data-cell]")) {
          if (f.matches("input, textarea") && !f.matches(":disabled") && !Object.keys(f).some((k) => k.startsWith("__reactProps"))) w.__early.push(f.dataset.cell!);
        }
        if (document.querySelector('form.editor-form[data-live="1"]')) clearInterval(timer);
      }, 4);
    });
    await page.reload({ waitUntil: "commit" });
    // Typed as soon as the form says it is live (checked every frame), with nothing else waited for.
    await page.waitForFunction(() => document.querySelector('form.editor-form[data-live="1"]') !== null, null, { polling: "raf", timeout: 30_000 });
    const sections = page.locator('form.editor-form section.editor-section[id^="sec-"]');
    const lastText = sections.last().locator("textarea");
    await lastText.focus();
    await page.keyboard.type("即时输入的第六部分。");
    const lastTable = sections.filter({ has: page.locator("table") }).last();
    await lastTable.locator("input.cell-input").first().focus();
    await page.keyboard.type("12");
    expect(await page.evaluate(() => (window as unknown as { __early: string[] }).__early)).toEqual([]);
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
    await page.reload();
    await expect(lastText).toHaveValue("即时输入的第六部分。");
    await expect(lastTable.locator("input.cell-input").first()).toHaveValue("12");
  });

  test("full-width digits read as typed; an input error in the panel names its cell", async ({ page }) => {
    testAgency("示范市全角测试局", "e2e-fullwidth", [{ login: "fullwidth-drafter", role: "drafter" }]);
    await openReport(page, "fullwidth-drafter", 2024);
    await cell(page, "proactive.licensing.decisions").fill("１２３");
    await expect(cell(page, "proactive.licensing.decisions")).toHaveValue("123");
    await cell(page, "proactive.penalties.decisions").fill("十二");
    const item = page.locator(".issue-list li.sev-error", { hasText: "输入错误" });
    await expect(item).toContainText("行政处罚");
    await expect(item).toContainText("请输入整数");
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the app header wraps by words, never one character per line", async ({ page }) => {
    await signInAndExpectHome(page, "supervisor", "/oversight");
    const heights = await page.locator(".topbar nav a, .topbar .brand").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const h of heights) expect(h).toBeLessThan(32);
    const who = await page.getByTestId("current-user").evaluate((e) => e.getBoundingClientRect().width);
    expect(who).toBeGreaterThan(200);
  });
});
