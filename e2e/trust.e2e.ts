// Issue 13 (sections 1 and 3): a report that is not filled in cannot be submitted, the review is
// real, an approval approves what the reviewer read, and nothing presents an incomplete report as
// clean. Each test has agencies of its own (below the demo supervising office) and report years no
// other suite publishes, so no peer report changes its warnings.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { reportVersions } from "../db/schema";
import { emptyReport, type ReportDoc } from "../lib/data";
import { cellPathLabel } from "../lib/rules/completeness";
import { allCells, getEdition } from "../lib/template";
import { e2eDb, signInAndExpectHome, signOut } from "./helpers";
import { apiClient, cleanReport, ensureAgency, ensureUser, putReport, reportRow } from "./support/setup";

const edition = getEdition("2021");
const heading = (key: string) => edition.sections.find((s) => s.key === key)!.heading;

/** An agency with a drafter and a reviewer (logins `<code>-drafter`, `<code>-reviewer`). */
function agencyWithStaff(name: string, code: string) {
  const id = ensureAgency(name, code, "sfszfb");
  return { id, name, drafter: ensureUser(`${code}-drafter`, `${name}填报人`, "drafter", id), reviewer: ensureUser(`${code}-reviewer`, `${name}审核人`, "reviewer", id) };
}

/** The workflow panel once its buttons work (hydrated). */
async function readyPanel(page: Page) {
  const panel = page.getByTestId("workflow-panel");
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  return panel;
}

/** The drafter submits through the API, giving every warning the server lists a reason. */
async function submitWithReasons(drafter: APIRequestContext, id: number): Promise<void> {
  const preview = await (await drafter.post(`/api/reports/${id}/transition`, { data: { action: "submit", preview: true } })).json();
  expect(preview.incomplete).toEqual([]);
  const acknowledgements = Object.fromEntries((preview.warnings as { key: string }[]).map((w) => [w.key, "已核实，以统计台账为准"]));
  const res = await drafter.post(`/api/reports/${id}/transition`, { data: { action: "submit", acknowledgements } });
  expect(res.status(), await res.text()).toBe(200);
}

test("an empty report cannot be submitted: the first click lists what is missing, each with a jump to its cell", async ({ page }) => {
  const a = agencyWithStaff("信任测试甲局", "trust-a");
  const { id } = putReport(a.id, 2028, "draft", emptyReport(2028, a.name), a.drafter);
  await signInAndExpectHome(page, "trust-a-drafter", "/reports");
  await page.goto(`/reports/${id}`);
  // While drafting the gaps are visible but do not block anything.
  await expect(page.getByTestId("submittable")).toContainText("提交审核前须全部填写");

  const panel = await readyPanel(page);
  await panel.getByRole("button", { name: "提交审核" }).click();
  const gaps = panel.getByTestId("incomplete");
  for (const key of ["overview", "problems", "other"]) await expect(gaps).toContainText(`「${heading(key)}」未填写`);
  for (const key of ["proactive", "applications", "appeals"]) {
    const n = allCells(edition).filter((c) => c.table === key && !c.derived).length;
    await expect(gaps).toContainText(`「${heading(key)}」${n} 个单元格未填写`);
  }
  await expect(panel.getByRole("button", { name: "确认提交审核" })).toBeDisabled();
  // Jump to a cell named by its full path (no ambiguous leaf: 「3.危及…」 exists only under （三）不予公开).
  const ref = "applications.withheldSecurityStability.natural";
  const label = cellPathLabel(edition, ref);
  expect(label).toMatch(/^表三「（三）不予公开 \/ 3\.危及/);
  await gaps.locator("summary", { hasText: heading("applications") }).click();
  await gaps.getByRole("button", { name: `${label}未填写` }).click();
  await expect(page.locator(`[data-cell="${ref}"]`)).toBeFocused();

  // The server is the gate, not the button.
  const refused = await page.request.post(`/api/reports/${id}/transition`, { data: { action: "submit", acknowledgements: {} } });
  expect(refused.status()).toBe(422);
  const body = await refused.json();
  expect(body.error).toContain("尚未填写完整");
  expect(body.incomplete).toHaveLength(3 + allCells(edition).filter((c) => !c.derived).length);
  expect(reportRow(id)!.status).toBe("draft");

  // Only the inserted sub-headings, or a bare 「无」 for 五, is not content either.
  const full = cleanReport(2028, a.name);
  const subHeadings = edition.sections.find((s) => s.key === "overview")!.subBlocks!.map((b) => b.label).join("\n");
  const hollow: ReportDoc = { ...full, narrative: { ...full.narrative, overview: subHeadings, problems: "无" } };
  const current = await (await page.request.get(`/api/reports/${id}`)).json();
  expect((await page.request.put(`/api/reports/${id}`, { data: { version: current.version, data: hollow } })).status()).toBe(200);
  const again = await (await page.request.post(`/api/reports/${id}/transition`, { data: { action: "submit", acknowledgements: {} } })).json();
  expect(again.incomplete.map((g: { message: string }) => g.message)).toEqual([`「${heading("overview")}」只有小标题，没有内容`, `「${heading("problems")}」只写了「无」，没有实际内容：请写明具体情况`]);
  expect(reportRow(id)!.status).toBe("draft");
});

