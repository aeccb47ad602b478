// The issue panel the page first shows is drawn on the server; its interactive part comes with the
// rule engine, on the editor's first use. Before that, a click on it must do what it always does.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAndExpectHome, testAgency, watchErrors } from "./helpers";

const cell = (page: Page, ref: string) => page.locator(`[data-cell="${ref}"]`);

test("the server's issue panel answers clicks before the rule engine is here, then follows the typing", async ({ page }) => {
  testAgency("示范市校验面板测试局", "sfsjymbcsj", [{ login: "panel-drafter", role: "drafter" }]);
  const errors = watchErrors(page);
  await signInAndExpectHome(page, "panel-drafter", "/reports");
  await page.getByLabel("报告年度").selectOption("2024");
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const id = Number(page.url().split("/").pop());
  // A saved document whose 自然人 column does not balance: 10 + 0 ≠ 6 + 1.
  const doc = await (await page.request.get(`/api/reports/${id}`)).json();
  Object.assign(doc.data.tables.applications.received, { natural: 10 });
  Object.assign(doc.data.tables.applications.carriedOver, { natural: 0 });
  Object.assign(doc.data.tables.applications.granted, { natural: 6 });
  Object.assign(doc.data.tables.applications.carriedForward, { natural: 1 });
  expect((await page.request.put(`/api/reports/${id}`, { data: { version: doc.version, data: doc.data } })).status()).toBe(200);

  await page.reload();
  await expect(page.locator("form.editor-form[data-live]")).toHaveCount(1);
  const panel = page.locator("section.issue-panel");
  const balance = panel.locator('.issue-list li[data-rule="applications.balance"]').first();
  await expect(balance).toContainText("差 3");
  expect((await new AxeBuilder({ page }).include("main").analyze()).violations).toEqual([]);

  // Folding the panel away and back, then choosing a finding, before anything was typed.
  await panel.getByRole("button", { name: "收起校验结果，表格使用全部宽度" }).click();
  await expect(panel).toHaveCount(0);
  await page.getByTestId("issues-expand").click();
  await expect(balance).toBeVisible();
  const target = await balance.getByRole("button").getAttribute("data-focus-cell");
  await balance.getByRole("button").click();
  await expect(cell(page, target!)).toBeFocused();

  // Typing fixes the balance: the (now interactive) panel follows.
  await cell(page, "applications.granted.natural").fill("9");
  await expect(panel.locator('.issue-list li[data-rule="applications.balance"]')).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await expect(page.getByTestId("server-validation")).not.toContainText("打开时");
  expect(errors).toEqual([]);
});
