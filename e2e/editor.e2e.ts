import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { agencies, reports } from "../db/schema";
import { e2eDb, signInAndExpectHome, signOut } from "./helpers";

const cell = (page: Page, ref: string) => page.locator(`[data-cell="${ref}"]`);

async function openReport(page: Page, year: number): Promise<number> {
  await page.goto("/reports");
  await page.getByLabel("报告年度").selectOption(String(year));
  await page.getByRole("button", { name: "新建 / 打开" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  await expect(page.getByTestId("save-status")).toBeVisible();
  return Number(page.url().split("/").pop());
}

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

test.describe("guided report editor", () => {
  test("a drafter creates the 2024 report, breaks and fixes the balance rule, and the data persists", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    const id = await openReport(page, 2024);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("示范市应急管理局2024年政府信息公开工作年度报告");
    await expect(page.getByTestId("deadline-banner")).toContainText("2025年1月31日");
    // Opening the same year again opens the same report instead of creating a second one.
    expect(await openReport(page, 2024)).toBe(id);

    await cell(page, "applications.received.natural").fill("10");
    await cell(page, "applications.carriedOver.natural").fill("0");
    await cell(page, "applications.granted.natural").fill("6");
    await cell(page, "applications.carriedForward.natural").fill("1");
    // 10 + 0 ≠ 6 + 1: the balance rule of the 自然人 column fails, shown at once on its cells.
    const balance = page.locator('.issue-list li[data-rule="applications.balance"]').first();
    await expect(balance).toContainText("表三「自然人」列");
    await expect(balance).toContainText("差 3");
    await expect(cell(page, "applications.received.natural")).toHaveClass(/sev-error/);
    await expect(cell(page, "applications.carriedForward.natural")).toHaveClass(/sev-error/);
    await expect(cell(page, "applications.granted.commercial")).not.toHaveClass(/sev-error/);
    // Totals are computed live and read-only.
    await expect(cell(page, "applications.received.total")).toHaveText("10");
    await expect(cell(page, "applications.handledTotal.natural")).toHaveText("6");
    await expect(page.getByTestId("submittable")).toContainText("存在错误");

    // Clicking the issue focuses the cell it is about.
    await balance.getByRole("button").click();
    await expect(cell(page, "applications.carriedForward.natural")).toBeFocused();

    await cell(page, "applications.carriedForward.natural").fill("4");
    await expect(page.locator('.issue-list li[data-rule="applications.balance"]')).toHaveCount(0);
    await waitSaved(page);
    await expect(page.getByTestId("server-validation")).toContainText("0 个错误");

    await page.reload();
    await expect(cell(page, "applications.received.natural")).toHaveValue("10");
    await expect(cell(page, "applications.carriedForward.natural")).toHaveValue("4");
    await expect(cell(page, "applications.carriedOver.commercial")).toHaveValue("");
    await expect(page.locator('.issue-list li[data-rule="applications.balance"]')).toHaveCount(0);
    await expect(page.getByTestId("submittable")).toContainText("没有错误");

    // What the server stored: the typed cells, totals recomputed by the server.
    const row = e2eDb().select().from(reports).where(eq(reports.id, id)).get()!;
    const stored = JSON.parse(row.data);
    expect(stored.tables.applications.received).toMatchObject({ natural: 10, commercial: null, total: 10 });
    expect(stored.tables.applications.handledTotal.natural).toBe(6);
  });

  test("number entry: full-width digits accepted, anything else refused inline in Chinese", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await openReport(page, 2024);
    await cell(page, "appeals.review.upheld").fill("１２");
    await expect(cell(page, "appeals.review.total")).toHaveText("12");
    await cell(page, "appeals.review.corrected").fill("两件");
    await expect(page.locator(".cell-msg").first()).toHaveText("请输入整数，如 12");
    await expect(cell(page, "appeals.review.corrected")).toHaveAttribute("aria-invalid", "true");
    await cell(page, "appeals.review.corrected").fill("1,000");
    await expect(cell(page, "appeals.review.total")).toHaveText("1012");
    await expect(page.locator(".cell-msg")).toHaveCount(0);
  });

  test("keyboard: Enter and arrows move between cells like a spreadsheet", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await openReport(page, 2024);
    await cell(page, "applications.granted.natural").focus();
    await page.keyboard.type("3");
    await page.keyboard.press("Enter");
    await expect(cell(page, "applications.partiallyGranted.natural")).toBeFocused();
    await page.keyboard.type("2");
    await page.keyboard.press("ArrowRight");
    await expect(cell(page, "applications.partiallyGranted.commercial")).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(cell(page, "applications.granted.commercial")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(cell(page, "applications.granted.research")).toBeFocused();
    await expect(cell(page, "applications.granted.natural")).toHaveValue("3");
  });

  test("each table row's cells are a small form of their own, outside the editor's form, and Enter in them never submits a form", async ({ page }) => {
    // Chromium's autofill reads the whole form of a text field after every keystroke in it: with
    // ~200 cells in one form that held up a quick typist's next key by a frame (table-grid.tsx).
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await openReport(page, 2024);
    await expect(page.locator("form.editor-form")).toHaveAttribute("data-live", "1");
    const forms = await page.evaluate(() => {
      const editor = document.querySelector<HTMLFormElement>("form.editor-form")!;
      const cells = [...editor.querySelectorAll<HTMLInputElement>("input[data-cell]")].filter((i) => /^(proactive|applications|appeals)\./.test(i.dataset.cell!));
      const owners = new Set(cells.map((i) => i.form));
      return {
        cells: cells.length,
        inEditorForm: [...editor.elements].filter((e) => cells.includes(e as HTMLInputElement)).length,
        ownerless: cells.filter((i) => !i.form).length,
        largest: Math.max(...[...owners].map((f) => f?.elements.length ?? 0)),
        smallest: [...owners].sort((a, b) => (a?.elements.length ?? 0) - (b?.elements.length ?? 0))[0]?.id ?? "",
        // The narratives and the meta fields stay in the editor's form (with the totals' <output>s,
        // which autofill does not read).
        editorFields: [...editor.elements].filter((e) => e.matches("input, textarea, select")).length,
      };
    });
    expect(forms.cells).toBeGreaterThan(150);
    expect(forms.inEditorForm).toBe(0);
    expect(forms.ownerless).toBe(0);
    // A row of the widest table (表三: 7 applicant columns in the 2021 edition) and its totals.
    expect(forms.largest).toBeLessThanOrEqual(16);
    expect(forms.editorFields).toBeGreaterThan(0);
    expect(forms.editorFields).toBeLessThan(30);

    // Enter in the row form with the fewest cells (one cell: the case where a browser would submit
    // it) moves on or stays; the page is not reloaded or navigated.
    await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 1));
    const url = page.url();
    const first = page.locator(`input[form="${forms.smallest}"]`).first();
    await first.focus();
    await page.keyboard.type("4");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(first).toHaveValue("4");
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);
  });

  test("pasting a tab-separated block from a spreadsheet fills the grid and says what was ignored", async ({ page }) => {
    await signInAndExpectHome(page, "shengtai-drafter", "/reports");
    await openReport(page, 2024);
    const target = cell(page, "applications.granted.natural");
    await target.focus();
    // Two rows of 7 columns as copied from Excel, 总计 column included.
    await target.evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", "1\t2\t3\t4\t5\t6\t21\r\n0\t1\t0\t0\t0\t0\t1\r\n");
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId("editor-notice")).toContainText("已粘贴 12 个单元格；忽略 2 个自动计算的合计单元格");
    await expect(cell(page, "applications.granted.natural")).toHaveValue("1");
    await expect(cell(page, "applications.granted.otherOrg")).toHaveValue("6");
    await expect(cell(page, "applications.partiallyGranted.commercial")).toHaveValue("1");
    await expect(cell(page, "applications.granted.total")).toHaveText("21");
    await expect(cell(page, "applications.handledTotal.total")).toHaveText("22");
    await waitSaved(page);
  });

  test("a second browser editing the same report gets the conflict explanation, not an overwrite", async ({ browser }) => {
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pa = await a.newPage();
    const pb = await b.newPage();
    await signInAndExpectHome(pa, "jiaotong-drafter", "/reports");
    await signInAndExpectHome(pb, "jiaotong-drafter", "/reports");
    const id = await openReport(pa, 2024);
    expect(await openReport(pb, 2024)).toBe(id);

    await cell(pa, "appeals.review.upheld").fill("5");
    await waitSaved(pa);
    await cell(pb, "appeals.review.pending").fill("9");
    const dialog = pb.getByTestId("conflict-dialog");
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    // The same account in two browsers: the newer version is the user's own, not 「他人」's.
    await expect(dialog).toContainText("您在另一个窗口或标签页中");
    await expect(dialog).not.toContainText("他人");
    await expect(pb.getByTestId("conflict-theirs")).toContainText("表四");
    await expect(pb.getByTestId("conflict-theirs")).toContainText("→ 5");
    await expect(pb.getByTestId("save-status")).toHaveAttribute("data-state", "conflict");

    // The server kept A's version; B's edit was not written.
    const agency = e2eDb().select().from(agencies).where(eq(agencies.code, "sfsjtysj")).get()!;
    const stored = JSON.parse(e2eDb().select().from(reports).where(and(eq(reports.agencyId, agency.id), eq(reports.year, 2024))).get()!.data);
    expect(stored.tables.appeals.review).toMatchObject({ upheld: 5, pending: null });

    await dialog.getByRole("button", { name: "载入对方的版本（放弃我的修改）" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(cell(pb, "appeals.review.upheld")).toHaveValue("5");
    await expect(cell(pb, "appeals.review.pending")).toHaveValue("");
    await a.close();
    await b.close();
  });

  test("unsaved edits survive a reload and are offered back", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await openReport(page, 2024);
    // The server is unreachable: the save fails and retries, the edit stays in the browser.
    await page.route(/\/api\/reports\/\d+$/, (route) => (route.request().method() === "PUT" ? route.abort("connectionrefused") : route.continue()));
    await cell(page, "proactive.licensing.decisions").fill("321");
    await expect(page.getByTestId("save-status")).toContainText("保存失败，正在重试", { timeout: 15_000 });
    await page.unroute(/\/api\/reports\/\d+$/);
    page.on("dialog", (d) => void d.accept());
    await page.reload();
    await expect(page.getByTestId("restore-banner")).toBeVisible();
    await expect(cell(page, "proactive.licensing.decisions")).toHaveValue("");
    await page.getByRole("button", { name: "恢复这些修改" }).click();
    await expect(cell(page, "proactive.licensing.decisions")).toHaveValue("321");
    await waitSaved(page);
    await page.reload();
    await expect(cell(page, "proactive.licensing.decisions")).toHaveValue("321");
    await expect(page.getByTestId("restore-banner")).toHaveCount(0);
  });

  test("the server refuses invalid documents with a Chinese 422 and keeps the last good version", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    const id = await openReport(page, 2024);
    const before = await (await page.request.get(`/api/reports/${id}`)).json();
    const bad = structuredClone(before.data);
    bad.tables.applications.received.natural = "十";
    const res = await page.request.put(`/api/reports/${id}`, { data: { version: before.version, data: bad } });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error).toContain("tables.applications.received.natural");
    expect(body.error).toContain("未保存");
    const after = await (await page.request.get(`/api/reports/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.data).toEqual(before.data);

    // A tampered client total is not trusted: the server recomputes it.
    const tampered = structuredClone(before.data);
    tampered.tables.appeals.litigationDirect.upheld = 2;
    tampered.tables.appeals.litigationDirect.total = 99;
    const saved = await page.request.put(`/api/reports/${id}`, { data: { version: before.version, data: tampered } });
    expect(saved.status()).toBe(200);
    const again = await (await page.request.get(`/api/reports/${id}`)).json();
    expect(again.data.tables.appeals.litigationDirect.total).toBe(2);
  });

  test("other roles and agencies cannot save: reviewer read-only, other agency 404", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    const id = await openReport(page, 2024);
    const current = await (await page.request.get(`/api/reports/${id}`)).json();
    await signOut(page);

    await signInAndExpectHome(page, "yingji-reviewer", "/reports");
    await page.goto(`/reports/${id}`);
    await expect(cell(page, "applications.received.natural")).toHaveAttribute("readonly", "");
    const asReviewer = await page.request.put(`/api/reports/${id}`, { data: { version: current.version, data: current.data } });
    expect(asReviewer.status()).toBe(403);
    await signOut(page);

    await signInAndExpectHome(page, "shengtai-drafter", "/reports");
    const asOther = await page.request.put(`/api/reports/${id}`, { data: { version: current.version, data: current.data } });
    expect(asOther.status()).toBe(404);
    expect((await page.request.get(`/api/reports/${id}`)).status()).toBe(403);
  });

  test("rolling forward shows last year's text as reference and flags a copied section (内容雷同)", async ({ page }) => {
    await signInAndExpectHome(page, "jiaotong-drafter", "/reports");
    const lastId = await openReport(page, 2021);
    const last = await (await page.request.get(`/api/reports/${lastId}`)).json();
    const lastText =
      "本局坚持以公开为常态、不公开为例外，围绕群众关切推进交通运输领域政务公开，完善主动公开目录，规范依申请公开办理流程，确保答复及时准确。\n" +
      "同时加强政府信息管理，落实信息发布保密审查制度，定期清理规范性文件，及时更新公开指南和公开目录，保证公开信息准确完整。";
    const doc = structuredClone(last.data);
    doc.narrative.overview = lastText;
    doc.tables.applications.carriedForward.natural = 2;
    expect((await page.request.put(`/api/reports/${lastId}`, { data: { version: last.version, data: doc } })).status()).toBe(200);

    await openReport(page, 2022);
    // Carried over from last year's 结转下年度; the narrative is not copied but shown as a reference.
    await expect(cell(page, "applications.carriedOver.natural")).toHaveValue("2");
    await expect(page.locator('[data-cell="narrative.overview"]')).toHaveValue("");
    await expect(page.getByTestId("last-year-overview")).toContainText("2021 年度报告此部分");
    await page.locator('[data-cell="narrative.overview"]').fill(lastText);
    await expect(page.getByTestId("similarity-narrative.overview")).toContainText("与上年报告同一部分重复 100%（内容雷同）");
    await expect(page.locator('.issue-list li[data-rule="narrative.similarity"]')).toContainText("「一、总体情况」与上年报告同一部分重复 100%");
  });
});
