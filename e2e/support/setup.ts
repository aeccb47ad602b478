// Test data of their own for the e2e suites that need many actors and reports (authorization
// matrix, HTTP fuzzing, XSS): agencies, accounts and reports written straight into the server's
// database, so no suite depends on what another one left behind. Everything is idempotent (the
// suites may be re-run against the same database).
import { request as pwRequest, expect, type APIRequestContext } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { agencies, reports, users, type ReportStatus, type Role } from "../../db/schema";
import { hashPasswordSync } from "../../lib/auth/password";
import type { ReportDoc } from "../../lib/data";
import { fixtureReport } from "../../lib/import/testing/damage";
import { DEMO_PASSWORD, e2eDb, signInApi } from "../helpers";

let passwordHash: string | undefined;

/** An agency (created when missing), below the agency with `parentCode` if given. */
export function ensureAgency(name: string, code: string, parentCode?: string): number {
  const db = e2eDb();
  const existing = db.select().from(agencies).where(eq(agencies.code, code)).get();
  if (existing) return existing.id;
  const parentId = parentCode ? db.select().from(agencies).where(eq(agencies.code, parentCode)).get()!.id : null;
  return db.insert(agencies).values({ name, code, parentId }).returning().get().id;
}

/** An account with the demo password (created when missing). */
export function ensureUser(login: string, displayName: string, role: Role, agencyId: number | null): number {
  const db = e2eDb();
  const existing = db.select().from(users).where(eq(users.login, login)).get();
  if (existing) return existing.id;
  passwordHash ??= hashPasswordSync(DEMO_PASSWORD);
  return db.insert(users).values({ login, displayName, role, agencyId, passwordHash }).returning().get().id;
}

/** A complete, consistent report (no error, no warning) for `year`: the 2024 example fixture. */
export function cleanReport(year: number, agencyName: string): ReportDoc {
  const doc = fixtureReport("example-2021-shifan-2024.json");
  return { ...doc, year, agency: { name: agencyName }, meta: { ...doc.meta, title: undefined } };
}

/**
 * The agency's report for `year`, (re)set to `status` with `doc` as its content and `updatedBy`
 * as its last editor. Published data is frozen by a trigger, so the status is changed first.
 */
export function putReport(agencyId: number, year: number, status: ReportStatus, doc: ReportDoc, updatedBy: number): { id: number; version: number } {
  const db = e2eDb();
  const data = JSON.stringify(doc);
  const existing = db.select().from(reports).where(and(eq(reports.agencyId, agencyId), eq(reports.year, year))).get();
  if (!existing) {
    const row = db.insert(reports).values({ agencyId, year, edition: doc.edition, status, data, createdBy: updatedBy, updatedBy }).returning().get();
    return { id: row.id, version: row.version };
  }
  if (existing.status !== "draft") db.update(reports).set({ status: "draft" }).where(eq(reports.id, existing.id)).run();
  const row = db.update(reports).set({ data, status, updatedBy, edition: doc.edition }).where(eq(reports.id, existing.id)).returning().get();
  return { id: row.id, version: row.version };
}

/** The stored row, for "nothing changed" checks. */
export function reportRow(id: number) {
  const r = e2eDb().select().from(reports).where(eq(reports.id, id)).get();
  return r ? { status: r.status, version: r.version, data: r.data, edition: r.edition, year: r.year } : undefined;
}

/** An API client signed in through the credentials endpoint (the session cookie stays in the context). */
export async function apiClient(baseURL: string, login?: string): Promise<APIRequestContext> {
  const ctx = await pwRequest.newContext({ baseURL });
  if (!login) return ctx;
  const res = await signInApi(ctx, login);
  expect([200, 302, 303], `sign-in of ${login}`).toContain(res.status());
  const me = await ctx.get("/api/auth/session");
  expect((await me.json())?.user, `session of ${login}`).toBeTruthy();
  return ctx;
}

/**
 * The reviewer's side of a real review through the HTTP API: reads what approval needs (the preview),
 * confirms every warning the drafter justified (确认无误, with a reason long enough), approves the
 * version read and, unless `publish` is false, publishes it. Fails the test on any refusal.
 */
export async function reviewAndPublish(reviewer: APIRequestContext, reportId: number, opts: { publish?: boolean; reason?: string } = {}): Promise<void> {
  const preview = await reviewer.post(`/api/reports/${reportId}/transition`, { data: { action: "approve", preview: true } });
  expect(preview.status(), await preview.text()).toBe(200);
  const p = (await preview.json()) as { version: number; incomplete: unknown[]; warnings: { key: string; confirmed: string }[] };
  expect(p.incomplete, "the report under review is complete").toEqual([]);
  for (const w of p.warnings) {
    if (w.confirmed) continue;
    const res = await reviewer.post(`/api/reports/${reportId}/confirm-warning`, { data: { key: w.key, reason: opts.reason ?? "已与台账逐项核对无误" } });
    expect(res.status(), await res.text()).toBe(200);
  }
  const approve = await reviewer.post(`/api/reports/${reportId}/transition`, { data: { action: "approve", version: p.version } });
  expect(approve.status(), await approve.text()).toBe(200);
  if (opts.publish === false) return;
  const publish = await reviewer.post(`/api/reports/${reportId}/transition`, { data: { action: "publish", version: p.version } });
  expect(publish.status(), await publish.text()).toBe(200);
}
