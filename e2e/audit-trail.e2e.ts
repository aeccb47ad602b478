// Issue 16 §1: the audit trail as an office reads it — on 版本与记录 and 系统管理 → 操作记录:
// actor names, Chinese event names, changed cells by their template labels, filters by person,
// event and date, .xlsx export, raw JSON only for admins, no sideways scrolling at 1366 px.
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { cleanReport } from "./support/setup";
import { signInAndExpectHome, signOut, testAgency } from "./helpers";

const AGENCY = "示范市记录测试局";
const LABEL = "表三「一、本年新收政府信息公开申请数量」行「自然人」列";

async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function noSideways(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc, "the page fits 1366 px without sideways scrolling").toBeLessThanOrEqual(widths.view);
}

test.use({ viewport: { width: 1366, height: 768 } });

test("版本与记录 and 操作记录 read as words: names, 「提交审核」「退回修改」「保存：表三…列 24 → 30」, filters, .xlsx, raw data for admins only", async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    // Chromium asks for /favicon.ico on its own (the app's icon is app/icon.svg): not a page error.
    if (m.type() === "error" && !(m.location().url ?? "").endsWith("/favicon.ico")) errors.push(`${m.text()} ${m.location().url ?? ""}`);
  });
  const year = 2024;
  testAgency(AGENCY, "sfsjlcsj", [
    { login: "trail-drafter", role: "drafter" },
    { login: "trail-reviewer", role: "reviewer" },
  ]);

  // The drafter fills the report (one save), submits it; the reviewer returns it with a comment.
  await signInAndExpectHome(page, "trail-drafter", "/reports");
  await page.getByLabel("报告年度").selectOption(String(year));
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const id = Number(page.url().split("/").pop());
  const current = await (await page.request.get(`/api/reports/${id}`)).json();
  expect(current.status ?? current.report?.status).not.toBe("published");
  const put = await page.request.put(`/api/reports/${id}`, { data: { version: current.version, data: cleanReport(year, AGENCY) } });
  expect(put.status(), await put.text()).toBe(200);
  const submit = await page.request.post(`/api/reports/${id}/transition`, { data: { action: "submit" } });
  expect(submit.status(), await submit.text()).toBe(200);
  await signOut(page);
  await signInAndExpectHome(page, "trail-reviewer", "/reports");
  const ret = await page.request.post(`/api/reports/${id}/transition`, { data: { action: "return", comments: [{ anchor: "applications.received.natural", body: "自然人申请数与登记台账不符" }] } });
  expect(ret.status(), await ret.text()).toBe(200);
  await signOut(page);

  // The drafter corrects one cell in the editor: 24 → 30.
  await signInAndExpectHome(page, "trail-drafter", "/reports");
  await page.goto(`/reports/${id}`);
  const cell = page.locator('[data-cell="applications.received.natural"]');
  await expect(cell).toBeEditable();
  await cell.fill("30");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await signOut(page);

  // The reviewer reads the trail on 版本与记录.
  await signInAndExpectHome(page, "trail-reviewer", "/reports");
  await page.goto(`/reports/${id}/history`);
  const trail = page.getByTestId("audit");
  const rows = trail.locator("tbody tr");
  await expect(rows.first()).toContainText("trail-drafter（测试）");
  await expect(rows.first()).toContainText("保存");
  await expect(rows.first()).toContainText(`保存：${LABEL} 24 → 30`);
  await expect(trail.getByRole("row").filter({ hasText: "退回修改" })).toContainText("退回意见：自然人申请数与登记台账不符");
  await expect(trail.getByRole("row").filter({ hasText: "退回修改" })).toContainText("trail-reviewer（测试）");
  await expect(trail.getByRole("row").filter({ hasText: "提交审核" })).toContainText("状态：草稿 → 待审核");
  await expect(trail).not.toContainText("report.");
  await expect(trail).not.toContainText("{");
  await noSideways(page);
  await axeClean(page);
  await trail.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("history-trail-1366.png") });

  // Filters: event, person, date.
  await page.getByLabel("操作类型").selectOption({ label: "退回修改" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("退回修改");
  await page.getByLabel("操作类型").selectOption("");
  await page.getByLabel("操作人").selectOption({ label: "trail-drafter（测试）（trail-drafter）" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(trail).not.toContainText("退回修改");
  await expect(trail).toContainText("提交审核");
  await page.getByLabel("起始日期").fill("2001-01-01");
  await page.getByLabel("截止日期").fill("2001-01-02");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.getByTestId("audit-empty")).toBeVisible();
  // The comparison chosen above the trail survives filtering (hidden a/b), and no raw download for a reviewer.
  await page.goto(`/reports/${id}/history`);
  await expect(page.getByRole("link", { name: /下载原始数据/ })).toHaveCount(0);
  expect((await page.request.get("/admin/audit/raw")).status()).toBe(403);

  // Export: the same entries in an Excel sheet.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel（.xlsx）" }).click()]);
  expect(download.suggestedFilename()).toBe(`${AGENCY}${year}年度报告 操作记录.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const sheet = wb.getWorksheet("操作记录")!;
  const texts: string[] = [];
  sheet.eachRow((r) => texts.push((r.values as unknown[]).filter(Boolean).join(" | ")));
  expect(texts[1]).toBe("时间 | 操作人 | 用户名 | 操作 | 对象 | 内容 | 详情");
  expect(texts.some((t) => t.includes(`保存：${LABEL} 24 → 30`) && t.includes("trail-drafter"))).toBe(true);
  expect(texts.some((t) => t.includes("退回修改") && t.includes("自然人申请数与登记台账不符"))).toBe(true);
  await signOut(page);

  // The admin: 系统管理 → 操作记录, every agency, with what each entry concerns; raw JSON download.
  await signInAndExpectHome(page, "admin", "/admin");
  await page.getByRole("link", { name: "操作记录", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("操作记录");
  const all = page.getByTestId("audit");
  await expect(all.getByRole("row").filter({ hasText: "退回修改" }).first()).toContainText(`${AGENCY} ${year} 年度报告`);
  await expect(all.getByRole("row").filter({ hasText: "登录" }).first()).toBeVisible();
  await noSideways(page);
  await axeClean(page);
  await page.screenshot({ path: test.info().outputPath("admin-audit-1366.png") });
  await page.getByLabel("操作类型").selectOption({ label: "保存" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(all).toContainText(`保存：${LABEL} 24 → 30`);
  const [raw] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载原始数据/ }).click()]);
  const json = JSON.parse(await (await import("node:fs/promises")).readFile(await raw.path(), "utf8"));
  expect(json.format).toBe("nianbao/audit-log@1");
  expect(json.entries.length).toBeGreaterThan(0);
  expect(json.entries.every((e: { action: string }) => e.action === "report.save")).toBe(true);
  // From the report's 版本与记录 the admin may take the raw data of that report only.
  await page.goto(`/reports/${id}/history`);
  const [raw2] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载原始数据/ }).click()]);
  const json2 = JSON.parse(await (await import("node:fs/promises")).readFile(await raw2.path(), "utf8"));
  expect(json2.entries.every((e: { entityType: string; entityId: number }) => e.entityType === "report" && e.entityId === id)).toBe(true);
  expect(json2.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["report.return", "report.submit", "report.save"]));
  expect(errors).toEqual([]);
});
