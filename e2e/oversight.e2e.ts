// The supervising office (主管部门): the dashboard of its agencies' states, the roll-up (汇总) with
// drill-down and exports, returning a report for rework, and the limits of its hierarchy.
// Report year 2025, which no other end-to-end test uses.
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import example2023 from "../lib/fixtures/example-2021-shifan-2023.json";
import example2024 from "../lib/fixtures/example-2021-shifan-2024.json";
import { agencies, reports, users } from "../db/schema";
import { hashPasswordSync } from "../lib/auth/password";
import { DEMO_PASSWORD, e2eDb, signInAndExpectHome, signOut } from "./helpers";
import { apiClient, reviewAndPublish } from "./support/setup";

const YEAR = 2025;
type Tables = Record<string, Record<string, Record<string, number | null>>>;

/** How many agencies the dashboard's list holds for a query, over all its pages. */
async function listTotal(page: Page, query: string): Promise<number> {
  await page.goto(`/oversight?${query}`);
  const pages = page.getByTestId("oversight-pages");
  if (await pages.count()) return Number(/共 (\d+) 个单位/.exec((await pages.textContent()) ?? "")?.[1]);
  return page.getByTestId("oversight-list").locator("tbody tr[data-agency]").count();
}

function agencyId(code: string): number {
  return e2eDb().select().from(agencies).where(eq(agencies.code, code)).get()!.id;
}

/** Writes, submits (acknowledging each warning), approves and publishes a report through the HTTP API. */
async function publishThroughApi(baseURL: string, prefix: string, code: string, fixture: object): Promise<{ id: number; tables: Tables }> {
  const db = e2eDb();
  const agency = agencyId(code);
  expect(db.select().from(reports).where(and(eq(reports.agencyId, agency), eq(reports.year, YEAR))).get(), `no ${YEAR} report of ${code} yet`).toBeUndefined();
  const name = db.select().from(agencies).where(eq(agencies.id, agency)).get()!.name;
  const id = db
    .insert(reports)
    .values({ agencyId: agency, year: YEAR, edition: "2021", data: JSON.stringify({ format: "nianbao/report@1", edition: "2021", year: YEAR, agency: { name }, narrative: { overview: "", problems: "", other: "" }, tables: { proactive: {}, applications: {}, appeals: {} } }) })
    .returning()
    .get().id;
  const drafter = await apiClient(baseURL, `${prefix}-drafter`);
  const reviewer = await apiClient(baseURL, `${prefix}-reviewer`);
  const doc = { ...fixture, year: YEAR, agency: { name }, meta: {} };
  const put = await drafter.put(`/api/reports/${id}`, { data: { version: 1, data: doc } });
  expect(put.status()).toBe(200);
  const saved = await put.json();
  expect(saved.validation.errors).toBe(0);
  const acknowledgements: Record<string, string> = {};
  for (const w of saved.validation.issues) if (w.severity === "warning") acknowledgements[`${w.rule}|${w.cell}`] = "已核实，数据以统计台账为准";
  const submit = await drafter.post(`/api/reports/${id}/transition`, { data: { action: "submit", acknowledgements } });
  expect(submit.status(), await submit.text()).toBe(200);
  // The reviewer confirms every warning, approves the version read and publishes it.
  await reviewAndPublish(reviewer, id);
  const stored = await (await reviewer.get(`/api/reports/${id}`)).json();
  expect(stored.status).toBe("published");
  await drafter.dispose();
  await reviewer.dispose();
  return { id, tables: stored.data.tables as Tables };
}

/** The expected roll-up of a cell, computed here from the two reports' JSON: blank + blank stays blank. */
function sumOf(ref: string, parts: Tables[]): number | null {
  const [t, r, c] = ref.split(".") as [string, string, string];
  const vals = parts.map((p) => p[t]?.[r]?.[c] ?? null);
  return vals.every((v) => v === null) ? null : Number(vals.reduce<number>((s, v) => s + (v ?? 0), 0).toFixed(6));
}

let yingji: { id: number; tables: Tables };
let shengtai: { id: number; tables: Tables };

