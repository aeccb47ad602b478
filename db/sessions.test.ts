// Server-side sessions on the dialect of the run (SQLite, or PostgreSQL in npm test's pg step).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getAgencyByCode } from "./agencies";
import { createSession, liveSessionUser, revokeAllSessions, revokeOtherSessions, revokeSession, SESSION_LIFETIME_MS } from "./sessions";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { exec } from "./unit";
import { findUserByLogin, insertUser, usableAdminsWithout } from "./users";

let s: TempStore;
useTempStore("sessions", (store) => void (s = store));

const user = async (login: string) => (await s.run(findUserByLogin(login)))!;

describe(`server-side sessions (${TEST_DIALECT})`, () => {
  it("a session lives 8 hours from sign-in, however often it is used", async () => {
    const u = await user("yingji-drafter");
    const t = 1_000_000_000;
    const sid = await s.run(createSession(u.id, t));
    for (let h = 0; h < 8; h++) expect(await s.run(liveSessionUser(sid, t + h * 3600_000))).toBe(u.id);
    expect(await s.run(liveSessionUser(sid, t + SESSION_LIFETIME_MS))).toBeNull();
    expect(await s.run(liveSessionUser("no-such-session"))).toBeNull();
  });

  it("sign-out revokes one session; everywhere revokes all; a password change keeps only the current one", async () => {
    const u = await user("yingji-drafter");
    const other = await user("yingji-reviewer");
    const [a, b, c] = [await s.run(createSession(u.id)), await s.run(createSession(u.id)), await s.run(createSession(u.id))];
    const theirs = await s.run(createSession(other.id));
    await s.run(revokeSession(a));
    expect(await s.run(liveSessionUser(a))).toBeNull();
    expect(await s.run(liveSessionUser(b))).toBe(u.id);
    expect(await s.run(revokeOtherSessions(u.id, c))).toBe(1);
    expect(await s.run(liveSessionUser(b))).toBeNull();
    expect(await s.run(liveSessionUser(c))).toBe(u.id);
    expect(await s.run(revokeAllSessions(u.id))).toBe(1);
    expect(await s.run(liveSessionUser(c))).toBeNull();
    expect(await s.run(liveSessionUser(theirs))).toBe(other.id);
  });

  it("a revocation on one app server ends the session on another at once (liveness is read from the database)", async () => {
    const u = await user("shengtai-drafter");
    const other = await s.another();
    const sid = await s.run(createSession(u.id));
    expect(await other.run(liveSessionUser(sid))).toBe(u.id);
    await s.run(revokeSession(sid));
    expect(await other.run(liveSessionUser(sid))).toBeNull();
  });

  it("session ids are long and random; rows ended more than a day ago are cleared at the next sign-in", async () => {
    const u = await user("admin");
    const old = await s.run(createSession(u.id, Date.now() - SESSION_LIFETIME_MS - 25 * 3600_000));
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(await s.run(createSession(u.id)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await s.run(liveSessionUser(old, 0))).toBeNull(); // gone, not merely expired
  });
});

describe(`the last usable administrator (${TEST_DIALECT})`, () => {
  it("counts the admins left after disabling a user or an agency", async () => {
    const admin = await user("admin");
    expect(await s.run(usableAdminsWithout({ userId: admin.id }))).toBe(0); // the demo admin is the only one
    const office = (await s.run(getAgencyByCode("sfszfb")))!;
    const second = await s.run(insertUser({ login: "admin2", displayName: "第二管理员", passwordHash: admin.passwordHash, role: "admin", agencyId: office.id }));
    expect(await s.run(usableAdminsWithout({ userId: admin.id }))).toBe(1);
    expect(await s.run(usableAdminsWithout({ agencyId: office.id }))).toBe(1); // admin (no agency) remains
    await s.run(exec((d, t) => d.update(t.users).set({ active: false }).where(eq(t.users.id, admin.id))));
    expect(await s.run(usableAdminsWithout({ agencyId: office.id })), "disabling admin2's agency would leave nobody").toBe(0);
    expect(await s.run(usableAdminsWithout({ userId: second.id }))).toBe(0);
  });
});
