// 催办 and notices in the database: who may 催办 whom, one notice per drafter and reviewer, the
// dashboard's latest 催办, notices readable and markable only by their user, the 待办 facts.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Actor } from "../lib/auth/access";
import { todoItems } from "../lib/office/todo";
import { getAgencyByCode, insertAgency } from "./agencies";
import type { Db } from "./client";
import { createUrges, latestUrges, listNotices, markNoticesRead, recordUrgeMail, todoFacts } from "./notices";
import { createReport, setPortalUrl } from "./reports";
import { auditLog, notices, urges, users } from "./schema";
import { useTempDb } from "./testing/temp-db";
import { findUserByLogin } from "./users";
import { runSqlite } from "./run-sqlite";

let db: Db;
useTempDb("notices", (d) => (db = d));
const actor = (login: string): Actor & { role: "drafter" | "reviewer" | "supervisor" | "admin" } => {
  const u = findUserByLogin(db, login)!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};

describe("createUrges", () => {
  it("the supervising office urges its agencies: one 催办 each, a notice to every drafter and reviewer, audited", () => {
    const yingji = runSqlite(db, getAgencyByCode("sfsyjj"))!.id;
    const ids = [yingji, runSqlite(db, getAgencyByCode("sfssthjj"))!.id];
    const out = createUrges(db, actor("supervisor"), { year: 2024, agencyIds: ids, message: "请尽快发布" });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.agencies).toBe(ids.length);
    expect(out.notices).toBe(2 * ids.length);
    expect(listNotices(db, actor("yingji-drafter").id).map((n) => [n.title, n.body])).toEqual([["示范市人民政府办公室催办 2024 年度报告", "请尽快发布"]]);
    expect(listNotices(db, actor("yingji-reviewer").id)).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "urge.send")).all()).toHaveLength(ids.length);
    const latest = latestUrges(db, [yingji], 2024).get(yingji)!;
    expect(latest.count).toBe(1);
    expect(latest.recipients).toBe(2);
    expect(latest.mailed).toBeNull();
    const urgeId = db.select().from(urges).where(eq(urges.agencyId, yingji)).get()!.id;
    recordUrgeMail(db, urgeId, 2, null);
    expect(latestUrges(db, [yingji], 2024).get(yingji)!.mailed).toBe(2);
  });

  it("refuses agencies outside the office, the office itself, and non-supervisors", () => {
    const other = runSqlite(db, insertAgency({ name: "另一市人民政府办公室", code: "lysszfb", parentId: null }));
    const office = runSqlite(db, getAgencyByCode("sfszfb"))!.id;
    expect(createUrges(db, actor("supervisor"), { year: 2024, agencyIds: [other.id] })).toMatchObject({ ok: false, status: 403 });
    expect(createUrges(db, actor("supervisor"), { year: 2024, agencyIds: [office] })).toMatchObject({ ok: false, status: 403 });
    expect(createUrges(db, actor("yingji-reviewer"), { year: 2024, agencyIds: [runSqlite(db, getAgencyByCode("sfsyjj"))!.id] })).toMatchObject({ ok: false, status: 403 });
    expect(createUrges(db, actor("supervisor"), { year: 2024, agencyIds: [999999] })).toMatchObject({ ok: false, status: 404 });
    // All or nothing: a refused request left no 催办 behind.
    expect(db.select().from(urges).where(eq(urges.agencyId, other.id)).all()).toEqual([]);
    // The admin may urge any agency.
    expect(createUrges(db, actor("admin"), { year: 2024, agencyIds: [other.id] })).toMatchObject({ ok: true, notices: 0 });
  });

  it("e-mail addresses of the recipients are handed to the mailer", () => {
    db.update(users).set({ email: "yj@example.gov.cn" }).where(eq(users.login, "yingji-drafter")).run();
    const out = createUrges(db, actor("supervisor"), { year: 2025, agencyIds: [runSqlite(db, getAgencyByCode("sfsyjj"))!.id] });
    expect(out.ok && out.sent[0]!.emails).toEqual(["yj@example.gov.cn"]);
  });
});

describe("notices", () => {
  it("are marked read only by their own user", () => {
    const drafter = actor("yingji-drafter");
    const n = listNotices(db, drafter.id, { unreadOnly: true })[0]!;
    expect(markNoticesRead(db, actor("shengtai-drafter").id, n.id)).toBe(0);
    expect(db.select().from(notices).where(eq(notices.id, n.id)).get()!.readAt).toBeNull();
    expect(markNoticesRead(db, drafter.id, n.id)).toBe(1);
    expect(listNotices(db, drafter.id, { unreadOnly: true }).map((x) => x.id)).not.toContain(n.id);
  });

  it("unread ones are 待办 of the drafter, with the agency's returned reports", () => {
    const facts = todoFacts(db, actor("yingji-reviewer"), []);
    expect(todoItems(facts).filter((i) => i.kind === "notice").length).toBe(facts.notices.length);
    expect(facts.notices.length).toBeGreaterThan(0);
  });
});

describe("setPortalUrl", () => {
  it("needs a published report and the agency's own staff", () => {
    const created = runSqlite(db, createReport(actor("yingji-drafter"), 2023));
    if (!created.ok) throw new Error(created.error);
    expect(runSqlite(db, setPortalUrl(actor("yingji-drafter"), created.id, "https://www.example.gov.cn/a.html"))).toMatchObject({ ok: false, status: 409 });
    expect(runSqlite(db, setPortalUrl(actor("supervisor"), created.id, "https://www.example.gov.cn/a.html"))).toMatchObject({ ok: false, status: 403 });
    expect(runSqlite(db, setPortalUrl(actor("shengtai-drafter"), created.id, "https://www.example.gov.cn/a.html"))).toMatchObject({ ok: false, status: 404 });
  });
});
