// Shared steps for the end-to-end tests.
import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { E2E_DATABASE } from "../playwright.config";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../db/client";
import { agencies, users } from "../db/schema";
import { hashPasswordSync } from "../lib/auth/password";

export const DEMO_PASSWORD = "nianbao2026";

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/**
 * Signs an API client in over HTTP, as the sign-in form does (CSRF token, then the credentials
 * endpoint, no redirect followed); the session cookie stays in the context. Returns the answer.
 */
export async function signInApi(ctx: APIRequestContext, login: string, password = DEMO_PASSWORD): Promise<APIResponse> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return ctx.post("/api/auth/callback/credentials", { form: { login, password, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
}

export async function signInAndExpectHome(page: Page, login: string, home: string): Promise<void> {
  await signIn(page, login);
  await expect(page).toHaveURL(new RegExp(`${home}$`));
}

/** The Chinese error a form shows (Next's own route announcer also has role=alert, so be specific). */
export function formError(page: Page) {
  return page.locator("form [role=alert]");
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

let db: Db | undefined;
/** Direct access to the server's database file (WAL mode lets both processes use it). */
export function e2eDb(): Db {
  db ??= openDatabase(E2E_DATABASE, { seed: false });
  return db;
}

/**
 * An agency of its own for a test (under the demo supervising office) with one account per given
 * role, all with the demo password. Idempotent: reuses what an earlier run created.
 */
export function testAgency(name: string, code: string, logins: { login: string; role: "drafter" | "reviewer" }[]): number {
  const d = e2eDb();
  const office = d.select().from(agencies).where(eq(agencies.code, "sfszfb")).get()!;
  d.insert(agencies).values({ name, code, parentId: office.id }).onConflictDoNothing().run();
  const agency = d.select().from(agencies).where(eq(agencies.code, code)).get()!;
  for (const u of logins) {
    d.insert(users)
      .values({ login: u.login, displayName: `${u.login}（测试）`, passwordHash: hashPasswordSync(DEMO_PASSWORD), role: u.role, agencyId: agency.id })
      .onConflictDoNothing()
      .run();
  }
  return agency.id;
}

/**
 * Collects the page's console errors and uncaught exceptions, for `expect(errors).toEqual([])`.
 * Chromium's own request for /favicon.ico (the app's icon is app/icon.svg) is not a page error.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !(m.location().url ?? "").endsWith("/favicon.ico")) errors.push(`${m.text()} ${m.location().url ?? ""}`);
  });
  return errors;
}
