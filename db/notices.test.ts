// 催办 and notices in the database: who may 催办 whom, one notice per drafter and reviewer, the
// dashboard's latest 催办, notices readable and markable only by their user, the 待办 facts. On the
// dialect of the run (SQLite, or PostgreSQL in npm test's pg step).
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../lib/auth/access";
import { todoItems } from "../lib/office/todo";
import { getAgencyByCode, insertAgency } from "./agencies";
import { createUrges, latestUrges, listNotices, markNoticesRead, ownEmail, recordUrgeMail, setOwnEmail, todoFacts } from "./notices";
import { createReport, setPortalUrl } from "./reports";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, one } from "./unit";
import { findUserByLogin } from "./users";

let s: TempStore;
useTempStore("notices", (store) => void (s = store));
const actor = async (login: string): Promise<Actor & { role: "drafter" | "reviewer" | "supervisor" | "admin" }> => {
  const u = (await s.run(findUserByLogin(login)))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};
const agencyId = async (code: string) => (await s.run(getAgencyByCode(code)))!.id;

describe(`createUrges (${TEST_DIALECT})`, () => {
  it("the supervising office urges its agencies: one 催办 each, a notice to every drafter and reviewer, audited", async () => {
    const yingji = await agencyId("sfsyjj");
    const ids = [yingji, await agencyId("sfssthjj")];
    const before = Date.now();
    const out = await s.run(createUrges(await actor("supervisor"), { year: 2024, agencyIds: ids, message: "请尽快发布" }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.agencies).toBe(ids.length);
    expect(out.notices).toBe(2 * ids.length);
    expect((await s.run(listNotices((await actor("yingji-drafter")).id))).map((n) => [n.title, n.body])).toEqual([["示范市人民政府办公室催办 2024 年度报告", "请尽快发布"]]);
    expect(await s.run(listNotices((await actor("yingji-reviewer")).id))).toHaveLength(1);
    expect(await s.run(all((d, t) => d.select().from(t.auditLog).where(eq(t.auditLog.action, "urge.send"))))).toHaveLength(ids.length);
    const latest = (await s.run(latestUrges([yingji], 2024))).get(yingji)!;
    expect(latest.count).toBe(1);
    expect(latest.recipients).toBe(2);
    expect(latest.mailed).toBeNull();
    expect(latest.senderName).toBe("郑华（市政务公开办）");
    expect(latest.at).toBeInstanceOf(Date);
    expect(latest.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(latest.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const urgeId = (await s.run(one((d, t) => d.select().from(t.urges).where(eq(t.urges.agencyId, yingji)))))!.id;
    await s.run(recordUrgeMail(urgeId, 2, null));
    expect((await s.run(latestUrges([yingji], 2024))).get(yingji)!.mailed).toBe(2);
    // A second 催办 counts; other years and unasked agencies are not reported.
    await s.run(createUrges(await actor("supervisor"), { year: 2024, agencyIds: [yingji] }));
    expect((await s.run(latestUrges([yingji], 2024))).get(yingji)!.count).toBe(2);
    expect((await s.run(latestUrges([yingji], 2023))).size).toBe(0);
    expect((await s.run(latestUrges([], 2024))).size).toBe(0);
  });

  it("refuses agencies outside the office, the office itself, and non-supervisors", async () => {
    const other = await s.run(insertAgency({ name: "另一市人民政府办公室", code: "lysszfb", parentId: null }));
    const office = await agencyId("sfszfb");
    expect(await s.run(createUrges(await actor("supervisor"), { year: 2024, agencyIds: [other.id] }))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(createUrges(await actor("supervisor"), { year: 2024, agencyIds: [office] }))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(createUrges(await actor("yingji-reviewer"), { year: 2024, agencyIds: [await agencyId("sfsyjj")] }))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(createUrges(await actor("supervisor"), { year: 2024, agencyIds: [999999] }))).toMatchObject({ ok: false, status: 404 });
    // All or nothing: a refused request left no 催办 behind.
    expect(await s.run(all((d, t) => d.select().from(t.urges).where(eq(t.urges.agencyId, other.id))))).toEqual([]);
    // The admin may urge any agency.
    expect(await s.run(createUrges(await actor("admin"), { year: 2024, agencyIds: [other.id] }))).toMatchObject({ ok: true, notices: 0 });
  });

  it("e-mail addresses of the recipients are handed to the mailer", async () => {
    const drafter = await actor("yingji-drafter");
    await s.run(setOwnEmail(drafter.id, "yj@example.gov.cn"));
    expect(await s.run(ownEmail(drafter.id))).toBe("yj@example.gov.cn");
    expect(await s.run(one((d, t) => d.select().from(t.auditLog).where(and(eq(t.auditLog.action, "user.email"), eq(t.auditLog.entityId, drafter.id)))))).toBeDefined();
    const out = await s.run(createUrges(await actor("supervisor"), { year: 2025, agencyIds: [await agencyId("sfsyjj")] }));
    expect(out.ok && out.sent[0]!.emails).toEqual(["yj@example.gov.cn"]);
  });
});

describe(`notices (${TEST_DIALECT})`, () => {
  it("are marked read only by their own user", async () => {
    const drafter = await actor("yingji-drafter");
    const n = (await s.run(listNotices(drafter.id, { unreadOnly: true })))[0]!;
    expect(await s.run(markNoticesRead((await actor("shengtai-drafter")).id, n.id))).toBe(0);
    expect((await s.run(one((d, t) => d.select().from(t.notices).where(eq(t.notices.id, n.id)))))!.readAt).toBeNull();
    expect(await s.run(markNoticesRead(drafter.id, n.id))).toBe(1);
    expect((await s.run(listNotices(drafter.id, { unreadOnly: true }))).map((x) => x.id)).not.toContain(n.id);
  });

  it("unread ones are 待办 of the drafter, with the agency's own reports", async () => {
    const facts = await s.run(todoFacts(await actor("yingji-reviewer"), []));
    expect(todoItems(facts).filter((i) => i.kind === "notice").length).toBe(facts.notices.length);
    expect(facts.notices.length).toBeGreaterThan(0);
    expect(facts.scope).toBeUndefined();
    await s.run(markNoticesRead((await actor("yingji-reviewer")).id, "all"));
    expect((await s.run(todoFacts(await actor("yingji-reviewer"), []))).notices).toEqual([]);
  });

  it("a supervisor's 待办 facts cover every agency below the office for each year", async () => {
    const facts = await s.run(todoFacts(await actor("supervisor"), [2024, 2025]));
    expect(facts.scope!.map((y) => y.year)).toEqual([2024, 2025]);
    expect(facts.scope![0]!.agencies.map((a) => a.agencyName).sort()).toEqual(["示范市交通运输局", "示范市生态环境局", "示范市应急管理局"].sort());
    expect(facts.rework).toEqual([]);
  });
});

describe("setPortalUrl", () => {
  it("needs a published report and the agency's own staff", async () => {
    const created = await s.run(createReport(await actor("yingji-drafter"), 2023));
    if (!created.ok) throw new Error(created.error);
    expect(await s.run(setPortalUrl(await actor("yingji-drafter"), created.id, "https://www.example.gov.cn/a.html"))).toMatchObject({ ok: false, status: 409 });
    expect(await s.run(setPortalUrl(await actor("supervisor"), created.id, "https://www.example.gov.cn/a.html"))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(setPortalUrl(await actor("shengtai-drafter"), created.id, "https://www.example.gov.cn/a.html"))).toMatchObject({ ok: false, status: 404 });
  });
});