test.describe.serial("supervising office", () => {
  test("the dashboard shows the agencies' states; after two publish, the roll-up equals the sum of their tables", async ({ page, baseURL }) => {
    await signInAndExpectHome(page, "supervisor", "/oversight");
    await page.goto(`/oversight?year=${YEAR}`);
    const list = page.getByTestId("oversight-list");
    for (const name of ["示范市应急管理局", "示范市生态环境局", "示范市交通运输局"]) {
      await expect(list.locator(`tr[data-agency="${name}"]`)).toHaveAttribute("data-state", "none");
    }
    // Other tests may have added agencies under the office: the chart counts what the list shows,
    // on all its pages (the list filtered to 未创建).
    const noneBefore = await listTotal(page, `year=${YEAR}&state=none`);
    expect(noneBefore).toBeGreaterThanOrEqual(3);
    await page.goto(`/oversight?year=${YEAR}`);
    await expect(page.getByTestId("progress-counts").locator('[data-state="none"] strong')).toHaveText(String(noneBefore));

    yingji = await publishThroughApi(baseURL!, "yingji", "sfsyjj", example2024);
    shengtai = await publishThroughApi(baseURL!, "shengtai", "sfssthjj", example2023);

    await page.reload();
    await expect(list.locator('tr[data-agency="示范市应急管理局"]')).toHaveAttribute("data-state", "published");
    await expect(list.locator('tr[data-agency="示范市生态环境局"]')).toHaveAttribute("data-state", "published");
    await expect(list.locator('tr[data-agency="示范市交通运输局"]')).toHaveAttribute("data-state", "none");
    await expect(page.getByTestId("progress-counts").locator('[data-state="published"] strong')).toHaveText("2");
    await expect(page.getByTestId("progress-counts").locator('[data-state="none"] strong')).toHaveText(String(noneBefore - 2));
    // Filter: only 已发布.
    await page.getByRole("checkbox", { name: "已发布" }).check();
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(list.locator("tbody tr")).toHaveCount(2);

    await page.goto(`/oversight/rollup?year=${YEAR}&states=published`);
    await expect(page.getByTestId("rollup-included")).toContainText("计入 2 个单位");
    const cells = page.locator("td[data-cell]");
    const count = await cells.count();
    expect(count).toBeGreaterThan(150);
    const shown = await cells.evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-cell")!, td.textContent!.trim()] as const));
    for (const [ref, text] of shown) {
      const want = sumOf(ref, [yingji.tables, shengtai.tables]);
      expect(text, ref).toBe(want === null ? "—" : String(want));
    }

    // Drill-down: the agencies behind 一、本年新收 总计.
    await page.locator('td[data-cell="applications.received.total"] a').click();
    const drill = page.getByTestId("drill-down");
    await expect(drill).toContainText("本年新收");
    await expect(drill.locator("tbody tr")).toHaveCount(2);
    await expect(drill.locator('tr[data-agency="示范市应急管理局"] td').nth(1)).toHaveText(String(yingji.tables.applications!.received!.total));
    await expect(drill.getByTestId("drill-total")).toHaveText(String(sumOf("applications.received.total", [yingji.tables, shengtai.tables])));

    // Exports: .xlsx (tables + per-agency detail), .docx and .html through the report renderers.
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("rollup-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toBe(`示范市人民政府办公室所属单位${YEAR}年政府信息公开工作年度报告统计数据汇总.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const detail = wb.getWorksheet("单位明细")!;
    const names = [2, 3, 4].map((r) => detail.getRow(r).getCell(1).value);
    expect(names).toEqual(["示范市应急管理局", "示范市生态环境局", "合计"]);
    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("rollup-docx").click()]);
    const xml = await (await JSZip.loadAsync(await readDownload(docx))).file("word/document.xml")!.async("string");
    expect(xml).toContain("统计数据汇总");
    expect(xml).toContain(`>${sumOf("applications.received.total", [yingji.tables, shengtai.tables])}<`);
    const [html] = await Promise.all([page.waitForEvent("download"), page.getByTestId("rollup-html").click()]);
    const text = (await readDownload(html)).toString("utf8");
    expect(text).toContain(`data-cell="applications.received.total"`);
    expect(text).not.toContain("一、总体情况");
  });

  test("the supervisor returns a published report with a reason; the agency sees it in its editor", async ({ page }) => {
    await signInAndExpectHome(page, "supervisor", "/oversight");
    await page.goto(`/reports/${yingji.id}`);
    const panel = page.getByTestId("workflow-panel");
    await expect(panel).toHaveAttribute("data-hydrated", "yes");
    await panel.getByRole("button", { name: "退回整改" }).click();
    await panel.getByLabel("退回理由").fill("正文所述申请数与表三不一致，请核实后重新发布");
    await panel.getByRole("button", { name: "确认退回整改" }).click();
    await expect(page.getByTestId("deadline-banner")).toContainText("已退回");
    await page.goto(`/oversight?year=${YEAR}`);
    await expect(page.locator('tr[data-agency="示范市应急管理局"]')).toHaveAttribute("data-state", "returned");
    // The published version stays in force until the corrected one is published: still in the roll-up.
    await page.goto(`/oversight/rollup?year=${YEAR}&states=published`);
    await expect(page.getByTestId("rollup-included")).toContainText("计入 2 个单位");
    await signOut(page);

    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await page.goto(`/reports/${yingji.id}`);
    // The comments the drafter sees. Once, in CI, two lists were in the page at this moment: the
    // editor's first save state, announced through a changing context, made React draw the parts of
    // the page still waiting for their code anew (a Suspense boundary keeps its old content hidden
    // meanwhile). The state now goes through a store (components/report-page-state.tsx; guarded by
    // e2e/peer-similarity.e2e.ts). What the drafter can see is what this test is about.
    const comments = page.getByTestId("review-comments").filter({ visible: true });
    await expect(comments).toContainText("正文所述申请数与表三不一致，请核实后重新发布");
    await expect(comments).toContainText("郑华");
    // Editable again.
    await expect(page.locator('[data-cell="applications.received.natural"]')).not.toHaveAttribute("readonly", "");
  });

  test("a supervisor sees nothing outside its hierarchy; other roles have no oversight", async ({ page, baseURL }) => {
    const db = e2eDb();
    const office = db.insert(agencies).values({ name: "另一市人民政府办公室", code: "lysszfb-e2e", parentId: null }).returning().get();
    const bureau = db.insert(agencies).values({ name: "另一市应急管理局", code: "lysyjj-e2e", parentId: office.id }).returning().get();
    db.insert(users).values({ login: "other-supervisor", displayName: "另一市政务公开办", passwordHash: hashPasswordSync(DEMO_PASSWORD), role: "supervisor", agencyId: office.id }).run();
    const outside = db
      .insert(reports)
      .values({ agencyId: bureau.id, year: YEAR, edition: "2021", data: JSON.stringify({ format: "nianbao/report@1", edition: "2021", year: YEAR, agency: { name: bureau.name }, narrative: { overview: "", problems: "", other: "" }, tables: { proactive: {}, applications: {}, appeals: {} } }) })
      .returning()
      .get().id;

    await signInAndExpectHome(page, "supervisor", "/oversight");
    await page.goto(`/oversight?year=${YEAR}`);
    await expect(page.getByTestId("oversight-list")).not.toContainText("另一市");
    await page.goto(`/reports/${outside}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/无权访问|不存在/);
    expect((await page.request.get(`/api/reports/${outside}`)).status()).toBe(403);
    await signOut(page);

    await signInAndExpectHome(page, "other-supervisor", "/oversight");
    await page.goto(`/oversight?year=${YEAR}`);
    await expect(page.getByTestId("oversight-list").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("oversight-list")).toContainText("另一市应急管理局");
    await page.goto(`/oversight/rollup?year=${YEAR}`);
    await expect(page.getByTestId("rollup-included")).toContainText("计入 0 个单位");
    const other = await apiClient(baseURL!, "other-supervisor");
    const refused = await other.post(`/api/reports/${shengtai.id}/transition`, { data: { action: "supervisorReturn", comment: "越权退回的尝试" } });
    expect(refused.status()).toBe(404);
    const xlsx = await other.get(`/api/oversight/rollup?year=${YEAR}&format=xlsx`);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("单位明细")!.getRow(2).getCell(1).value).toBe("合计"); // no agency rows
    await other.dispose();
    await signOut(page);

    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await page.goto("/oversight");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问（403）");
    expect((await page.request.get(`/api/oversight/rollup?year=${YEAR}`)).status()).toBe(403);
  });
});

async function readDownload(d: { path(): Promise<string | null> }): Promise<Buffer> {
  const { readFile } = await import("node:fs/promises");
  return readFile((await d.path())!);
}
