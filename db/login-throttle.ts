// Persistence for the sign-in throttle (policy in lib/auth/throttle.ts).
import { eq } from "drizzle-orm";
import { afterFailure, lockRemainingMs, type AttemptState } from "../lib/auth/throttle";
import type { Db } from "./client";
import { loginAttempts } from "./schema";

function load(db: Db, login: string): AttemptState | undefined {
  const row = db.select().from(loginAttempts).where(eq(loginAttempts.login, login)).get();
  if (!row) return undefined;
  return {
    failures: row.failures,
    lastFailureAt: row.lastFailureAt?.getTime() ?? null,
    lockedUntil: row.lockedUntil?.getTime() ?? null,
  };
}

export function lockedForMs(db: Db, login: string, now = Date.now()): number {
  return lockRemainingMs(load(db, login), now);
}

export function recordFailure(db: Db, login: string, now = Date.now()): AttemptState {
  const next = afterFailure(load(db, login), now);
  const values = {
    failures: next.failures,
    lastFailureAt: new Date(now),
    lockedUntil: next.lockedUntil ? new Date(next.lockedUntil) : null,
  };
  db.insert(loginAttempts)
    .values({ login, ...values })
    .onConflictDoUpdate({ target: loginAttempts.login, set: values })
    .run();
  return next;
}

export function clearFailures(db: Db, login: string): void {
  db.delete(loginAttempts).where(eq(loginAttempts.login, login)).run();
}
