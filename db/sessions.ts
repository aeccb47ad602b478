// Server-side sessions (schema: `sessions`). The session cookie is next-auth's encrypted JWT; it
// carries the id of one row here, and a cookie counts only while that row is live: not revoked and
// not past its absolute expiry (8 hours after sign-in, never extended — /api/auth/session may
// refresh the cookie, not the row). Revoking is an UPDATE, so it works across processes.
import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "./client";
import { prepared } from "./prepared";
import { sessions } from "./schema";

/** Absolute lifetime of a session from sign-in. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** A new live session for `userId`; returns its id (256 random bits). */
export function createSession(db: DbOrTx, userId: number, now = Date.now()): string {
  const id = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({ id, userId, createdAt: new Date(now), expiresAt: new Date(now + SESSION_LIFETIME_MS) })
    .run();
  // Housekeeping: rows that ended more than a day ago are of no further use.
  db.delete(sessions).where(lt(sessions.expiresAt, new Date(now - 24 * 60 * 60 * 1000))).run();
  return id;
}

/** The user of a live session, or null (unknown, revoked or expired). Runs on every request. */
export function liveSessionUser(db: Db, id: string, now = Date.now()): number | null {
  const row = prepared(db, "live-session", (d) =>
    d
      .select({ userId: sessions.userId, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
  if (!row || row.revokedAt != null || row.expiresAt.getTime() <= now) return null;
  return row.userId;
}

/** Ends one session (sign-out). */
export function revokeSession(db: DbOrTx, id: string, now = Date.now()): void {
  db.update(sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .run();
}

/** Ends every session of a user (退出所有设备, password reset, account disabled); returns how many. */
export function revokeAllSessions(db: DbOrTx, userId: number, now = Date.now()): number {
  return db
    .update(sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run().changes;
}

/** Ends every session of a user but `keepId` (the one that just changed the password). */
export function revokeOtherSessions(db: DbOrTx, userId: number, keepId: string, now = Date.now()): number {
  return db
    .update(sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, keepId)))
    .run().changes;
}