test("a warning the reviewer has not confirmed blocks approval; a reason has a stated minimum", async ({ page, baseURL }) => {
  const b = agencyWithStaff("信任测试乙局", "trust-b");
  const full = cleanReport(2029, b.name);
  // Complete, one warning: 六 does not state the processing fee.
  const doc: ReportDoc = { ...full, narrative: { ...full.narrative, other: "本年度政务公开工作创新按计划推进，无其他需要报告的事项。" } };
  const { id } = putReport(b.id, 2029, "draft", doc, b.drafter);
  const drafter = await apiClient(baseURL!, "trust-b-drafter");
  const preview = await (await drafter.post(`/api/reports/${id}/transition`, { data: { action: "submit", preview: true } })).json();
  expect(preview.warnings.map((w: { rule: string }) => w.rule)).toEqual(["narrative.feeStatement"]);
  const key = preview.warnings[0].key as string;
  // One character is not a reason, and the refusal says what is needed.
  const short = await drafter.post(`/api/reports/${id}/transition`, { data: { action: "submit", acknowledgements: { [key]: "是" } } });
  expect(short.status()).toBe(422);
  expect((await short.json()).error).toMatch(/1 个警告未确认，其中 1 条理由太短.*至少 5 个字/);
  expect((await drafter.post(`/api/reports/${id}/transition`, { data: { action: "submit", acknowledgements: { [key]: "本年度未收取信息处理费，正文漏写" } } })).status()).toBe(200);
  await drafter.dispose();

  await signInAndExpectHome(page, "trust-b-reviewer", "/reports");
  await page.goto(`/reports/${id}`);
  // A reviewer is never told 「可以提交审核」.
  await expect(page.getByTestId("submittable")).toHaveText("没有错误。");
  const panel = await readyPanel(page);
  await panel.getByRole("button", { name: "审核通过" }).click();
  await expect(panel.getByTestId("approve-summary")).toContainText("填报人说明了 1 个警告，您已核实 0 个");
  const item = panel.getByTestId("warning-confirmations").locator("li");
  await expect(item).toContainText("填报人说明：本年度未收取信息处理费，正文漏写");
  await expect(panel.getByRole("button", { name: "确认审核通过" })).toBeDisabled();
  // The server refuses too, whatever the page shows.
  const direct = await page.request.post(`/api/reports/${id}/transition`, { data: { action: "approve", version: reportRow(id)!.version } });
  expect(direct.status()).toBe(422);
  expect((await direct.json()).error).toContain("1 个警告未经审核人核实");
  expect(reportRow(id)!.status).toBe("submitted");

  await item.getByRole("textbox").fill("好");
  await item.getByRole("button", { name: "确认无误" }).click();
  await expect(panel.getByRole("alert")).toContainText("至少 5 个字");
  await item.getByRole("textbox").fill("已与财务台账核对，确未收费");
  await item.getByRole("button", { name: "确认无误" }).click();
  await expect(item).toHaveAttribute("data-confirmed", "yes");
  await expect(panel.getByTestId("approve-summary")).toContainText("您已核实 1 个");
  await panel.getByRole("button", { name: "确认审核通过" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("已通过");
  // 「最后修改」 names the approval and the reviewer.
  await expect(page.getByTestId("last-change")).toContainText("信任测试乙局审核人审核通过");
});

test("an approval of a version the reviewer did not read is refused, with the explanation and what changed", async ({ page, baseURL }) => {
  const c = agencyWithStaff("信任测试丙局", "trust-c");
  const { id } = putReport(c.id, 2030, "draft", cleanReport(2030, c.name), c.drafter);
  const drafter = await apiClient(baseURL!, "trust-c-drafter");
  await submitWithReasons(drafter, id);
  const read = reportRow(id)!.version;

  await signInAndExpectHome(page, "trust-c-reviewer", "/reports");
  await page.goto(`/reports/${id}`);
  const panel = await readyPanel(page);
  await panel.getByRole("button", { name: "审核通过" }).click();
  await expect(panel.getByText(`您审阅的是第 ${read} 版`)).toBeVisible();
  const approve = panel.getByRole("button", { name: "确认审核通过" });
  await expect(approve).toBeEnabled();

  // Meanwhile the drafter withdraws, changes a number and resubmits.
  expect((await drafter.post(`/api/reports/${id}/transition`, { data: { action: "withdraw" } })).status()).toBe(200);
  const current = await (await drafter.get(`/api/reports/${id}`)).json();
  const changed = structuredClone(current.data);
  changed.tables.proactive.licensing.decisions = Number(changed.tables.proactive.licensing.decisions) + 100;
  expect((await drafter.put(`/api/reports/${id}`, { data: { version: current.version, data: changed } })).status()).toBe(200);
  await submitWithReasons(drafter, id);
  await drafter.dispose();
  expect(reportRow(id)!.version).toBeGreaterThan(read);

  await approve.click();
  const alert = panel.getByRole("alert");
  await expect(alert).toContainText(`您审阅的是第 ${read} 版，此后年报已被修改`);
  await expect(alert).toContainText("本次审核通过未执行");
  await expect(panel.getByTestId("version-changes")).toContainText(`${allCells(edition).find((x) => x.ref === "proactive.licensing.decisions")!.label}：`);
  expect(reportRow(id)!.status).toBe("submitted");

  // Read again (reload), then the approval goes through.
  await page.reload();
  await expect(panel).toHaveAttribute("data-hydrated", "yes");
  await panel.getByRole("button", { name: "审核通过" }).click();
  await panel.getByRole("button", { name: "确认审核通过" }).click();
  await expect(page.getByTestId("deadline-banner")).toContainText("已通过");
});

test("the public page, the dashboard and the roll-up never present an incomplete published report as clean", async ({ page, browser }) => {
  const d = agencyWithStaff("信任测试丁局", "trust-d");
  // Published before the completeness gate existed: one blank cell and a bare 「无」 for 五.
  const full = cleanReport(2024, d.name);
  const doc: ReportDoc = { ...full, narrative: { ...full.narrative, problems: "无" } };
  doc.tables.appeals.review!.pending = null;
  const { id } = putReport(d.id, 2024, "published", doc, d.drafter);
  const db = e2eDb();
  if (!db.select().from(reportVersions).where(and(eq(reportVersions.reportId, id), eq(reportVersions.kind, "publish"))).get()) {
    db.insert(reportVersions).values({ reportId: id, reportVersion: 1, kind: "publish", status: "published", data: reportRow(id)!.data, contentHash: "trust" }).run();
  }

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  expect((await visitor.goto("/p/trust-d/2024"))?.status()).toBe(200);
  const notice = visitor.getByTestId("public-incomplete");
  await expect(notice).toContainText("本报告未填写完整（2 处）");
  await expect(notice).toContainText(`「${heading("problems")}」只写了「无」`);
  await expect(notice).toContainText("空白表示未填报，不代表 0");
  await anonymous.close();

  await signInAndExpectHome(page, "supervisor", "/oversight");
  await page.goto(`/oversight?year=2024&q=${encodeURIComponent("信任测试丁局")}`); // the list is paged: a user searches
  const row = page.locator('tr[data-agency="信任测试丁局"]');
  await expect(row).toHaveAttribute("data-complete", "no");
  await expect(row.getByTestId("incomplete-badge")).toContainText("未填写完整（2 处）");
  await expect(page.getByTestId("incomplete-summary")).toContainText("信任测试丁局");

  await page.goto("/oversight/rollup?year=2024&states=published");
  await expect(page.getByTestId("rollup-included")).toContainText("信任测试丁局");
  const verdict = page.getByTestId("rollup-verdict");
  await expect(verdict).toHaveAttribute("data-clean", "no");
  await expect(verdict).toContainText("信任测试丁局（1 个单元格空白）");
  await signOut(page);
});
