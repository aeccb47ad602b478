// Issue 16 §4 and §5: accounts (own password; an admin-set password changed at the next sign-in,
// enforced by the server; name/role/agency edited and audited; 停用 confirmed; the last admin kept)
// and onboarding a county from the template (dry run listing every row's problem, then one
// transaction; 2,000 rows).
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { eq, like } from "drizzle-orm";
import { agencies, users } from "../db/schema";
import { e2eDb, signIn, signInAndExpectHome, signOut, testAgency, watchErrors } from "./helpers";
import { ensureUser } from "./support/setup";

async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}


const run = Date.now().toString(36);
const userRow = (page: Page, login: string) => page.getByTestId("user-list").getByRole("row").filter({ has: page.locator("code", { hasText: new RegExp(`^${login}$`) }) });

test.use({ viewport: { width: 1366, height: 768 } });

test("accounts: an admin-set password must be changed first (server-side); edits are audited; 停用 asks first; the last admin stays", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const agencyId = testAgency("示范市账号测试局", "sfszhcsj", []);
  const login = `acct-${run}`;
  await signInAndExpectHome(page, "admin", "/admin");
  await page.getByRole("link", { name: "用户管理" }).click();
  const create = page.getByRole("region", { name: "新建用户" });
  await create.getByLabel("用户名").fill(login);
  await create.getByLabel("姓名").fill("周八");
  await create.getByLabel("角色").selectOption({ label: "填报人" });
  await create.getByLabel("所属单位").selectOption({ label: "示范市账号测试局" });
  await create.getByLabel(/初始密码/).fill("Start2026pw");
  await create.getByRole("button", { name: "创建" }).click();
  await expect(create.getByRole("status")).toHaveText(`已创建用户「${login}」`);
  await expect(userRow(page, login)).toContainText("待本人修改密码");
  await axeClean(page);

  // The new user: only 修改密码 until the admin's password is replaced — pages, actions and the API.
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const user = await ctx.newPage();
  const userErrors = watchErrors(user);
  await signIn(user, login, "Start2026pw");
  await expect(user).toHaveURL(/\/account\/password$/);
  await expect(user.getByTestId("must-change")).toBeVisible();
  await user.goto("/reports");
  await expect(user).toHaveURL(/\/account\/password$/);
  const api = await user.request.get("/api/reports/0");
  expect(api.status()).toBe(403);
  expect((await api.json()).error).toBe("请先修改初始密码");
  await axeClean(user);
  await user.getByLabel("当前密码").fill("Start2026pw");
  await user.getByLabel("新密码", { exact: true }).fill("Mine2026pw");
  await user.getByLabel("再次输入新密码").fill("Mine2026pw");
  await user.getByRole("button", { name: "修改密码" }).click();
  await expect(user).toHaveURL(/\/reports$/);

  // The admin resets it: changed again at the next sign-in; the user's session ends at once.
  await page.reload();
  await userRow(page, login).getByLabel(`${login} 的新密码`).fill("Reset2026pw");
  await userRow(page, login).getByRole("button", { name: "重置密码" }).click();
  await expect(userRow(page, login).getByRole("status")).toHaveText(`已重置「${login}」的密码`);
  await user.goto("/reports");
  await expect(user).toHaveURL(/\/login/);
  await signIn(user, login, "Reset2026pw");
  await expect(user).toHaveURL(/\/account\/password$/);
  await expect(user.getByTestId("must-change")).toBeVisible();
  // Their own change, voluntarily, later: the same page without the notice.
  await user.getByLabel("当前密码").fill("Reset2026pw");
  await user.getByLabel("新密码", { exact: true }).fill("Again2026pw");
  await user.getByLabel("再次输入新密码").fill("Again2026pw");
  await user.getByRole("button", { name: "修改密码" }).click();
  await expect(user).toHaveURL(/\/reports$/);
  await user.getByRole("link", { name: "修改密码" }).click();
  await expect(user.getByTestId("must-change")).toHaveCount(0);
  expect(userErrors).toEqual([]);
  await ctx.close();

  // Edit name and role (audited, readable in 操作记录).
  await page.reload();
  const row = userRow(page, login);
  await row.getByRole("button", { name: "编辑" }).click();
  await row.getByLabel("姓名").fill("周八（已调岗）");
  await row.getByLabel("角色").selectOption({ label: "审核人" });
  await row.getByRole("button", { name: "保存修改" }).click();
  await expect(row.getByRole("status")).toHaveText(`已保存「${login}」的修改`);
  const stored = e2eDb().select().from(users).where(eq(users.login, login)).get()!;
  expect(stored).toMatchObject({ displayName: "周八（已调岗）", role: "reviewer", agencyId });
  await page.goto("/admin/audit?event=user.update");
  await expect(page.getByTestId("audit").locator("tbody tr").first()).toContainText("姓名：周八 → 周八（已调岗）");
  await expect(page.getByTestId("audit").locator("tbody tr").first()).toContainText("角色：填报人 → 审核人");

  // 停用 asks first; 取消 keeps the account.
  await page.goto("/admin/users");
  await userRow(page, login).getByRole("button", { name: "停用" }).click();
  await expect(userRow(page, login)).toContainText(`确定停用「周八（已调岗）（${login}）」？`);
  await userRow(page, login).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("users-confirm-disable-1366.png") });
  await userRow(page, login).getByRole("button", { name: "取消" }).click();
  expect(e2eDb().select().from(users).where(eq(users.login, login)).get()!.active).toBe(true);
  await userRow(page, login).getByRole("button", { name: "停用" }).click();
  await userRow(page, login).getByRole("button", { name: "确认停用" }).click();
  await expect(userRow(page, login).getByRole("status")).toHaveText(`已停用「${login}」`);
  expect(e2eDb().select().from(users).where(eq(users.login, login)).get()!.active).toBe(false);

  // The last usable admin: a second admin disables the first, then cannot demote or disable itself.
  const second = `admin-${run}`;
  const secondId = ensureUser(second, "第二管理员", "admin", null);
  const adminId = e2eDb().select().from(users).where(eq(users.login, "admin")).get()!.id;
  await signOut(page);
  try {
    await signInAndExpectHome(page, second, "/admin");
    await page.goto("/admin/users?q=admin");
    await userRow(page, "admin").getByRole("button", { name: "停用" }).click();
    await userRow(page, "admin").getByRole("button", { name: "确认停用" }).click();
    await expect(userRow(page, "admin").getByRole("status")).toHaveText("已停用「admin」");
    await page.reload();
    const me = userRow(page, second);
    await me.getByRole("button", { name: "编辑" }).click();
    await me.getByLabel("角色").selectOption({ label: "审核人" });
    await me.getByLabel("所属单位").selectOption({ label: "示范市账号测试局" });
    await me.getByRole("button", { name: "保存修改" }).click();
    await expect(me.getByRole("alert")).toHaveText("这是最后一个可用的系统管理员账号，不能改为其他角色");
    await page.reload();
    await me.getByRole("button", { name: "停用" }).click();
    await me.getByRole("button", { name: "确认停用" }).click();
    await expect(me.getByRole("alert")).toHaveText("不能停用自己的账号");
    expect(e2eDb().select().from(users).where(eq(users.id, secondId)).get()).toMatchObject({ active: true, role: "admin" });
  } finally {
    e2eDb().update(users).set({ active: true }).where(eq(users.id, adminId)).run();
    e2eDb().update(users).set({ active: false }).where(eq(users.id, secondId)).run();
  }
  expect(errors).toEqual([]);
});

