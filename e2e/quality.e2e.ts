// 年报质量检查 (issue 18 "Done when"): the supervising office uploads one .zip of mixed files (.docx,
// .html, .txt) for the demo hierarchy with known planted problems — a wrong total, a missing
// section, a late date, a copied section, a 2019 table in 2024 — and the results page, the .xlsx and
// the .docx 通报 each list exactly the planted findings at the right agency; `nianbao check` gives
// the same findings as JSON. The office checked 2023 too: each agency's result is compared with it
// (score, findings new/fixed/persisting) on the page and in the .xlsx.
import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { withCell } from "../lib/data";
import { plantedFiles, renderFile, variantReport } from "../lib/quality/testing/generate";
import { writeZip } from "../lib/quality/testing/zip-writer";
import { signInAndExpectHome, watchErrors } from "./helpers";

const YEAR = 2024;


async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).include("main").analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a check run over a .zip of mixed files finds exactly the planted problems, on the page, in the .xlsx, the .docx and the CLI", async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const { files, expected } = await plantedFiles();
  const dir = mkdtempSync(join(tmpdir(), "nianbao-quality-e2e-"));
  const zipPath = join(dir, "各单位年报.zip");
  writeFileSync(zipPath, writeZip(files.map((f) => ({ name: `年报/${f.name}`, data: f.bytes }))));

  // Last year's reports: 应急管理局's was late and had the same wrong total; 交通运输局's was clean.
  const lastZip = join(dir, "2023年报.zip");
  const last = [
    await renderFile(withCell(variantReport({ agency: "示范市应急管理局", seed: 31, year: 2023, date: "2024-02-05" }), "appeals.review.total", 999), "docx", "应急管理局2023年报.docx"),
    await renderFile(variantReport({ agency: "示范市交通运输局", seed: 33, year: 2023 }), "html", "交通运输局2023年报.html"),
  ];
  writeFileSync(lastZip, writeZip(last.map((f) => ({ name: f.name, data: f.bytes }))));

  await signInAndExpectHome(page, "supervisor", "/oversight");
  // The dashboard's 依申请 chart (ECharts with its table).
  await expect(page.getByRole("heading", { name: "依申请公开历年情况" })).toBeVisible();
  await page.getByRole("link", { name: "质量检查" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "年报质量检查" })).toBeVisible();
  await axe(page);
  // The 2023 check first.
  await page.getByLabel("报告年度").selectOption(String(YEAR - 1));
  await page.getByLabel(/其他渠道发布的年报文件/).setInputFiles(lastZip);
  await page.getByRole("button", { name: "开始检查" }).click();
  await expect(page).toHaveURL(/\/oversight\/quality\/\d+$/);
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(page.locator('tr[data-agency="示范市应急管理局"] [data-testid=rules]')).toHaveText("publication.late、appeals.total");
  await page.getByRole("link", { name: "← 年报质量检查" }).click();
  await page.getByLabel("报告年度").selectOption(String(YEAR));
  await page.getByLabel(/其他渠道发布的年报文件/).setInputFiles(zipPath);
  await page.getByRole("button", { name: "开始检查" }).click();

  await expect(page).toHaveURL(/\/oversight\/quality\/\d+$/);
  const progress = page.getByTestId("run-progress");
  await expect(progress).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(page.getByRole("progressbar", { name: "检查进度" })).toBeVisible();
  const table = page.getByTestId("results-table");
  await expect(table).toBeVisible();
  await axe(page);

  // Charts: drawn by ECharts (canvas), each with its numbers in a table.
  const charts = page.getByRole("region", { name: "图表" });
  await expect(charts.locator("figure canvas")).toHaveCount(3);
  const common = charts.getByRole("figure", { name: "最常见的问题" });
  await common.getByText("数据表").click();
  await expect(common.getByRole("rowheader", { name: "内容雷同" })).toBeVisible();
  await expect(common.getByRole("rowheader", { name: "数据勾稽" })).toBeVisible();

  // The page: each planted agency with exactly its planted rule ids.
  for (const [agency, rules] of Object.entries(expected)) {
    await expect(table.locator(`tr[data-agency="${agency}"] [data-testid=rules]`)).toHaveText(rules.join("、"));
  }
  // Against the 2023 check: 应急管理局 fixed its date, its wrong total persists; 交通运输局's two
  // findings are new; 生态环境局 was not in it.
  const yoy = (agency: string) => table.locator(`tr[data-agency="${agency}"] [data-testid=year-over-year]`);
  await expect(yoy("示范市应急管理局")).toContainText("新增 0 · 已整改 1 · 仍存在 1");
  await expect(yoy("示范市交通运输局")).toContainText("上年 100 分");
  await expect(yoy("示范市交通运输局")).toContainText("新增 2 · 已整改 0 · 仍存在 0");
  await expect(yoy("示范市生态环境局")).toHaveText("—");
  // Filter by finding kind: 内容雷同 leaves only the agency that copied.
  await page.getByLabel("按问题类别筛选").selectOption({ label: "内容雷同" });
  await expect(table.locator("tbody tr[data-agency]").filter({ hasText: "narrative.peerSimilarity" })).toHaveCount(1);
  await expect(table.locator('tr[data-agency="示范市应急管理局"]')).toHaveCount(0);
  await page.getByLabel("按问题类别筛选").selectOption("");
  // Sort by score, lowest first.
  await page.getByRole("button", { name: /^得分/ }).click();
  await page.getByRole("button", { name: /^得分/ }).click();
  await expect(page.getByRole("columnheader", { name: /得分/ }).first()).toHaveAttribute("aria-sort", "ascending");

  // The agency's report with its findings in place: the wrong total framed.
  await table.getByRole("link", { name: "示范市应急管理局" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "示范市应急管理局 年报检查详情" })).toBeVisible();
  await expect(page.getByTestId("item-findings").locator("li")).toHaveCount(1);
  await expect(page.locator('td.qc-hit[data-cell="appeals.review.total"]')).toHaveCount(1);
  const itemYoy = page.getByTestId("item-year-over-year");
  await expect(itemYoy.getByRole("heading", { name: "与2023年度检查相比" })).toBeVisible();
  await expect(itemYoy.locator('li[data-rule="publication.late"]')).toHaveCount(1);
  await axe(page);
  await page.getByRole("link", { name: "← 返回检查结果" }).click();

  // The .xlsx: one row per agency, and the findings sheet with exactly the planted rules.
  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "检查结果（.xlsx）" }).click();
  const xlsxPath = await (await xlsxDownload).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath!);
  const findingsSheet = wb.getWorksheet("问题清单")!;
  const byAgency: Record<string, string[]> = {};
  findingsSheet.eachRow((row, n) => {
    if (n === 1) return;
    const agency = String(row.getCell(1).value);
    if (agency in expected) (byAgency[agency] ??= []).push(String(row.getCell(3).value));
  });
  expect(byAgency).toEqual(expected);
  const scores = wb.getWorksheet("单位得分")!;
  const listed: string[] = [];
  scores.eachRow((row, n) => {
    if (n > 2) listed.push(String(row.getCell(2).value));
  });
  for (const agency of Object.keys(expected)) expect(listed.filter((a) => a === agency)).toHaveLength(1);
  const compared: string[][] = [];
  wb.getWorksheet("与上年对比")!.eachRow((row, n) => {
    if (n > 1) compared.push([String(row.getCell(1).value), String(row.getCell(5).value), String(row.getCell(6).value)]);
  });
  expect(compared).toEqual([
    ["示范市应急管理局", "已整改", "publication.late"],
    ["示范市应急管理局", "仍存在", "appeals.total"],
    ["示范市交通运输局", "新增", "publication.late"],
    ["示范市交通运输局", "新增", "document.editionYear"],
  ]);

  // The 通报 .docx: each planted agency with its problems.
  const docxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "通报草稿（.docx）" }).click();
  const docx = await JSZip.loadAsync(await (await import("node:fs/promises")).readFile((await (await docxDownload).path())!));
  const xml = await docx.file("word/document.xml")!.async("string");
  const text = xml.replace(/<[^>]+>/g, "");
  expect(text).toContain(`关于${YEAR}年政府信息公开工作年度报告质量检查情况的通报`);
  expect(text).toContain("表四「行政复议」：总计填报");
  expect(text).toContain("缺少法定章节「六、其他需要报告的事项」");
  expect(text).toContain("晚于法定期限2025年1月31日");
  expect(text).toContain("与示范市应急管理局 2024 年度已公开年报的同一部分重复");
  expect(text).toContain("本报告使用 2019 年版格式");

  // The JSON download and `nianbao check` on the same .zip give the same findings.
  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "检查结果（JSON）" }).click();
  const web = JSON.parse(await (await import("node:fs/promises")).readFile((await (await jsonDownload).path())!, "utf8"));
  const agenciesFile = join(dir, "agencies.txt");
  writeFileSync(agenciesFile, Object.keys(expected).join("\n"));
  const run = spawnSync(process.execPath, ["bin/nianbao.cjs", "check", zipPath, "--year", String(YEAR), "--agencies", agenciesFile, "--json"], { encoding: "utf8", maxBuffer: 1 << 26 });
  expect(run.status).toBe(1); // the reports have errors
  const cli = JSON.parse(run.stdout);
  const pick = (j: { items: { agency: string; findings: { rule: string; message: string; cell?: string }[] }[] }) =>
    Object.fromEntries(j.items.filter((i) => i.agency in expected).map((i) => [i.agency, i.findings.map((f) => [f.rule, f.cell, f.message])]));
  expect(pick(cli)).toEqual(pick(web));
  expect(Object.fromEntries(Object.entries(pick(cli)).map(([a, fs]) => [a, fs.map((f) => f[0])]))).toEqual(expected);

  expect(errors).toEqual([]);
});
