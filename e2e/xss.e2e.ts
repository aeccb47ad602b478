// Script injection, end to end: text that tries to become markup — <script>, <img onerror>,
// javascript: URLs, "</textarea>", <svg onload>, attribute-breaking quotes, an <iframe srcdoc>,
// WordprocessingML that tries to close the run and open a paragraph, bidi overrides and
// zero-width characters — in every place users or imported files put text: the narratives and
// meta fields of a report (typed in the editor, pasted, saved through the API), the reasons for
// warnings, review comments, an agency's name and a user's display name, and an imported file.
// It must stay inert text in the editor, the workflow panel, the history page, the admin pages,
// the import result, the public page after publishing, the downloaded HTML and the .docx.
//
// "Inert": no dialog opens, no payload sets its window flag, and the DOM holds none of the
// elements the payloads would create (an <img src=x>, an element with an on… attribute, a
// javascript: link, an iframe, a script running payload code). The CSP allows inline scripts
// (Next's hydration needs them), so escaping is the only defence being tested here.
// renderer-level escaping is unit-tested in lib/render/html/html.test.ts; this is the whole app.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import JSZip from "jszip";
import { e2eDb } from "./helpers";
import { apiClient, cleanReport, ensureAgency, ensureUser, putReport, reportRow, reviewAndPublish } from "./support/setup";

const PAYLOADS = [
  `<script>window.__xss="script"</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<img src=x onerror=alert('img2')>`,
  `<a href="javascript:window.__xss='link'">点此查看</a>`,
  `javascript:window.__xss='url'`,
  `</textarea><script>window.__xss='textarea'</script><textarea>`,
  `<svg onload="window.__xss='svg'"><circle r=1 /></svg>`,
  `" onmouseover="window.__xss='attr'" data-x="`,
  `' autofocus onfocus='window.__xss="focus"' x='`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `</title><script>window.__xss='title'</script>`,
  `]]></w:t></w:r></w:p><w:p><w:r><w:t>注入段落</w:t></w:r></w:p><w:p><w:r><w:t>`,
  `\u202e反向文字\u202c、零宽字符\u200b\u200d\u2060与\ufeff字节序标记`,
  `{{constructor.constructor('window.__xss="template"')()}}`,
];
const ALL = PAYLOADS.join("\n");
const AGENCY_NAME = `XSS局<img src=x onerror=alert('agency')>`;
const USER_NAME = `"><svg onload=alert('user')>填报人`;
const YEAR = 2081;

let agencyId: number;
let reportId: number;
let drafter: APIRequestContext;
let reviewer: APIRequestContext;
let admin: APIRequestContext;
let supervisor: APIRequestContext;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  const office = ensureAgency(`XSS主管办<script>alert('office')</script>`, "xss-office");
  agencyId = ensureAgency(AGENCY_NAME, "xss-test", "xss-office");
  const drafterId = ensureUser("xss-drafter", USER_NAME, "drafter", agencyId);
  ensureUser("xss-reviewer", `<img src=x onerror=alert('reviewer')>审核人`, "reviewer", agencyId);
  ensureUser("xss-supervisor", "XSS主管", "supervisor", office);
  reportId = putReport(agencyId, YEAR, "draft", cleanReport(YEAR, AGENCY_NAME), drafterId).id;
  drafter = await apiClient(baseURL!, "xss-drafter");
  reviewer = await apiClient(baseURL!, "xss-reviewer");
  admin = await apiClient(baseURL!, "admin");
  supervisor = await apiClient(baseURL!, "xss-supervisor");
});

test.afterAll(async () => {
  await Promise.all([drafter, reviewer, admin, supervisor].map((c) => c?.dispose()));
});

/** A browser page with the API client's session, recording any dialog. */
async function pageAs(browser: Browser, who: APIRequestContext | null): Promise<{ page: Page; dialogs: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext(who ? { storageState: await who.storageState() } : {});
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs, close: () => context.close() };
}