/** A county workbook: `n` agencies (an office under the demo city office, the rest under it) and two users for each of the first `u` bureaus. */
async function countyWorkbook(prefix: string, n: number, u: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("单位");
  a.addRow(["单位名称*", "单位代码*", "上级单位代码"]);
  a.addRow([`${prefix}县人民政府办公室`, `${prefix}-office`, "sfszfb"]);
  for (let i = 1; i < n; i++) a.addRow([`${prefix}县第${i}局`, `${prefix}-${i}`, `${prefix}-office`]);
  const s = wb.addWorksheet("用户");
  s.addRow(["用户名*", "姓名*", "角色*", "所属单位代码"]);
  for (let i = 1; i <= u; i++) {
    s.addRow([`${prefix}-${i}-tb`, `填报人${i}`, "填报人", `${prefix}-${i}`]);
    s.addRow([`${prefix}-${i}-sh`, `审核人${i}`, "审核人", `${prefix}-${i}`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("onboarding a county: template, a dry run listing every row's problem, then 2,000 agencies and 400 users in one import", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const prefix = `ob${run}`;
  await signInAndExpectHome(page, "admin", "/admin");
  await page.getByRole("link", { name: "批量导入单位和用户" }).click();
  await expect(page).toHaveURL(/\/admin\/onboarding$/);
  await axeClean(page);

  // The template downloads and holds the two sheets with their headers.
  const [tpl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载 Excel 模板（.xlsx）" }).click()]);
  expect(tpl.suggestedFilename()).toBe("单位和用户导入模板.xlsx");
  const twb = new ExcelJS.Workbook();
  await twb.xlsx.readFile(await tpl.path());
  expect(twb.worksheets.map((w) => w.name)).toEqual(["单位", "用户", "说明"]);
  expect((twb.getWorksheet("单位")!.getRow(1).values as unknown[]).filter(Boolean)).toEqual(["单位名称*", "单位代码*", "上级单位代码"]);
  const [csvTpl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "用户模板（.csv）" }).click()]);
  expect(await readFile(await csvTpl.path(), "utf8")).toBe("\ufeff用户名,姓名,角色,所属单位代码\r\n");

  // A file with problems: every row's problem, in Chinese, and nothing written.
  const before = e2eDb().select().from(agencies).all().length;
  const bad = ["单位名称,单位代码,上级单位代码", `${prefix}甲局,${prefix}-jia,`, `${prefix}甲局,${prefix}-jia2,`, `${prefix}乙局,${prefix}-yi,nosuch`, `${prefix}丙局,${prefix}-bing,${prefix}-ding`, `${prefix}丁局,${prefix}-ding,${prefix}-bing`].join("\r\n");
  await page.getByLabel(/导入文件/).setInputFiles({ name: "单位.csv", mimeType: "text/csv", buffer: Buffer.from(bad, "utf8") });
  await page.getByRole("button", { name: "检查（不写入）" }).click();
  const problems = page.getByTestId("problems");
  await expect(page.getByRole("heading", { name: "发现 4 个问题，未写入任何数据" })).toBeVisible();
  await expect(problems.locator("tbody tr")).toHaveText([
    `单位第 3 行单位名称「${prefix}甲局」与第 2 行重复`,
    `单位第 4 行上级单位代码「nosuch」不存在：既不在本表中，也不是系统中已有的单位`,
    `单位第 5 行上下级关系成环：${prefix}-bing → ${prefix}-ding → ${prefix}-bing`,
    `单位第 6 行上下级关系成环：${prefix}-bing → ${prefix}-ding → ${prefix}-bing`,
  ]);
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath("onboarding-problems-1366.png"), fullPage: true });
  expect(e2eDb().select().from(agencies).all().length).toBe(before);
  await axeClean(page);

  // 2,000 agencies and 400 users: the dry run, then the import.
  const book = await countyWorkbook(prefix, 2000, 200);
  await page.getByLabel(/导入文件/).setInputFiles({ name: "县.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: book });
  let t0 = Date.now();
  await page.getByRole("button", { name: "检查（不写入）" }).click();
  await expect(page.getByTestId("check-ok")).toContainText("检查通过：将新建 2000 个单位、400 个用户", { timeout: 60_000 });
  console.log(`onboarding dry run of 2,000 agencies + 400 users (${Math.round(book.length / 1000)} KB .xlsx) in the browser: ${Date.now() - t0} ms`);
  expect(e2eDb().select().from(agencies).where(like(agencies.code, `${prefix}-%`)).all()).toHaveLength(0);
  await axeClean(page);
  t0 = Date.now();
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByTestId("commit-ok")).toContainText("已导入 2000 个单位、400 个用户", { timeout: 120_000 });
  console.log(`onboarding import of 2,000 agencies + 400 users: ${Date.now() - t0} ms`);
  const created = e2eDb().select().from(agencies).where(like(agencies.code, `${prefix}-%`)).all();
  expect(created).toHaveLength(2000);
  const office = created.find((c) => c.code === `${prefix}-office`)!;
  expect(created.filter((c) => c.parentId === office.id)).toHaveLength(1999);
  const [list] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载账号开通清单（CSV）" }).click()]);
  const lines = (await readFile(await list.path(), "utf8")).replace(/^\ufeff/, "").trim().split("\r\n");
  expect(lines[0]).toBe("用户名,姓名,角色,所属单位,初始密码");
  expect(lines).toHaveLength(401);
  const [login, , role, agencyName, password] = lines[1]!.split(",");
  expect([role, agencyName]).toEqual(["填报人", `${prefix}县第1局`]);
  await axeClean(page);

  // The same file again: every row now exists — refused row by row, nothing written twice.
  await page.getByRole("button", { name: "检查（不写入）" }).click();
  await expect(page.getByRole("heading", { name: /发现 \d+ 个问题，未写入任何数据/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("problems").locator("tbody tr").first()).toContainText(`单位名称「${prefix}县人民政府办公室」在系统中已存在`);

  // A new account signs in with its generated password and must choose its own first.
  const ctx = await browser.newContext();
  const user = await ctx.newPage();
  await signIn(user, login!, password!);
  await expect(user).toHaveURL(/\/account\/password$/);
  await expect(user.getByTestId("must-change")).toBeVisible();
  await ctx.close();
  // The import is one readable entry of 操作记录.
  await page.goto("/admin/audit?event=onboarding.import");
  await expect(page.getByTestId("audit").locator("tbody tr").first()).toContainText("新建单位 2000 个");
  expect(errors).toEqual([]);
});
