// Issue 14 (hardening), against the production server: the sign-in throttle under 100 parallel
// attempts, cross-site requests from another port of the same host, open redirects after sign-in,
// revocable sessions with an absolute lifetime, 退出所有设备, the forced change of a password
// someone else chose, bounded sign-in bodies, and a busy database answered as busy.
import { request as http } from "node:http";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as pwRequest, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { and, desc, eq } from "drizzle-orm";
import { E2E_DATABASE } from "../playwright.config";
import { auditLog, sessions, users } from "../db/schema";
import { hashPasswordSync } from "../lib/auth/password";
import { DEMO_PASSWORD, e2eDb, formError, signIn, signInApi } from "./helpers";
import { apiClient, cleanReport, ensureAgency, ensureUser, putReport, reportRow } from "./support/setup";
import { callAction } from "./support/targets";

const AGENCY = "加固测试局";
let agencyId = 0;
let drafterId = 0;
let reviewerId = 0;

test.beforeAll(() => {
  agencyId = ensureAgency(AGENCY, "harden-a", "sfszfb");
  drafterId = ensureUser("harden-drafter", "加固测试填报人", "drafter", agencyId);
  reviewerId = ensureUser("harden-reviewer", "加固测试审核人", "reviewer", agencyId);
});

/** A unique documentation-range address per call, so throttle counters of different tests never meet. */
let addressSerial = Date.now() % 50_000;
function freshAddress(): string {
  addressSerial++;
  return `198.51.${Math.floor(addressSerial / 250) % 250}.${(addressSerial % 250) + 1}`;
}

function failuresAudited(userId: number): number {
  return e2eDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.failure"), eq(auditLog.entityId, userId)))
    .all().length;
}

