import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { signInAndExpectHome, signOut, testAgency, watchErrors } from "./helpers";

const example = JSON.parse(readFileSync("lib/fixtures/example-2021-shifan-2024.json", "utf8"));

async function openReport(page: Page, year: number): Promise<number> {
  await page.goto("/reports");
  await page.getByLabel("报告年度").selectOption(String(year));
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  return Number(page.url().split("/").pop());
}

/**
 * Holds back every script the page fetches from now on (the workflow panel's interactive part is
 * fetched on the first interaction), so that the user acts before it has arrived; returns how many
 * were held back, and lets them through.
 */
async function slowScripts(page: Page): Promise<() => Promise<number>> {
  let held = 0;
  const pattern = "**/_next/static/chunks/*.js";
  await page.route(pattern, async (route) => {
    held++;
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  return async () => {
    await page.unroute(pattern);
    return held;
  };
}

async function axe(page: Page): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("review cycle: submit → return with a cell comment → fix → approve → publish; edits refused after publishing", async ({ page, browser }) => {
  // Three people, ~10 pages and four axe scans in one test: within the default 60 s on a quiet
  // machine, over it when the machine is shared (load 10–12, the old build as well). Its assertions are
  // about the workflow, not speed — page speed is measured by the benchmarks.
  test.setTimeout(150_000);
  await signInAndExpectHome(page, "shengtai-drafter", "/reports");
  const id = await openReport(page, 2022);
  // Fill the report through the API with a complete, consistent document (the editor is tested elsewhere).
  const current = await (await page.request.get(`/api/reports/${id}`)).json();
  const doc = { ...example, year: 2022, agency: { name: "示范市生态环境局" }, meta: { ...example.meta, title: undefined, signature: undefined } };
  const put = await page.request.put(`/api/reports/${id}`, { data: { version: current.version, data: doc } });
  expect(put.status()).toBe(200);
  const errors = watchErrors(page);
  await page.reload();
  const panel = page.getByTestId("workflow-panel");
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  // The panel's first state is the server's (its interactive part is not in the page's first load):
  // a click before the interactive part has arrived waits for it, then runs.
  await page.waitForLoadState("networkidle");
  await expect(panel).toHaveAttribute("data-interactive", "no");
  const release = await slowScripts(page);
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel).toHaveAttribute("data-interactive", "yes");
  await expect(panel.getByRole("button", { name: "提交审核", exact: true })).toBeFocused();
  expect(await release()).toBeGreaterThan(0);
  await panel.getByRole("button", { name: "确认提交审核" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("待审核");
  await expect(page.locator('[data-cell="appeals.review.upheld"]')).toHaveAttribute("readonly", "");
  await signOut(page);

  await signInAndExpectHome(page, "shengtai-reviewer", "/reports");
  await page.goto(`/reports/${id}`);
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  await panel.getByRole("button", { name: "退回修改" }).click();
  // The reviewer points a comment by clicking the cell itself, and adds a second one on a section.
  await page.locator('[data-cell="appeals.review.upheld"]').click();
  await expect(panel.getByLabel("意见针对")).toHaveValue("appeals.review.upheld");
  await expect(panel.getByLabel("意见针对").locator("option:checked")).toHaveText("表四「行政复议」「结果维持」栏");
  await panel.getByLabel("退回意见").fill("复议结果维持数与案卷不符，请核对");
  await panel.getByRole("button", { name: "再添加一条意见" }).click();
  await page.locator('[data-cell="narrative.problems"]').click();
  await expect(panel.getByLabel("意见针对（第 2 条）")).toHaveValue("narrative.problems");
  await panel.getByLabel("退回意见（第 2 条）").fill("请写明改进措施的完成时限");
  await panel.getByRole("button", { name: "确认退回修改" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("已退回");
  await signOut(page);

  await signInAndExpectHome(page, "shengtai-drafter", "/reports");
  await page.goto(`/reports/${id}`);
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  const comment = page.getByTestId("review-comments");
  await expect(comment).toContainText("复议结果维持数与案卷不符，请核对");
  await expect(comment).toContainText("请写明改进措施的完成时限");
  await comment.getByRole("button", { name: /结果维持/ }).click();
  await expect(page.locator('[data-cell="appeals.review.upheld"]')).toBeFocused();
  // The comment also sits on the cell itself, until it is resolved.
  const marker = page.locator(".cell-wrap", { has: page.locator('[data-cell="appeals.review.upheld"]') }).getByTestId("comment-marker");
  await expect(marker).toHaveAttribute("title", "审核意见：复议结果维持数与案卷不符，请核对");
  await page.locator('[data-cell="appeals.review.upheld"]').fill("2");
  await comment.getByRole("button", { name: "标记为已解决" }).first().click();
  await expect(comment).toContainText("已解决");
  await expect(marker).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  // The overview says 「行政复议2件」 but table 四 now has 3: a warning the drafter must verify, with a reason.
  await panel.getByRole("button", { name: "提交审核" }).click();
  await panel.getByRole("button", { name: "确认提交审核" }).click();
  await expect(panel.getByRole("alert")).toContainText("警告未确认");
  const reason = panel.getByRole("textbox", { name: /确认理由：.*行政复议/ });
  await reason.fill("叙述中的复议数为 1 月统计口径，以表格为准");
  await panel.getByRole("button", { name: "确认提交审核" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("待审核");
  await signOut(page);

  await signInAndExpectHome(page, "shengtai-reviewer", "/reports");
  await page.goto(`/reports/${id}`);
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  await page.waitForLoadState("networkidle");
  // The first state, as the server drew it: the warning to confirm, with its field, and the comments.
  await expect(panel).toHaveAttribute("data-interactive", "no");
  await expect(panel.getByTestId("warning-confirmations")).toContainText("叙述中的复议数为 1 月统计口径");
  await axe(page);
  // The reviewer starts typing before the interactive part has arrived: nothing typed is lost, and
  // the focus stays in the field.
  const release2 = await slowScripts(page);
  const note = panel.getByRole("textbox", { name: /核实意见：.*行政复议/ });
  await note.click();
  await page.keyboard.type("已与复议案卷核对");
  await expect(panel).toHaveAttribute("data-interactive", "yes");
  await expect(note).toBeFocused();
  await page.keyboard.type("，以表格为准");
  await expect(note).toHaveValue("已与复议案卷核对，以表格为准");
  expect(await release2()).toBeGreaterThan(0);
  await panel.getByRole("button", { name: "审核通过" }).click();
  // The review is real: the warning the drafter justified is confirmed before approving.
  await expect(panel.getByRole("button", { name: "确认审核通过" })).toBeDisabled();
  await expect(panel.getByRole("textbox", { name: /核实意见：.*行政复议/ })).toHaveValue("已与复议案卷核对，以表格为准");
  await axe(page);
  await panel.getByRole("button", { name: "确认无误" }).click();
  await panel.getByRole("button", { name: "确认审核通过" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("已通过");
  await panel.getByRole("button", { name: "发布" }).click();
  await panel.getByRole("button", { name: "确认发布" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("已发布");
  // The public address block of a published report is fetched only for the page that shows it.
  await expect(page.getByTestId("published-link")).toBeVisible();
  // Chromium logs every refused request: the one refusal above (submitting with a warning not yet justified) is meant.
  expect(errors.filter((e) => !/status of 422 .*\/transition$/.test(e))).toEqual([]);

  // Versions: a snapshot at every step; comparing the first submission with the approval shows the fix.
  await page.goto(`/reports/${id}/history`);
  const snaps = page.getByTestId("snapshots").locator("tbody tr");
  await expect(snaps).toHaveCount(5);
  await expect(snaps.nth(4)).toContainText("发布");
  const first = await page.locator('select[name="a"] option').nth(0).getAttribute("value");
  const approved = await page.locator('select[name="a"] option').nth(3).getAttribute("value");
  await page.goto(`/reports/${id}/history?a=${first}&b=${approved}`);
  await expect(page.getByTestId("compare")).toContainText("数据变化（2 处）");
  await expect(page.getByTestId("compare")).toContainText("表四「行政复议」「结果维持」栏12");
  await expect(page.getByTestId("compare")).toContainText("表四「行政复议」「总计」栏23");
  // The audit trail shows the cycle, to the reviewer.
  const audit = page.getByTestId("audit");
  // In words, not stored codes (issue 16).
  for (const event of ["提交审核", "退回修改", "审核通过", "发布", "保存"]) await expect(audit).toContainText(event);
  await expect(audit).not.toContainText("report.");
  await signOut(page);

  // The public page is reachable without sign-in and shows the published content.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const res = await visitor.goto("/p/sfssthjj/2022");
  expect(res?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("示范市生态环境局");
  await expect(visitor.locator('[data-cell="appeals.review.upheld"]')).toHaveText("2");
  await expect(visitor.getByText("内容校验码")).toBeVisible();
  // Unpublished reports and unknown agencies do not exist publicly.
  expect((await visitor.goto("/p/sfsyjj/2024"))?.status()).toBe(404);
  expect((await visitor.goto("/p/nope/2022"))?.status()).toBe(404);
  await anonymous.close();

  // After publishing, the drafter's edit is refused by the server.
  await signInAndExpectHome(page, "shengtai-drafter", "/reports");
  const published = await (await page.request.get(`/api/reports/${id}`)).json();
  const edited = structuredClone(published.data);
  edited.tables.appeals.review.upheld = 9;
  const refused = await page.request.put(`/api/reports/${id}`, { data: { version: published.version, data: edited } });
  expect(refused.status()).toBe(423);
  expect((await refused.json()).error).toContain("已发布");
  // Drafters see versions but not the audit trail.
  await page.goto(`/reports/${id}/history`);
  await expect(page.getByTestId("snapshots")).toBeVisible();
  await expect(page.getByTestId("audit")).toHaveCount(0);
  // And an approval by the wrong role is refused too.
  const approve = await page.request.post(`/api/reports/${id}/transition`, { data: { action: "approve" } });
  expect(approve.status()).toBe(403);
});

test("提交审核 waits for the editor's autosave: the panel learns the save state from the editor on the same page", async ({ page }) => {
  testAgency("示范市保存状态测试局", "e2e-savestate", [{ login: "savestate-drafter", role: "drafter" }]);
  await signInAndExpectHome(page, "savestate-drafter", "/reports");
  const id = await openReport(page, 2023);
  const current = await (await page.request.get(`/api/reports/${id}`)).json();
  const doc = { ...example, year: 2023, agency: { name: "示范市保存状态测试局" }, meta: { ...example.meta, title: undefined, signature: undefined } };
  expect((await page.request.put(`/api/reports/${id}`, { data: { version: current.version, data: doc } })).status()).toBe(200);
  await page.reload();
  const panel = page.getByTestId("workflow-panel");
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  await expect(page.locator("form[data-live]")).toBeVisible();
  await panel.getByRole("button", { name: "提交审核" }).click();
  // An edit that is not on the server yet: the confirm button waits, and says why.
  const cell = page.locator('[data-cell="applications.received.natural"]');
  const before = await cell.inputValue();
  await cell.fill(String(Number(before) + 1));
  await expect(panel.getByText("请等待自动保存完成后再提交。")).toBeVisible();
  await expect(panel.getByRole("button", { name: "确认提交审核" })).toBeDisabled();
  // Saved: the panel knows it without a reload.
  await expect(page.getByTestId("save-status")).toContainText("已保存", { timeout: 15_000 });
  await expect(panel.getByText("请等待自动保存完成后再提交。")).toHaveCount(0);
  await cell.fill(before);
  await expect(page.getByTestId("save-status")).toContainText("已保存", { timeout: 15_000 });
});
