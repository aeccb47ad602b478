// Server-side sessions (schema: `sessions`). The session cookie is next-auth's encrypted JWT; it
// carries the id of one row here, and a cookie counts only while that row is live: not revoked and
// not past its absolute expiry (8 hours after sign-in, never extended — /api/auth/session may
// refresh the cookie, not the row). Revoking is an UPDATE, so it works across processes and across
// app servers on one PostgreSQL database (data functions: db/unit.ts).
import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, ne, sql } from "drizzle-orm";
import { exec, preparedOne, type Q } from "./unit";

/** Absolute lifetime of a session from sign-in. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** A new live session for `userId`; returns its id (256 random bits). */
export function* createSession(userId: number, now = Date.now()): Q<string> {
  const id = randomBytes(32).toString("base64url");
  yield* exec((d, t) => d.insert(t.sessions).values({ id, userId, createdAt: new Date(now), expiresAt: new Date(now + SESSION_LIFETIME_MS) }));
  // Housekeeping: rows that ended more than a day ago are of no further use.
  yield* exec((d, t) => d.delete(t.sessions).where(lt(t.sessions.expiresAt, new Date(now - 24 * 60 * 60 * 1000))));
  return id;
}

/** The user of a live session, or null (unknown, revoked or expired). Runs on every request. */
export function* liveSessionUser(id: string, now = Date.now()): Q<number | null> {
  const row = yield* preparedOne(
    "live-session",
    (d, t) =>
      d
        .select({ userId: t.sessions.userId, expiresAt: t.sessions.expiresAt, revokedAt: t.sessions.revokedAt })
        .from(t.sessions)
        .where(eq(t.sessions.id, sql.placeholder("id"))),
    { id },
  );
  if (!row || row.revokedAt != null || row.expiresAt.getTime() <= now) return null;
  return row.userId;
}

/** Ends one session (sign-out). */
export function* revokeSession(id: string, now = Date.now()): Q<void> {
  yield* exec((d, t) =>
    d
      .update(t.sessions)
      .set({ revokedAt: new Date(now) })
      .where(and(eq(t.sessions.id, id), isNull(t.sessions.revokedAt))),
  );
}

/** Ends every session of a user (退出所有设备, password reset, account disabled); returns how many. */
export function* revokeAllSessions(userId: number, now = Date.now()): Q<number> {
  return yield* exec((d, t) =>
    d
      .update(t.sessions)
      .set({ revokedAt: new Date(now) })
      .where(and(eq(t.sessions.userId, userId), isNull(t.sessions.revokedAt))),
  );
}

/** Ends every session of a user but `keepId` (the one that just changed the password). */
export function* revokeOtherSessions(userId: number, keepId: string, now = Date.now()): Q<number> {
  return yield* exec((d, t) =>
    d
      .update(t.sessions)
      .set({ revokedAt: new Date(now) })
      .where(and(eq(t.sessions.userId, userId), isNull(t.sessions.revokedAt), ne(t.sessions.id, keepId))),
  );
}
