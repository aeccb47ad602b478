// Signs the demo drafter in and opens (creating when needed) the agency's 2024 report in the editor,
// as a person would: the benchmarks that measure the editor page start from here.
import type { Page } from "@playwright/test";

export async function openDemoEditor(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill("yingji-drafter");
  await page.getByLabel("密码").fill("nianbao2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/reports$/);
  await page.getByLabel("报告年度").selectOption("2024");
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await page.waitForURL(/\/reports\/\d+$/);
}
