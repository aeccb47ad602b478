// Issue 15: a drafter imports the report as the agency published it — a PDF (here printed from the
// report's web page by Chromium) and crawled text whose table cells ran together on one line — and
// finds every figure in the editor. No console errors; axe finds nothing on the result.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { ReportDoc } from "../lib/data";
import { renderHtml } from "../lib/render";
import { fixtureReport } from "../lib/import/testing/damage";
import { zeroFilled } from "../lib/import/testing/shape-cases";
import { reportAsText, runTogether } from "../lib/import/testing/shapes";
import { signInAndExpectHome, testAgency, watchErrors } from "./helpers";

const AGENCY = "示范市版式导入局";

function ourReport(year: number): ReportDoc {
  const r = fixtureReport("example-2021-shifan-2024.json");
  return { ...r, year, agency: { name: AGENCY }, meta: { ...r.meta, title: `${AGENCY}${year}年政府信息公开工作年度报告`, signature: AGENCY } };
}


async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/reports");
  await page.getByText("导入已发布的年报（Word、PDF、网页或文本）").click();
  await page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles(file);
  await page.getByRole("button", { name: "导入", exact: true }).click();
  // The check view (issue 15 §6) comes first: every cell read, none left unknown; then it is saved.
  await expect(page.getByRole("heading", { name: /导入前核对/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-counts")).toContainText("文件中未能取得 0 个");
  expect((await new AxeBuilder({ page }).include("main").analyze()).violations).toEqual([]);
  await page.getByRole("button", { name: "确认导入" }).click();
}

async function apiReport(page: Page): Promise<ReportDoc> {
  const id = Number(page.url().split("/").pop());
  return (await (await page.request.get(`/api/reports/${id}`)).json()).data as ReportDoc;
}

test("a PDF printed from the report's web page imports with every figure; so does crawled text with run-together cells", async ({ page, browser }) => {
  // A first PDF import loads pdfjs in a fresh worker: seconds on a loaded 2-core machine.
  test.setTimeout(240_000);
  testAgency(AGENCY, "e2e-import-shapes", [{ login: "shapes-drafter", role: "drafter" }]);
  const errors = watchErrors(page);

  // The agency's published PDF (Chromium's print to PDF of the report page).
  const printer = await browser.newPage();
  const pdfReport = ourReport(2022);
  await printer.setContent(renderHtml(pdfReport), { waitUntil: "load" });
  const pdf = await printer.pdf({ format: "A4", printBackground: true });
  await printer.close();

  await signInAndExpectHome(page, "shapes-drafter", "/reports");
  await upload(page, { name: "2022年报.pdf", mimeType: "application/pdf", buffer: pdf });
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("已导入 2022 年度年报", { timeout: 60_000 });
  expect((await new AxeBuilder({ page }).include("main").analyze()).violations).toEqual([]);
  await result.getByRole("button", { name: "打开导入的年报" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${AGENCY}2022年政府信息公开工作年度报告`);
  const fromPdf = await apiReport(page);
  expect(fromPdf.tables).toEqual(pdfReport.tables);
  expect(fromPdf.narrative).toEqual(pdfReport.narrative);

  // The same agency's 2023 report as a crawler left it: each table's cells on one line.
  const textReport = zeroFilled(ourReport(2023)); // a crawled line prints a blank cell as 0
  await upload(page, { name: "2023年报.txt", mimeType: "text/plain", buffer: Buffer.from(reportAsText(textReport, runTogether)) });
  await expect(page.getByTestId("import-result")).toContainText("已导入 2023 年度年报", { timeout: 60_000 });
  await page.getByTestId("import-result").getByRole("button", { name: "打开导入的年报" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  expect((await apiReport(page)).tables).toEqual(textReport.tables);
  expect(errors).toEqual([]);
});
