import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { reports, reportVersions } from "../db/schema";
import { e2eDb, signInAndExpectHome, signOut } from "./helpers";

test("downloads the saved report as .docx and .html with the official file name; other agencies cannot", async ({ page }) => {
  await signInAndExpectHome(page, "yingji-drafter", "/reports");
  await page.getByLabel("报告年度").selectOption("2023");
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const id = Number(page.url().split("/").pop());
  await page.locator('[data-cell="appeals.review.upheld"]').fill("3");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  const [docx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-docx").click()]);
  expect(docx.suggestedFilename()).toBe("示范市应急管理局2023年政府信息公开工作年度报告.docx");
  const zip = await JSZip.loadAsync(await readFile((await docx.path())!));
  const xml = await zip.file("word/document.xml")!.async("string");
  expect(xml).toContain("四、政府信息公开行政复议、行政诉讼情况");
  expect(xml).toContain('w:eastAsia="');

  const [html] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-html").click()]);
  expect(html.suggestedFilename()).toBe("示范市应急管理局2023年政府信息公开工作年度报告.html");
  const text = await readFile((await html.path())!, "utf8");
  expect(text).toContain('lang="zh-CN"');
  expect(text).toMatch(/data-cell="appeals\.review\.upheld"[^>]*>3</);

  // A snapshot of this report downloads; a snapshot id of another report does not.
  const db = e2eDb();
  const row = db.select().from(reports).where(eq(reports.id, id)).get()!;
  const snap = db.insert(reportVersions).values({ reportId: id, reportVersion: row.version, kind: "test", status: row.status, data: row.data, contentHash: "x" }).returning().get();
  expect((await page.request.get(`/api/reports/${id}/download?format=html&snapshot=${snap.id}`)).status()).toBe(200);
  expect((await page.request.get(`/api/reports/${id}/download?format=html&snapshot=999999`)).status()).toBe(404);
  expect((await page.request.get(`/api/reports/${id}/download?format=pdf`)).status()).toBe(400);

  await signOut(page);
  await signInAndExpectHome(page, "shengtai-drafter", "/reports");
  expect((await page.request.get(`/api/reports/${id}/download?format=docx`)).status()).toBe(403);
});
