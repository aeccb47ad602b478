// 内容雷同 with other agencies' reports of the same year: a published report is a peer (named,
// percentage, highlighted passages, link to its public page); another agency's unpublished draft is
// not — its text never influences, nor leaks into, someone else's report.
import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { reports, reportVersions } from "../db/schema";
import { emptyReport } from "../lib/data";
import { e2eDb, signInAndExpectHome, testAgency } from "./helpers";

const YEAR = 2023;
const PUBLISHED =
  "我局以“阳光水务”建设为抓手，全年在门户网站开设河湖长制、供水水质、防汛抗旱三个专题，逐月公开十七个水厂的出厂水水质检测结果，" +
  "汛期每日发布主要河道水位和水库蓄水信息，累计发布防汛预警信息四十六期，组织“开放水厂”活动八场，邀请市民代表实地查看制水工艺和水质检测流程。";
const DRAFT =
  "本局围绕农机购置补贴政策落实，逐批公示补贴对象名单、机具型号和补贴金额，设立咨询电话和意见箱，对群众反映的问题建立台账逐项核查，" +
  "全年公示补贴信息二十三批次，受理并办结咨询一百一十二件，核查处理举报线索五条，相关结果均在门户网站专栏同步公开接受社会监督。";

function insertReport(agencyId: number, agencyName: string, overview: string, published: boolean) {
  const db = e2eDb();
  const doc = { ...emptyReport(YEAR, agencyName), narrative: { overview, problems: "", other: "" } };
  const data = JSON.stringify(doc);
  const existing = db.select().from(reports).where(and(eq(reports.agencyId, agencyId), eq(reports.year, YEAR))).get();
  if (existing) return existing.id;
  const row = db
    .insert(reports)
    .values({ agencyId, year: YEAR, edition: doc.edition, status: published ? "published" : "draft", data })
    .returning()
    .get();
  if (published) db.insert(reportVersions).values({ reportId: row.id, reportVersion: 1, kind: "publish", status: "published", data, contentHash: "e2e" }).run();
  return row.id;
}

test("a section copied from another agency's published report of the same year is flagged with its name; a draft's text is not", async ({ page }) => {
  const water = testAgency("示范市水务测试局", "sfsswcsj", []);
  const farm = testAgency("示范市农业测试局", "sfsnycsj", []);
  testAgency("示范市同年测试局", "sfstncsj", [{ login: "peer-drafter", role: "drafter" }]);
  insertReport(water, "示范市水务测试局", PUBLISHED, true);
  insertReport(farm, "示范市农业测试局", DRAFT, false);

  await signInAndExpectHome(page, "peer-drafter", "/reports");
  await page.getByLabel("报告年度").selectOption(String(YEAR));
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const reportUrl = page.url();
  // Typing before the editor is hydrated would not reach it.
  await page.waitForLoadState("networkidle");

  // Copy the published text into 一 and the draft's text into 五; the server compares on save.
  await page.locator('[data-cell="narrative.overview"]').fill(`${PUBLISHED}\n今年我们还新增了节水宣传进社区活动。`);
  await page.locator('[data-cell="narrative.problems"]').fill(DRAFT);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  // The page's code arrives slowly (as on a busy office network): the finding is opened from the
  // server's markup before React has taken it over, and must stay open once it has — the editor's
  // first save state announced through a changing context once made React throw that markup away
  // and draw it again, closed.
  const slowCode = /\/_next\/static\/chunks\//;
  await page.route(slowCode, async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.reload({ waitUntil: "commit" });

  const peer = page.getByTestId("peer-similarity-narrative.overview");
  await expect(peer.locator("summary")).toHaveText(/^与示范市水务测试局 2023 年度已公开年报的同一部分重复 \d+%（内容雷同）$/);
  const pct = Number((await peer.locator("summary").textContent())!.match(/重复 (\d+)%/)![1]);
  expect(pct).toBeGreaterThanOrEqual(80);
  expect(pct).toBeLessThan(100);
  await peer.locator("summary").click();
  await peer.evaluate((d) => void ((window as { openedEarly?: Element }).openedEarly = d));
  await expect(page.getByTestId("workflow-panel")).toHaveAttribute("data-hydrated", "yes", { timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await page.unroute(slowCode);
  expect(await peer.evaluate((d) => d === (window as { openedEarly?: Element }).openedEarly && (d as HTMLDetailsElement).open)).toBe(true);
  await expect(peer.getByRole("link", { name: "查看该报告（公开页面）" })).toBeVisible();
  await expect(peer.locator("mark")).toHaveCount(1);
  await expect(peer.locator("mark")).toHaveText(PUBLISHED.slice(0, -1));
  const issue = page.locator('.issue-list li[data-rule="narrative.peerSimilarity"]');
  await expect(issue).toHaveCount(1);
  await expect(issue).toContainText(`「一、总体情况」与示范市水务测试局 2023 年度已公开年报的同一部分重复 ${pct}%`);
  // An unpublished draft of another agency is no peer: nothing about it shows.
  await expect(page.getByTestId("peer-similarity-narrative.problems")).toHaveCount(0);
  await expect(page.getByText("示范市农业测试局")).toHaveCount(0);
  // The warning is among those to verify at submission.
  const panel = page.getByTestId("workflow-panel");
  await panel.getByRole("button", { name: "提交审核" }).click();
  await expect(panel.locator(".wf-warnings")).toContainText("与示范市水务测试局 2023 年度已公开年报的同一部分重复");

  // The named report is public: its link opens the published text.
  const href = await peer.getByRole("link", { name: "查看该报告（公开页面）" }).getAttribute("href");
  expect(href).toBe(`/p/sfsswcsj/${YEAR}`);
  await page.goto(href!);
  await expect(page.getByText(PUBLISHED.slice(0, 30))).toBeVisible();

  // Rewriting the section clears the warning at the next save.
  await page.goto(reportUrl);
  await page.waitForLoadState("networkidle");
  await page.locator('[data-cell="narrative.overview"]').fill(
    "本单位本年度重点推进了政务公开标准化规范化建设，梳理形成本部门公开事项标准目录，覆盖行政许可、行政处罚等八类事项，" +
      "并依托政务服务大厅设置公开专区，为群众查阅提供便利，全年接待现场查阅一百余人次，群众反映良好。",
  );
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId("peer-similarity-narrative.overview")).toHaveCount(0);
  await expect(page.locator('.issue-list li[data-rule="narrative.peerSimilarity"]')).toHaveCount(0);
});
