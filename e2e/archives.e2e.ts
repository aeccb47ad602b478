// Old-style reports archived read-only, listed and displayed with the agency scoping of reports, and
// used as last year's reference: a 2018 archive beside the 2019 report's sections, feeding 内容雷同.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { importReport } from "../lib/import";
import { formError, signInAndExpectHome, signOut, testAgency } from "./helpers";

const SEED_003 = "lib/import/fixtures/seeds/003_7bcad31b0e10dcd8.txt";
const AGENCY = "示范市档案测试局";

async function seed003Sections() {
  const r = await importReport({ kind: "text", data: readFileSync(SEED_003, "utf8") });
  if (!r.ok || r.type !== "legacy") throw new Error("seed 003 is not a legacy report");
  return r.legacy.sections;
}

async function upload(page: Page, file: string) {
  await page.getByText("上传往年已发布的年报（Word、网页或文本）").click();
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles(file);
  await page.getByRole("button", { name: "导入", exact: true }).click();
}

test("a legacy report (seed 003, 2018) is archived, listed, displayed, and is the 2019 report's reference (内容雷同 included)", async ({ page }) => {
  testAgency(AGENCY, "sfsdacsj", [{ login: "archive-drafter", role: "drafter" }]);
  await signInAndExpectHome(page, "archive-drafter", "/reports");
  await page.getByRole("link", { name: "往年归档（旧式年报）" }).click();
  await expect(page).toHaveURL(/\/archives$/);
  await upload(page, SEED_003);
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("已将 2018 年度旧式年报存为只读归档");
  await expect(result).toContainText("作为本单位 2019 年度年报的上年参考");
  await result.getByRole("button", { name: "查看归档" }).click();
  await expect(page).toHaveURL(/\/archives\/\d+$/);
  const archiveUrl = page.url();

  // Displayed as published: every section, and the old statistics table with its header cells.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${AGENCY}2018年政府信息公开工作年度报告`);
  await expect(page.getByTestId("archive-meta")).toContainText("只读归档（旧式年报）");
  await expect(page.getByTestId("archive-reference-note")).toContainText("此归档是 2019 年度年报的上年参考");
  const sections = await seed003Sections();
  for (const s of sections) await expect(page.getByRole("heading", { level: 2, name: s.heading })).toBeVisible();
  await expect(page.getByTestId("archive-body")).toContainText(sections[5]!.text.split("\n")[0]!);
  const table = page.getByRole("table", { name: /政府信息公开情况统计表/ });
  await expect(table.getByRole("columnheader")).toHaveText(["统计指标", "单位", "年度累计数"]);
  await expect(table.getByRole("rowheader")).toHaveCount(84);
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "2.政府网站公开政府信息数" }) });
  await expect(row.getByRole("cell")).toHaveText(["条", "361"]);
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Listed; the same file again is not stored twice.
  await page.goto("/archives");
  await expect(page.getByTestId("archive-list").getByRole("row", { name: /2018年度/ })).toContainText("现行归档");
  await upload(page, SEED_003);
  await expect(formError(page)).toContainText("已有内容相同的归档，未重复保存");

  // The 2019 report: nothing to carry over, last year's narrative beside each section.
  await page.goto("/reports");
  await page.getByLabel("报告年度").selectOption("2019");
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  // Typing before the editor is hydrated would not reach it.
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("archive-reference")).toContainText("2018 年度归档的旧式年报");
  await expect(page.getByTestId("archive-reference")).toContainText("跨年度表格核对不适用");
  await expect(page.locator('.issue-list li[data-rule="carry.archive"]')).toContainText("上年（2018 年度）只有旧式归档年报");
  const reference = page.getByTestId("last-year-problems");
  await expect(reference).toContainText("2018 年度归档年报（旧式）的相应内容");
  await reference.locator("summary").click();
  await expect(reference).toContainText("六、存在主要困难和问题");
  await expect(reference).toContainText("七、下一步工作建议和改进情况");
  await expect(page.getByTestId("last-year-overview")).toContainText("2018 年度归档年报（旧式）的相应内容");

  // A passage copied from the archive is 内容雷同, live and after reloading.
  const copied = sections[5]!.text;
  const problems = page.locator('[data-cell="narrative.problems"]');
  await problems.fill(copied);
  await expect(page.getByTestId("similarity-narrative.problems")).toContainText("与 2018 年度归档年报（旧式）相应内容重复 100%（内容雷同）");
  const warning = page.locator('.issue-list li[data-rule="narrative.similarity"]');
  await expect(warning).toContainText("「五、存在的主要问题及改进情况」与 2018 年度归档年报（旧式）的相应内容重复 100%");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(problems).toHaveValue(copied);
  await expect(warning).toContainText("重复 100%");
  // The server finds it too: it is among the warnings to verify at submission.
  const panel = page.getByTestId("workflow-panel");
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.locator(".wf-warnings")).toContainText("与 2018 年度归档年报（旧式）的相应内容重复 100%");
  await page.getByTestId("similarity-narrative.problems").locator("summary").click();
  await expect(page.getByTestId("similarity-narrative.problems").locator("mark").first()).toContainText("我局做了大量工作");

  // Another agency's drafter neither sees nor opens it; the supervising office does.
  await signOut(page);
  await signInAndExpectHome(page, "yingji-drafter", "/reports");
  await page.goto("/archives");
  await expect(page.getByText(AGENCY)).toHaveCount(0);
  const forbidden = await page.goto(archiveUrl);
  expect(forbidden?.status()).toBe(403);
  await signOut(page);
  await signInAndExpectHome(page, "supervisor", "/oversight");
  await page.goto("/archives");
  await expect(page.getByTestId("archive-list")).toContainText(AGENCY);
  await page.goto(archiveUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${AGENCY}2018年政府信息公开工作年度报告`);
});