async function csrfOf(ctx: APIRequestContext): Promise<string> {
  return ((await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function whoIs(ctx: APIRequestContext): Promise<string | null> {
  const s = await (await ctx.get("/api/auth/session")).json().catch(() => null);
  return s?.user?.name ?? null;
}

function restoreUser(login: string) {
  e2eDb().update(users).set({ passwordHash: hashPasswordSync(DEMO_PASSWORD), mustChangePassword: false, active: true }).where(eq(users.login, login)).run();
}

test("100 parallel wrong passwords from one address: 5 are checked, the rest refused; the real user elsewhere still signs in", async ({ baseURL }) => {
  const login = "harden-throttle";
  const userId = ensureUser(login, "加固节流测试", "drafter", agencyId);
  const attacker = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": freshAddress() } });
  const csrfToken = await csrfOf(attacker);
  const before = failuresAudited(userId);
  const t0 = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      attacker.post("/api/auth/callback/credentials", { form: { login, password: `wrong-${i}-pw`, csrfToken, callbackUrl: "/" }, maxRedirects: 0 }),
    ),
  );
  const ms = Date.now() - t0;
  const checked = failuresAudited(userId) - before;
  console.log(`throttle: ${checked} of 100 parallel wrong attempts reached the password check (${ms} ms for all 100)`);
  expect(checked).toBe(5);
  for (const a of answers) expect(a.status()).toBeLessThan(500);
  expect(await whoIs(attacker)).toBeNull();

  // From the attacker's address even the right password is refused now…
  await attacker.post("/api/auth/callback/credentials", { form: { login, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  expect(await whoIs(attacker)).toBeNull();
  await attacker.dispose();
  // …but the real user, elsewhere, is not locked out by somebody else's guesses.
  const user = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": freshAddress() } });
  await signInApi(user, login);
  expect(await whoIs(user)).toBe("加固节流测试");
  await user.dispose();
});

test.describe("cross-site requests", () => {
  let attacker: Server;
  let attackerUrl = "";
  let html = "";
  test.beforeAll(async () => {
    attacker = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    });
    await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  });
  test.afterAll(() => new Promise<void>((r) => attacker.close(() => r())));

  test("a page on another port of the same host cannot approve or publish; the app itself still can", async ({ page, baseURL }) => {
    const { id, version } = putReport(agencyId, 2061, "submitted", cleanReport(2061, AGENCY), drafterId);
    await signIn(page, "harden-reviewer");
    await expect(page).toHaveURL(/\/reports$/);

    // The reported attack: an auto-submitted text/plain form whose body parses as JSON.
    html = `<!doctype html><form method="POST" action="${baseURL}/api/reports/${id}/transition" enctype="text/plain"><input name='{"action":"approve","x":"' value='"}'></form><script>document.forms[0].submit()</script>`;
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${id}/transition`));
    await page.goto(attackerUrl);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toContain("跨站请求已被拒绝");
    expect(reportRow(id)!.status).toBe("submitted");

    // The same with fetch (no-cors, credentials included) for publish and import.
    html = `<!doctype html><script>
      window.done = Promise.all([
        fetch(${JSON.stringify(`${baseURL}/api/reports/${id}/transition`)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: '{"action":"approve"}' }),
        fetch(${JSON.stringify(`${baseURL}/api/reports/${id}`)}, { method: "PUT", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: '{"version":1,"data":{}}' }),
      ]).then(() => "sent", (e) => String(e));
    </script>`;
    await page.goto(attackerUrl);
    await page.evaluate(() => (window as unknown as { done: Promise<string> }).done);
    expect(reportRow(id)!.status).toBe("submitted");

    // The app's own page, same origin, JSON: works.
    await page.goto("/reports");
    // (Approving names the version the reviewer read.)
    const own = await page.evaluate(
      async ([url, v]) => {
        const r = await fetch(url as string, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "approve", version: v }) });
        return { status: r.status, body: await r.json() };
      },
      [`/api/reports/${id}/transition`, version] as const,
    );
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(reportRow(id)!.status).toBe("approved");
  });

  test("same-origin text/plain to a JSON endpoint is refused with a Chinese 415 and changes nothing", async ({ page }) => {
    const { id } = putReport(agencyId, 2062, "submitted", cleanReport(2062, AGENCY), drafterId);
    await signIn(page, "harden-reviewer");
    await expect(page).toHaveURL(/\/reports$/);
    const r = await page.evaluate(async (url) => {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ action: "approve" }) });
      return { status: res.status, body: await res.json() };
    }, `/api/reports/${id}/transition`);
    expect(r.status).toBe(415);
    expect(r.body.error).toBe("请求内容类型须为 application/json");
    expect(reportRow(id)!.status).toBe("submitted");
  });
});

test("callbackUrl: a signed-in user is never sent to another site, and no variant is a server error", async ({ baseURL }) => {
  const ctx = await apiClient(baseURL!, "harden-drafter");
  const variants = [
    "%2F%09%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%0D%0A%2Fevil.example",
    "%0A%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "%2F%5Cevil.example",
    "%5C%5Cevil.example",
    "%2F%5C%09evil.example",
    "https%3A%2F%2Fevil.example",
    "%2F%252F%252Fevil.example",
    "%2Freports%2F..%2F%2Fevil.example",
    "javascript%3Aalert(1)",
    "%2F%00%2Fevil.example",
    "%E2%80%A8%2F%2Fevil.example",
  ];
  for (const v of variants) {
    const res = await ctx.get(`/login?callbackUrl=${v}`, { maxRedirects: 0 });
    expect(res.status(), v).toBeLessThan(500);
    const location = res.headers().location ?? "";
    const target = new URL(location, baseURL);
    expect(target.host, `${v} → ${location}`).toBe(new URL(baseURL!).host);
  }
  // A real path is kept.
  const ok = await ctx.get("/login?callbackUrl=%2Farchives", { maxRedirects: 0 });
  expect(ok.headers().location).toMatch(/\/archives$/);
  await ctx.dispose();
});

test.describe("sessions can be revoked", () => {
  test("after sign-out a copy of the cookie no longer works, and /api/auth/session does not revive it", async ({ baseURL }) => {
    const a = await apiClient(baseURL!, "harden-drafter");
    const copy = await pwRequest.newContext({ baseURL, storageState: await a.storageState() });
    expect((await copy.get("/api/reports/0")).status()).toBe(404); // signed in (404: no such report)
    await a.post("/api/auth/signout", { form: { csrfToken: await csrfOf(a), callbackUrl: "/" }, maxRedirects: 0 });
    expect((await copy.get("/api/reports/0")).status()).toBe(401);
    expect(await whoIs(copy)).toBeNull();
    expect((await copy.get("/api/reports/0")).status()).toBe(401);
    await Promise.all([a.dispose(), copy.dispose()]);
  });

  test("a password reset, and disabling then re-enabling the account, end its sessions", async ({ baseURL }) => {
    const login = "harden-revoke";
    const id = ensureUser(login, "加固撤销测试", "drafter", agencyId);
    restoreUser(login);
    const admin = await apiClient(baseURL!, "admin");
    try {
      const user = await apiClient(baseURL!, login);
      await callAction(admin, "/admin/users", "app/(app)/admin/actions.ts#setUserActiveAction", { id: String(id), active: "0" });
      await callAction(admin, "/admin/users", "app/(app)/admin/actions.ts#setUserActiveAction", { id: String(id), active: "1" });
      expect(e2eDb().select().from(users).where(eq(users.id, id)).get()!.active).toBe(true);
      expect((await user.get("/api/reports/0")).status(), "the session of before the disabling").toBe(401);
      await user.dispose();

      const again = await apiClient(baseURL!, login);
      await callAction(admin, "/admin/users", "app/(app)/admin/actions.ts#resetPasswordAction", { id: String(id), password: "Reset2026pw" });
      expect((await again.get("/api/reports/0")).status(), "the session of before the reset").toBe(401);
      await again.dispose();
      expect(e2eDb().select().from(users).where(eq(users.id, id)).get()!.mustChangePassword).toBe(true);
    } finally {
      restoreUser(login);
      await admin.dispose();
    }
  });

  test("a session ends 8 hours after sign-in however often it is refreshed", async ({ baseURL }) => {
    const ctx = await apiClient(baseURL!, "harden-drafter");
    const row = e2eDb().select().from(sessions).where(eq(sessions.userId, drafterId)).orderBy(desc(sessions.createdAt)).get()!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(8 * 3600_000);
    await whoIs(ctx); // a refresh through /api/auth/session…
    expect(e2eDb().select().from(sessions).where(eq(sessions.id, row.id)).get()!.expiresAt).toEqual(row.expiresAt); // …does not extend it
    e2eDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, row.id)).run();
    expect((await ctx.get("/api/reports/0")).status()).toBe(401);
    expect(await whoIs(ctx)).toBeNull();
    await ctx.dispose();
  });

  test("退出所有设备 signs the account out in every browser", async ({ page, baseURL }) => {
    const other = await apiClient(baseURL!, "harden-reviewer");
    await signIn(page, "harden-reviewer");
    await expect(page).toHaveURL(/\/reports$/);
    await page.getByRole("button", { name: "退出所有设备" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await whoIs(other)).toBeNull();
    expect((await other.get("/api/reports/0")).status()).toBe(401);
    await other.dispose();
  });
});

test("a password someone else chose must be changed before anything else", async ({ page }) => {
  const login = "harden-mustchange";
  ensureUser(login, "加固改密测试", "drafter", agencyId);
  restoreUser(login);
  e2eDb().update(users).set({ mustChangePassword: true }).where(eq(users.login, login)).run();
  try {
    await signIn(page, login);
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(page.getByTestId("must-change")).toBeVisible();
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/account\/password$/);
    const api = await page.request.get("/api/reports/0");
    expect(api.status()).toBe(403);
    expect((await api.json()).error).toBe("请先修改初始密码");

    await page.getByLabel("当前密码").fill(DEMO_PASSWORD);
    await page.getByLabel("新密码", { exact: true }).fill("Mine2026pw");
    await page.getByLabel("再次输入新密码").fill("Mine2026px");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(formError(page)).toHaveText("两次输入的新密码不一致");
    await page.getByLabel("再次输入新密码").fill("Mine2026pw");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page).toHaveURL(/\/reports$/);
    expect(e2eDb().select().from(users).where(eq(users.login, login)).get()!.mustChangePassword).toBe(false);
  } finally {
    restoreUser(login);
  }
});

test.describe("sign-in bodies are bounded", () => {
  test("a 50 MB sign-in POST is refused from its declared length, at once", async ({ baseURL }) => {
    const ctx = await pwRequest.newContext({ baseURL });
    const t0 = Date.now();
    const res = await ctx.post("/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, data: Buffer.alloc(50_000_000, 0x61) });
    const ms = Date.now() - t0;
    console.log(`sign-in body limit: 50 MB POST refused with ${res.status()} after ${ms} ms`);
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toContain("请求内容过大");
    await ctx.dispose();
  });

  test("a chunked sign-in POST without a length is cut off after 16 KB", async ({ baseURL }) => {
    const url = new URL("/api/auth/callback/credentials", baseURL);
    const t0 = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (sent < 200 && req.write(chunk)) sent++;
        if (sent < 200) req.once("drain", () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    console.log(`sign-in body limit: chunked POST refused with ${status} after ${Date.now() - t0} ms`);
    expect(status).toBe(413);
  });

  test("the sign-in form's server action refuses an oversized body without a server error", async ({ baseURL }) => {
    const ctx = await pwRequest.newContext({ baseURL });
    const res = await callAction(ctx, "/login", "app/(auth)/login/actions.ts#loginAction", { callbackUrl: "", login: "harden-drafter", password: "x".repeat(3_000_000) }, {});
    console.log(`sign-in body limit: 3 MB server-action POST answered ${res.status()}`);
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toContain("请求内容过大");
    expect(await whoIs(ctx)).toBeNull();
    await ctx.dispose();
  });
});

test("a held database lock: saves answer 503 + Retry-After, sign-in says 系统繁忙 — never a wrong password", async ({ page, baseURL }) => {
  const { id, version } = putReport(agencyId, 2063, "draft", cleanReport(2063, AGENCY), drafterId);
  const drafter = await apiClient(baseURL!, "harden-drafter");
  await page.goto("/login");
  const holder = new Database(E2E_DATABASE);
  holder.pragma("busy_timeout = 0");
  holder.exec("BEGIN IMMEDIATE");
  try {
    const t0 = Date.now();
    const res = await drafter.put(`/api/reports/${id}`, { data: { version, data: cleanReport(2063, AGENCY) } });
    const ms = Date.now() - t0;
    console.log(`busy database: save answered ${res.status()} after ${ms} ms`);
    expect(res.status()).toBe(503);
    expect(res.headers()["retry-after"]).toBe("2");
    expect(await res.json()).toEqual({ ok: false, code: "busy", error: "系统繁忙，请稍后重试" });

    await page.getByLabel("用户名").fill("harden-reviewer");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(formError(page)).toHaveText("系统繁忙，请稍后重试");
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
  }
  // Once the lock is gone, the same save and sign-in work.
  expect((await drafter.put(`/api/reports/${id}`, { data: { version, data: cleanReport(2063, AGENCY) } })).status()).toBe(200);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await drafter.dispose();
  void reviewerId;
});

test("pages carry a nonce CSP without 'unsafe-inline' scripts, and hydrate without a violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/login");
  const csp = res!.headers()["content-security-policy"] ?? "";
  const script = /script-src ([^;]*)/.exec(csp.split(",").find((p) => p.includes("nonce-")) ?? "")?.[1] ?? "";
  expect(script, csp).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(script).not.toContain("unsafe-inline");
  const again = (await page.request.get("/login")).headers()["content-security-policy"];
  expect(again, "a fresh nonce per response").not.toBe(csp);

  const { id } = putReport(agencyId, 2064, "draft", cleanReport(2064, AGENCY), drafterId);
  await signIn(page, "harden-drafter");
  await expect(page).toHaveURL(/\/reports$/);
  await page.goto(`/reports/${id}`);
  // Hydrated: typing reaches the client-side editor, whose autosave (a same-origin JSON PUT through
  // the proxy's cross-site check) is acknowledged.
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${id}`) && r.request().method() === "PUT");
  await page.locator("textarea").first().click();
  await page.keyboard.type("（加固测试）");
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId("save-status")).toHaveText(/已保存 \d/);
  await page.goto("/account/password");
  await page.getByLabel("当前密码").fill("wrong-password-9");
  await page.getByLabel("新密码", { exact: true }).fill("Another2026pw");
  await page.getByLabel("再次输入新密码").fill("Another2026pw");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(formError(page)).toHaveText("当前密码不正确"); // shown by the client-side ActionForm
  expect(violations).toEqual([]);
});

test("HSTS only when the browser came over https (a TLS-terminating proxy says so)", async ({ request }) => {
  const plain = await request.get("/login");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const tls = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(tls.headers()["strict-transport-security"]).toBe("max-age=31536000");
});
