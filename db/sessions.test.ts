import { describe, expect, it } from "vitest";
import type { Db } from "./client";
import { useTempDb } from "./testing/temp-db";
import { createSession, liveSessionUser, revokeAllSessions, revokeOtherSessions, revokeSession, SESSION_LIFETIME_MS } from "./sessions";
import { findUserByLogin } from "./users";

let db: Db;
useTempDb("sessions", (d) => (db = d), { each: true });

describe("server-side sessions", () => {
  it("a session lives 8 hours from sign-in, however often it is used", () => {
    const u = findUserByLogin(db, "yingji-drafter")!;
    const t = 1_000_000_000;
    const sid = createSession(db, u.id, t);
    for (let h = 0; h < 8; h++) expect(liveSessionUser(db, sid, t + h * 3600_000)).toBe(u.id);
    expect(liveSessionUser(db, sid, t + SESSION_LIFETIME_MS)).toBeNull();
    expect(liveSessionUser(db, "no-such-session")).toBeNull();
  });

  it("sign-out revokes one session; everywhere revokes all; a password change keeps only the current one", () => {
    const u = findUserByLogin(db, "yingji-drafter")!;
    const other = findUserByLogin(db, "yingji-reviewer")!;
    const [a, b, c] = [createSession(db, u.id), createSession(db, u.id), createSession(db, u.id)];
    const theirs = createSession(db, other.id);
    revokeSession(db, a);
    expect(liveSessionUser(db, a)).toBeNull();
    expect(liveSessionUser(db, b)).toBe(u.id);
    expect(revokeOtherSessions(db, u.id, c)).toBe(1);
    expect(liveSessionUser(db, b)).toBeNull();
    expect(liveSessionUser(db, c)).toBe(u.id);
    expect(revokeAllSessions(db, u.id)).toBe(1);
    expect(liveSessionUser(db, c)).toBeNull();
    expect(liveSessionUser(db, theirs)).toBe(other.id);
  });

  it("session ids are long and random", () => {
    const u = findUserByLogin(db, "admin")!;
    const ids = new Set(Array.from({ length: 50 }, () => createSession(db, u.id)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("the last usable administrator", () => {
  it("counts the admins left after disabling a user or an agency", async () => {
    const { insertUser, usableAdminsWithout } = await import("./users");
    const { agencies, users } = await import("./schema");
    const { eq } = await import("drizzle-orm");
    const admin = findUserByLogin(db, "admin")!;
    expect(usableAdminsWithout(db, { userId: admin.id })).toBe(0); // the demo admin is the only one
    const office = db.select().from(agencies).where(eq(agencies.code, "sfszfb")).get()!;
    const second = insertUser(db, { login: "admin2", displayName: "第二管理员", passwordHash: admin.passwordHash, role: "admin", agencyId: office.id });
    expect(usableAdminsWithout(db, { userId: admin.id })).toBe(1);
    expect(usableAdminsWithout(db, { agencyId: office.id })).toBe(1); // admin (no agency) remains
    db.update(users).set({ active: false }).where(eq(users.id, admin.id)).run();
    expect(usableAdminsWithout(db, { agencyId: office.id }), "disabling admin2's agency would leave nobody").toBe(0);
    expect(usableAdminsWithout(db, { userId: second.id })).toBe(0);
  });
});
