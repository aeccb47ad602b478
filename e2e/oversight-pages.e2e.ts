// A supervising office with many agencies (a province oversees thousands): the dashboard's list
// comes a page at a time, every page keeps the year, filters and sort, and 催办 works on the rows
// shown. Before, all rows were one page: with the 2,025 agencies the end-to-end database ends up
// with, the page took 6–7 s to open and every click on it seconds more (the 催办 test timed out).
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { agencies, users } from "../db/schema";
import { hashPasswordSync } from "../lib/auth/password";
import { OVERDUE_LISTED_PER_YEAR } from "../lib/office/todo";
import { DASHBOARD_PAGE_SIZE } from "../lib/oversight/dashboard";
import { DEMO_PASSWORD, e2eDb, signInAndExpectHome, watchErrors } from "./helpers";

const COUNT = DASHBOARD_PAGE_SIZE + 30;

test.use({ viewport: { width: 1366, height: 768 } });

test("an office with more agencies than a page: the list is paged, pages keep the filters, 催办 selects the page shown, 待办 counts what it does not name", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  // An office of its own (no parent), its supervisor, and its agencies (idempotent across runs).
  const d = e2eDb();
  d.insert(agencies).values({ name: "分页测试市政府办公室", code: "pages-office" }).onConflictDoNothing().run();
  const office = d.select().from(agencies).where(eq(agencies.code, "pages-office")).get()!;
  for (let i = 1; i <= COUNT; i++) d.insert(agencies).values({ name: `分页测试第${i}局`, code: `pages-${i}`, parentId: office.id }).onConflictDoNothing().run();
  d.insert(users).values({ login: "pages-supervisor", displayName: "分页测试督办", passwordHash: hashPasswordSync(DEMO_PASSWORD), role: "supervisor", agencyId: office.id }).onConflictDoNothing().run();

  await signInAndExpectHome(page, "pages-supervisor", "/oversight");
  await page.goto("/oversight?year=2024");
  const list = page.getByTestId("oversight-list");
  const pages = page.getByTestId("oversight-pages");
  // Its agencies (the office itself is not one of its subordinates), in hierarchy order.
  await expect(page.getByTestId("progress-summary")).toContainText(`共 ${COUNT} 个单位`);
  await expect(list.locator("tbody tr")).toHaveCount(DASHBOARD_PAGE_SIZE);
  await expect(pages).toContainText(`第 1–${DASHBOARD_PAGE_SIZE} 个，共 ${COUNT} 个单位`);
  await expect(list.locator('tr[data-agency="分页测试第1局"]')).toHaveCount(1);
  await expect(list.locator(`tr[data-agency="分页测试第${COUNT}局"]`)).toHaveCount(0);

  // 全选本页 ticks the rows shown, nothing else exists to tick.
  await page.getByRole("button", { name: "全选本页" }).click();
  await expect(list.locator("tbody input[type=checkbox]:checked")).toHaveCount(DASHBOARD_PAGE_SIZE);

  await pages.getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/[?&]page=2\b/);
  await expect(page).toHaveURL(/[?&]year=2024\b/);
  await expect(list.locator("tbody tr")).toHaveCount(COUNT - DASHBOARD_PAGE_SIZE);
  await expect(list.locator(`tr[data-agency="分页测试第${COUNT}局"]`)).toHaveCount(1);
  await expect(pages.locator('[aria-current="page"]')).toHaveText("2");

  // A filter starts from its first page; a search finds an agency wherever it was.
  await page.getByRole("searchbox", { name: "单位名称" }).fill(`第${COUNT}局`);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(list.locator("tbody tr")).toHaveCount(1);
  await expect(pages).toHaveCount(0);
  // A page number past the end shows the last page, not an empty list or an error.
  await page.goto("/oversight?year=2024&page=999");
  await expect(list.locator("tbody tr")).toHaveCount(COUNT - DASHBOARD_PAGE_SIZE);

  // 待办 names a year's first overdue agencies and counts the rest, with the way to all of them.
  await page.goto("/todo");
  const more = page.getByTestId("todo-list").locator('li[data-kind="overdue-more"]').first();
  await expect(more).toContainText(`另有 ${COUNT - OVERDUE_LISTED_PER_YEAR} 个单位`);
  const years = await page.getByTestId("todo-list").locator('li[data-kind="overdue-more"]').count();
  await expect(page.getByTestId("todo-list").locator('li[data-kind="overdue"]')).toHaveCount(years * OVERDUE_LISTED_PER_YEAR);
  await more.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]overdue=1\b/);
  await expect(list.locator("tbody tr")).toHaveCount(DASHBOARD_PAGE_SIZE);
  await expect(pages).toContainText(`共 ${COUNT} 个单位`);
  expect(errors).toEqual([]);
});
