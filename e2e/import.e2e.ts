import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAndExpectHome, testAgency } from "./helpers";

test("a drafter imports a published report (seed 001, 2020) and sees its two printed errors; a second import of the same year is refused", async ({ page }) => {
  await signInAndExpectHome(page, "jiaotong-drafter", "/reports");
  await page.getByText("导入已发布的年报（Word、PDF、网页或文本）").click();
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles("lib/import/fixtures/seeds/001_e58fc4138ebb9d36.txt");
  await page.getByRole("button", { name: "导入", exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("已导入 2020 年度年报");
  await result.getByRole("button", { name: "打开导入的年报" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("示范市交通运输局2020年政府信息公开工作年度报告");
  // A past year brought in from its published file is a back-fill, not 「已逾期 N 天」.
  await expect(page.getByTestId("deadline-banner")).toContainText("补录");
  await expect(page.getByTestId("deadline-banner")).not.toContainText("已逾期");
  // The stored document keeps the printed totals: the server's validation reports the two printed errors.
  await expect(page.getByTestId("server-validation")).toContainText("2 个错误");
  const id = Number(page.url().split("/").pop());
  const api = await (await page.request.get(`/api/reports/${id}`)).json();
  expect(api.validation.issues.filter((i: { severity: string }) => i.severity === "error").map((i: { message: string }) => i.message)).toEqual([
    "表三「4.保护第三方合法权益」行：总计填报 1，各申请人类型合计为 2（差 1）",
    "表三「其他」列：（七）总计填报 0，各办理结果合计为 1（差 1）",
  ]);
  // The editor computes totals itself, so there the same inconsistency shows where it remains once the
  // totals are right: the 其他 column no longer balances.
  await expect(page.locator('.issue-list li[data-rule="applications.balance"]').first()).toContainText("表三「其他」列");

  await page.goto("/reports");
  await page.getByText("导入已发布的年报（Word、PDF、网页或文本）").click();
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles("lib/import/fixtures/seeds/001_e58fc4138ebb9d36.txt");
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.locator("form [role=alert]")).toContainText("2020 年度已有年报，未导入");
  // A legacy report is recognised and archived read-only, not imported as an editable report (e2e/archives.e2e.ts).
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles("lib/import/fixtures/seeds/003_7bcad31b0e10dcd8.txt");
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("已将 2018 年度旧式年报存为只读归档");
});

test("a document that names another agency is imported only after the drafter confirms it; the list then shows it without a reload", async ({ page }) => {
  testAgency("示范市导入核对局", "e2e-import-agency", [{ login: "importcheck-drafter", role: "drafter" }]);
  const body = readFileSync("lib/import/fixtures/seeds/001_e58fc4138ebb9d36.txt", "utf8");
  const file = { name: "others.txt", mimeType: "text/plain", buffer: Buffer.from(`示范市生态环境局2020年政府信息公开工作年度报告\n${body}`) };
  await signInAndExpectHome(page, "importcheck-drafter", "/reports");
  await page.getByText("导入已发布的年报（Word、PDF、网页或文本）").click();
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles(file);
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.locator("form [role=alert]")).toContainText("示范市生态环境局");
  await expect(page.locator("form [role=alert]")).toContainText("确认导入为本单位年报");
  await expect(page.getByTestId("report-list").getByRole("row", { name: /2020/ })).toHaveCount(0);
  await page.getByLabel(/确认导入为本单位年报/).check();
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles(file);
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.getByTestId("import-result")).toContainText("已导入 2020 年度年报");
  // No reload: the list below already has the new report.
  await expect(page.getByTestId("report-list")).toContainText("2020");
});

test("补录: the reviewer records an imported past year's report as published without a review; it is public at once", async ({ browser }) => {
  testAgency("示范市补录测试局", "e2e-backfill", [
    { login: "backfill-drafter", role: "drafter" },
    { login: "backfill-reviewer", role: "reviewer" },
  ]);
  const drafter = await (await browser.newContext()).newPage();
  await signInAndExpectHome(drafter, "backfill-drafter", "/reports");
  await drafter.getByText("导入已发布的年报（Word、PDF、网页或文本）").click();
  await drafter.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles("lib/import/fixtures/seeds/001_e58fc4138ebb9d36.txt");
  await drafter.getByRole("button", { name: "导入", exact: true }).click();
  await expect(drafter.getByTestId("import-result")).toContainText("已导入 2020 年度年报");
  await drafter.getByTestId("import-result").getByRole("button", { name: "打开导入的年报" }).click();
  await expect(drafter).toHaveURL(/\/reports\/\d+$/);
  const url = drafter.url();
  // The drafter has no such shortcut.
  await expect(drafter.getByRole("button", { name: "补录为已发布" })).toHaveCount(0);

  const reviewer = await (await browser.newContext()).newPage();
  await signInAndExpectHome(reviewer, "backfill-reviewer", "/reports");
  await reviewer.goto(url);
  await reviewer.getByRole("button", { name: "补录为已发布" }).click();
  await expect(reviewer.getByTestId("wf-form-backfillPublish")).toContainText("不再经过提交和审核");
  // The real publication day: a day before the year after the report's is refused in Chinese.
  const day = reviewer.getByLabel("原发布日期（不详可留空）");
  await day.fill("2020-12-31");
  await reviewer.getByRole("button", { name: "确认补录为已发布" }).click();
  await expect(reviewer.getByTestId("workflow-panel").getByRole("alert")).toContainText("不能早于 2021 年 1 月 1 日");
  await day.fill("2021-01-29");
  await reviewer.getByRole("button", { name: "确认补录为已发布" }).click();
  await expect(reviewer.getByTestId("deadline-banner")).toContainText("已发布");
  const pub = await reviewer.goto("/p/e2e-backfill/2020");
  expect(pub?.status()).toBe(200);
  await expect(reviewer.locator("h1").first()).toContainText("示范市补录测试局2020年");
  // The public reads the day it was really published, not the day it was recorded here.
  await expect(reviewer.locator("footer.public-footer")).toContainText("发布时间：2021年1月29日（补录");
  await drafter.context().close();
  await reviewer.context().close();
});
