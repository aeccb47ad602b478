import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { agencies, reports } from "../db/schema";
import { e2eDb, formError, signIn, signInAndExpectHome, signOut } from "./helpers";

test.describe("sign-in and home pages", () => {
  for (const [login, home, roleLabel] of [
    ["yingji-drafter", "/reports", "填报人"],
    ["yingji-reviewer", "/reports", "审核人"],
    ["supervisor", "/oversight", "主管部门"],
    ["admin", "/admin", "系统管理员"],
  ] as const) {
    test(`${login} signs in and lands on ${home}`, async ({ page }) => {
      await signInAndExpectHome(page, login, home);
      await expect(page.getByTestId("current-user")).toContainText(roleLabel);
    });
  }

  test("wrong password gives a Chinese message and stays on the sign-in page", async ({ page }) => {
    await signIn(page, "shengtai-drafter", "wrong-password-1");
    await expect(formError(page)).toHaveText("用户名或密码错误");
    await expect(page).toHaveURL(/\/login/);
  });

  test("repeated failures for one login are throttled", async ({ page }) => {
    const login = `nobody-${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await signIn(page, login, "wrong-password-1");
      await expect(formError(page)).toBeVisible();
    }
    await expect(formError(page)).toContainText("登录失败次数过多");
    // Even the right password of a real account would now be refused for this login name; the
    // lock is per login, so another account is unaffected.
    await signInAndExpectHome(page, "jiaotong-drafter", "/reports");
  });

  test("unauthenticated visitors are sent to sign-in", async ({ page }) => {
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login/);
  });

  test("sign-out ends the session", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-reviewer", "/reports");
    await signOut(page);
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/login/);
  });

  test("退出登录 works at once, before the page's scripts have run (a plain form post, not a queued server action)", async ({ browser }) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signInAndExpectHome(page, "jiaotong-reviewer", "/reports");
    // The page as a loaded office PC shows it before hydration: no script has run.
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.goto("/reports");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/, { timeout: 5_000 });
    await page.unroute("**/_next/static/**/*.js");
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/login/);
    await ctx.close();
  });

  test("退出所有设备 ends the sessions in every browser", async ({ browser }) => {
    const a = await (await browser.newContext()).newPage();
    const b = await (await browser.newContext()).newPage();
    await signInAndExpectHome(a, "jiaotong-reviewer", "/reports");
    await signInAndExpectHome(b, "jiaotong-reviewer", "/reports");
    await a.getByRole("button", { name: "退出所有设备" }).click();
    await expect(a).toHaveURL(/\/login/);
    await b.goto("/reports");
    await expect(b).toHaveURL(/\/login/);
    await a.context().close();
    await b.context().close();
  });
});

test.describe("authorization is enforced by the server", () => {
  test("a drafter cannot open another agency's report, nor see it listed", async ({ page }) => {
    const db = e2eDb();
    const other = db.select().from(agencies).where(eq(agencies.code, "sfssthjj")).get()!;
    const report = db
      .insert(reports)
      .values({ agencyId: other.id, year: 2019, edition: "2019", data: JSON.stringify({ format: "nianbao/report@1" }) })
      .onConflictDoUpdate({ target: [reports.agencyId, reports.year], set: { edition: "2019" } })
      .returning()
      .get();

    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    await expect(page.getByText(other.name)).toHaveCount(0);
    const res = await page.goto(`/reports/${report.id}`);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: /无权访问/ })).toBeVisible();
    await expect(page.getByText(other.name)).toHaveCount(0);

    // The owning agency's drafter and the supervising office do see it.
    await page.goto("/reports");
    await signOut(page);
    await signInAndExpectHome(page, "shengtai-drafter", "/reports");
    expect((await page.goto(`/reports/${report.id}`))?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(other.name);
    await signOut(page);
    await signInAndExpectHome(page, "supervisor", "/oversight");
    expect((await page.goto(`/reports/${report.id}`))?.status()).toBe(200);
  });

  test("a drafter gets 403 on the admin pages", async ({ page }) => {
    await signInAndExpectHome(page, "yingji-drafter", "/reports");
    for (const path of ["/admin", "/admin/agencies", "/admin/users", "/oversight"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
    }
    await expect(page.getByRole("link", { name: "系统管理" })).toHaveCount(0);
  });

  test("a supervisor gets 403 on the admin pages", async ({ page }) => {
    await signInAndExpectHome(page, "supervisor", "/oversight");
    expect((await page.goto("/admin/users"))?.status()).toBe(403);
  });
});

test.describe("administration", () => {
  test("admin creates an agency and a user; a disabled user can no longer sign in", async ({ page }) => {
    const suffix = String(Date.now()).slice(-6);
    await signInAndExpectHome(page, "admin", "/admin");
    await page.goto("/admin/agencies");
    const agencyName = `示范市测试局${suffix}`;
    await page.getByLabel("单位名称").fill(agencyName);
    await page.getByLabel("单位代码（公开网址用）").fill(`test-${suffix}`);
    await page.getByLabel("上级单位（政务公开主管部门）").selectOption({ label: "示范市人民政府办公室" });
    await page.getByRole("button", { name: "创建" }).click();
    await expect(page.getByRole("status")).toContainText(`已创建单位「${agencyName}」`);
    await expect(page.getByTestId("agency-list")).toContainText(agencyName);

    await page.goto("/admin/users");
    const login = `tester-${suffix}`;
    await page.getByLabel("用户名").fill(login);
    await page.getByLabel("姓名").fill("测试填报人");
    await page.getByLabel("角色").selectOption("drafter");
    await page.getByLabel("所属单位").selectOption({ label: agencyName });
    await page.getByLabel("初始密码").fill("short");
    await page.getByRole("button", { name: "创建" }).click();
    await expect(formError(page)).toHaveText("密码至少 8 位");
    await page.getByLabel("初始密码").fill("Passw0rd2026");
    await page.getByRole("button", { name: "创建" }).click();
    await expect(page.getByRole("status")).toContainText(`已创建用户「${login}」`);

    const row = page.getByTestId("user-list").getByRole("row").filter({ hasText: login });
    await row.getByRole("button", { name: "停用" }).click();
    await row.getByRole("button", { name: "确认停用" }).click(); // 停用 asks first (issue 16)
    await expect(row.getByText("停用", { exact: true }).first()).toBeVisible();
    await expect(row.getByRole("button", { name: "启用" })).toBeVisible();

    await signOut(page);
    await signIn(page, login, "Passw0rd2026");
    await expect(formError(page)).toHaveText("该账号已停用，请联系系统管理员");
  });
});