/** Nothing the payloads carry has run or become markup. */
async function expectInert(page: Page, dialogs: string[], where: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
  const found = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const all = [...document.querySelectorAll("*")];
    return {
      flag: w.__xss ?? null,
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120)),
      // React's own placeholder on forms bound to server actions is the one javascript: URL allowed.
      javascriptUrls: all
        .filter((el) => ["href", "src", "action", "formaction", "xlink:href"].some((n) => /^\s*javascript:(?!throw new Error\('A React form was unexpectedly submitted)/i.test(el.getAttribute(n) ?? "")))
        .map((el) => el.outerHTML.slice(0, 120)),
      frames: document.querySelectorAll("iframe, frame, object, embed").length,
      imgX: document.querySelectorAll('img[src="x"]').length,
      payloadScripts: [...document.scripts].filter((s) => /^\s*(window|parent)\.__xss|^\s*alert\(/.test(s.textContent ?? "")).length,
      injectedSvgs: [...document.querySelectorAll("svg circle")].length,
    };
  });
  expect(found, where).toEqual({ flag: null, handlers: [], javascriptUrls: [], frames: 0, imgX: 0, payloadScripts: 0, injectedSvgs: 0 });
}

const payloadDoc = () => {
  const doc = cleanReport(YEAR, AGENCY_NAME);
  return {
    ...doc,
    narrative: { overview: ALL, problems: PAYLOADS.slice(0, 7).join("\n"), other: PAYLOADS.slice(7).join("\n") },
    meta: { title: `XSS测试${PAYLOADS[10]}年度报告`, preamble: PAYLOADS.slice(0, 4).join("\n"), signature: PAYLOADS[1], date: "2082-01-20" },
  };
};

test("the editor: payloads saved through the API, typed into a narrative and pasted into a cell stay text", async ({ browser }) => {
  const current = await (await drafter.get(`/api/reports/${reportId}`)).json();
  const saved = await drafter.put(`/api/reports/${reportId}`, { data: { version: current.version, data: payloadDoc() } });
  expect(saved.status()).toBe(200);

  const { page, dialogs, close } = await pageAs(browser, drafter);
  await page.goto(`/reports/${reportId}`);
  await expect(page.getByTestId("save-status")).toBeVisible();
  await expectInert(page, dialogs, "editor with saved payloads");
  // Kept exactly as written, markup characters included.
  await expect(page.locator('[data-cell="narrative.overview"]')).toHaveValue(ALL);
  await expect(page.getByTestId("current-user")).toContainText(USER_NAME);

  // Typed through the UI.
  const problems = page.locator('[data-cell="narrative.problems"]');
  await problems.fill(PAYLOADS.slice(5).join("\n"));
  // Inserted as a paste inserts text (IME/clipboard path).
  const other = page.locator('[data-cell="narrative.other"]');
  await other.focus();
  await page.keyboard.press("End");
  await page.keyboard.insertText(`\n${PAYLOADS[0]}${PAYLOADS[6]}`);
  // A payload pasted into the number grid: refused as a number, and the notice shows it as text.
  const cell = page.locator('[data-cell="applications.granted.natural"]');
  await cell.focus();
  await cell.evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    dt.setData("text/html", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, `<img src=x onerror=alert('paste')>\t3\r\n"><svg onload=alert(2)>\t4`);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await expectInert(page, dialogs, "editor after typing and pasting payloads");
  await page.reload();
  await expect(problems).toHaveValue(PAYLOADS.slice(5).join("\n"));
  await expect(other).toHaveValue(`${PAYLOADS.slice(7).join("\n")}\n${PAYLOADS[0]}${PAYLOADS[6]}`);
  await expectInert(page, dialogs, "editor after reload");
  await close();
});

test("the workflow: payloads as warning reasons, confirmations and review comments stay text for drafter and reviewer", async ({ browser }) => {
  // The paste above put numbers into the grid: back to the consistent tables, keeping the payload texts.
  const current = await (await drafter.get(`/api/reports/${reportId}`)).json();
  const put = await drafter.put(`/api/reports/${reportId}`, { data: { version: current.version, data: { ...current.data, tables: cleanReport(YEAR, AGENCY_NAME).tables } } });
  const validation = (await put.json()).validation as { errors: number; issues: { rule: string; cell: string; severity: string }[] };
  expect(validation.errors, JSON.stringify(validation.issues)).toBe(0);
  const keys = validation.issues.filter((i) => i.severity === "warning").map((i) => `${i.rule}|${i.cell}`);
  const acknowledgements = Object.fromEntries(keys.map((k, i) => [k, `${PAYLOADS[i % PAYLOADS.length]}已核实`]));
  expect((await drafter.post(`/api/reports/${reportId}/transition`, { data: { action: "submit", acknowledgements } })).status()).toBe(200);
  if (keys[0]) expect((await reviewer.post(`/api/reports/${reportId}/confirm-warning`, { data: { key: keys[0], reason: `${PAYLOADS[1]}核实无误` } })).status()).toBe(200);

  const asReviewer = await pageAs(browser, reviewer);
  await asReviewer.page.goto(`/reports/${reportId}`);
  await expect(asReviewer.page.getByTestId("workflow-panel")).toBeVisible();
  await expectInert(asReviewer.page, asReviewer.dialogs, "reviewer's view of a submitted report with payload reasons");
  await asReviewer.close();

  expect((await reviewer.post(`/api/reports/${reportId}/transition`, { data: { action: "return", comment: `${PAYLOADS[2]}${PAYLOADS[7]}请修改`, anchor: "narrative.overview" } })).status()).toBe(200);
  const asDrafter = await pageAs(browser, drafter);
  await asDrafter.page.goto(`/reports/${reportId}`);
  const comments = asDrafter.page.getByTestId("review-comments");
  await expect(comments).toContainText(`${PAYLOADS[2]}${PAYLOADS[7]}请修改`);
  await expectInert(asDrafter.page, asDrafter.dialogs, "drafter's view of a payload review comment");
  await asDrafter.close();
});

test("publishing: the public page, the history page and the downloads keep the payloads inert", async ({ browser }) => {
  const validation = (await (await drafter.get(`/api/reports/${reportId}`)).json()).validation as { issues: { rule: string; cell: string; severity: string }[] };
  const acknowledgements = Object.fromEntries(validation.issues.filter((i) => i.severity === "warning").map((i) => [`${i.rule}|${i.cell}`, "已核实，以台账为准"]));
  expect((await drafter.post(`/api/reports/${reportId}/transition`, { data: { action: "submit", acknowledgements } })).status()).toBe(200);
  // A real review: every warning confirmed, the version read approved and published.
  await reviewAndPublish(reviewer, reportId);
  expect(reportRow(reportId)!.status).toBe("published");

  // The public page renders the report body with dangerouslySetInnerHTML: the renderer's escaping is all there is.
  const visitor = await pageAs(browser, null);
  const res = await visitor.page.goto(`/p/xss-test/${YEAR}`);
  expect(res?.status()).toBe(200);
  await expectInert(visitor.page, visitor.dialogs, "public page");
  const body = visitor.page.locator("article.nb-report");
  await expect(body).toContainText(`<script>window.__xss="script"</script>`);
  await expect(body).toContainText(`<img src=x onerror=alert('img2')>`);
  await expect(visitor.page.getByRole("heading", { level: 1 })).toContainText(PAYLOADS[10]!);
  // The title (meta.title) is also the document's <title>: "</title>" in it did not end the element.
  expect(await visitor.page.title()).toContain(PAYLOADS[10]!);
  await visitor.close();

  const history = await pageAs(browser, reviewer);
  await history.page.goto(`/reports/${reportId}/history`);
  await expect(history.page.getByTestId("audit")).toBeVisible();
  await expectInert(history.page, history.dialogs, "history page with snapshots and audit");
  await history.close();

  // The downloaded HTML page, opened in a browser.
  const html = await (await drafter.get(`/api/reports/${reportId}/download?format=html`)).text();
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  const file = await pageAs(browser, null);
  await file.page.setContent(html);
  await expectInert(file.page, file.dialogs, "downloaded HTML");
  await expect(file.page.locator("article.nb-report")).toContainText(`</textarea><script>window.__xss='textarea'</script><textarea>`);

  // The .docx: document.xml is well-formed, the WordprocessingML in the text did not become
  // elements, and the text itself is there.
  const docx = await (await drafter.get(`/api/reports/${reportId}/download?format=docx`)).body();
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  expect(xml).not.toContain("<script");
  expect(xml).toContain("&lt;script&gt;window.__xss=&quot;script&quot;&lt;/script&gt;");
  const parsed = await file.page.evaluate((source) => {
    const d = new DOMParser().parseFromString(source, "application/xml");
    const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const paragraphs = [...d.getElementsByTagNameNS(W, "p")].map((p) => [...p.getElementsByTagNameNS(W, "t")].map((t) => t.textContent).join(""));
    return { error: d.getElementsByTagName("parsererror").length, paragraphs, foreign: [...d.getElementsByTagName("*")].filter((e) => e.namespaceURI === null || /script|iframe|svg/i.test(e.localName)).length };
  }, xml);
  expect(parsed.error, "document.xml is not well-formed").toBe(0);
  expect(parsed.foreign).toBe(0);
  expect(parsed.paragraphs, "the injected paragraph became a real one").not.toContain("注入段落");
  expect(parsed.paragraphs).toContain(PAYLOADS[11]);
  expect(parsed.paragraphs).toContain(PAYLOADS[0]);
  await file.close();
});

test("names and imports: an agency and a user named with markup, and an imported file full of it, stay text", async ({ browser }) => {
  const asAdmin = await pageAs(browser, admin);
  for (const path of ["/admin", "/admin/agencies", "/admin/users", "/reports"]) {
    await asAdmin.page.goto(path);
    await expectInert(asAdmin.page, asAdmin.dialogs, `admin ${path}`);
  }
  await expect(asAdmin.page.getByTestId("report-list")).toContainText(AGENCY_NAME);
  await asAdmin.close();

  const asSupervisor = await pageAs(browser, supervisor);
  await asSupervisor.page.goto(`/oversight?q=${encodeURIComponent("XSS局")}`); // the list is paged: a user searches
  await expect(asSupervisor.page.getByTestId("oversight-list")).toContainText(AGENCY_NAME);
  await expectInert(asSupervisor.page, asSupervisor.dialogs, "supervisor's oversight page");
  await asSupervisor.close();

  // An imported text report whose lines are payloads: the importer's notes quote them back.
  const asDrafter = await pageAs(browser, drafter);
  await asDrafter.page.goto("/reports");
  await asDrafter.page.getByText("导入已发布的年报（Word、PDF、网页或文本）").click();
  const text = `某局2079年政府信息公开工作年度报告\n${ALL}\n一、总体情况\n${PAYLOADS[5]}\n二、主动公开政府信息情况\n${PAYLOADS[1]} | 3 | 4\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n`;
  await asDrafter.page.getByLabel("已发布的年报文件（.docx、.pdf、.html 或 .txt）").setInputFiles({ name: `${PAYLOADS[2]}.txt`, mimeType: "text/plain", buffer: Buffer.from(text) });
  await asDrafter.page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(asDrafter.page.getByTestId("import-result").or(asDrafter.page.locator("form [role=alert]"))).toBeVisible();
  await expectInert(asDrafter.page, asDrafter.dialogs, "import result");
  await asDrafter.close();
  // Leave nothing behind for a re-run.
  e2eDb().$client.prepare("delete from reports where agency_id = ? and year = 2079").run(agencyId);
});
