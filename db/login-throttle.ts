// Persistence for the sign-in throttle (policy in lib/auth/throttle.ts). The lock check and the
// provisional failure are ONE immediate SQLite transaction taken before the password is checked,
// so parallel attempts see each other's failures (better-sqlite3 is synchronous: no other request
// of this process runs inside it; BEGIN IMMEDIATE also serialises other processes on the file).
import { inArray } from "drizzle-orm";
import {
  decide,
  FREE_FAILURES,
  FREE_FAILURES_PER_ADDRESS,
  throttleKeys,
  withoutOneFailure,
  type AttemptState,
  type Decision,
  type ThrottleKeys,
} from "../lib/auth/throttle";
import { DUMMY_HASH, verifyPassword } from "../lib/auth/password";
import { lockMessage } from "../lib/auth/throttle";
import { writeAudit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { loginAttempts } from "./schema";
import { findUserByLogin, isUsable, normalizeLogin, type UserWithAgency } from "./users";
import { runSqlite } from "./run-sqlite";

type Kind = keyof ThrottleKeys;
const KINDS: readonly Kind[] = ["loginAtAddress", "address", "login"];

function loadAll(db: DbOrTx, keys: ThrottleKeys): Partial<Record<Kind, AttemptState>> {
  const rows = db
    .select()
    .from(loginAttempts)
    .where(inArray(loginAttempts.login, KINDS.map((k) => keys[k])))
    .all();
  const out: Partial<Record<Kind, AttemptState>> = {};
  for (const k of KINDS) {
    const row = rows.find((r) => r.login === keys[k]);
    if (row) out[k] = { failures: row.failures, lastFailureAt: row.lastFailureAt?.getTime() ?? null, lockedUntil: row.lockedUntil?.getTime() ?? null };
  }
  return out;
}

function store(db: DbOrTx, key: string, s: AttemptState): void {
  const values = {
    failures: s.failures,
    lastFailureAt: s.lastFailureAt == null ? null : new Date(s.lastFailureAt),
    lockedUntil: s.lockedUntil == null ? null : new Date(s.lockedUntil),
  };
  db.insert(loginAttempts)
    .values({ login: key, ...values })
    .onConflictDoUpdate({ target: loginAttempts.login, set: values })
    .run();
}

export type Attempt = { keys: ThrottleKeys; decision: Decision };

/**
 * Checks the locks and, unless locked, records this attempt as a failure — in one transaction,
 * before the password is looked at. Call `attemptSucceeded` when the password turns out right.
 */
export function beginAttempt(db: Db, login: string, address: string, now = Date.now()): Attempt {
  const keys = throttleKeys(login, address);
  const decision = db.transaction(
    (tx) => {
      const d = decide(loadAll(tx, keys), now);
      if (d.kind === "check") for (const k of KINDS) store(tx, keys[k], d.next[k]);
      return d;
    },
    { behavior: "immediate" },
  );
  return { keys, decision };
}

/**
 * The password was right: take back this attempt's provisional failure on every key (never more:
 * a success must not wipe failures somebody else caused — that would hand a guesser fresh tries).
 * Rows that drop to no failures are deleted.
 */
export function attemptSucceeded(db: Db, attempt: Attempt): void {
  db.transaction(
    (tx) => {
      const states = loadAll(tx, attempt.keys);
      const free: Record<Kind, number> = { loginAtAddress: FREE_FAILURES, address: FREE_FAILURES_PER_ADDRESS, login: 0 };
      for (const k of KINDS) {
        const next = withoutOneFailure(states[k], free[k]);
        if (!next) continue;
        if (next.failures === 0) tx.delete(loginAttempts).where(inArray(loginAttempts.login, [attempt.keys[k]])).run();
        else store(tx, attempt.keys[k], next);
      }
    },
    { behavior: "immediate" },
  );
}

/** The stored state of one key (tests, diagnostics). */
export function throttleState(db: Db, key: string): AttemptState | undefined {
  const row = db.select().from(loginAttempts).where(inArray(loginAttempts.login, [key])).get();
  return row ? { failures: row.failures, lastFailureAt: row.lastFailureAt?.getTime() ?? null, lockedUntil: row.lockedUntil?.getTime() ?? null } : undefined;
}

// ─── the whole credentials check ──────────────────────────────────────────────────────────────

export type SignInCheck =
  | { ok: true; user: UserWithAgency }
  | { ok: false; reason: "locked"; message: string }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "disabled"; user: UserWithAgency };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Attempts of this process whose password check is under way, by login@address and address key.
 * Their provisional failures count against the lock, so several right passwords sent at once (a
 * script, a double click) could see a "lock" that only exists until they finish. An attempt that
 * finds its key locked while such attempts are in flight waits for them and decides again: the
 * lock then stands only if they really failed. (Another process's in-flight attempts are not seen:
 * there the refusal stays — the safe side.)
 */
const inFlight = new Map<string, Set<Promise<unknown>>>();

function pendingFor(keys: ThrottleKeys): Promise<unknown>[] {
  return [...(inFlight.get(keys.loginAtAddress) ?? []), ...(inFlight.get(keys.address) ?? [])];
}

function track(keys: ThrottleKeys, p: Promise<unknown>): void {
  for (const k of [keys.loginAtAddress, keys.address]) {
    let set = inFlight.get(k);
    if (!set) inFlight.set(k, (set = new Set()));
    set.add(p);
  }
  const done = () => {
    for (const k of [keys.loginAtAddress, keys.address]) {
      const set = inFlight.get(k);
      set?.delete(p);
      if (set?.size === 0) inFlight.delete(k);
    }
  };
  p.then(done, done);
}

/**
 * Throttle, then password: the attempt is counted before bcrypt runs. `address` is the client's
 * network address as far as it is known ("unknown" otherwise). A wrong password of an existing
 * user is audited. Database errors (SQLITE_BUSY …) propagate: the caller must not report them as
 * a wrong password.
 */
export async function checkCredentials(
  db: Db,
  rawLogin: string,
  password: string,
  address: string,
  opts: { now?: () => number; wait?: (ms: number) => Promise<void> } = {},
): Promise<SignInCheck> {
  const now = opts.now ?? Date.now;
  const login = normalizeLogin(rawLogin);
  let attempt = beginAttempt(db, login, address, now());
  for (let round = 0; attempt.decision.kind === "locked" && round < 50; round++) {
    const pending = pendingFor(attempt.keys);
    if (!pending.length) break;
    await Promise.allSettled(pending);
    attempt = beginAttempt(db, login, address, now());
  }
  if (attempt.decision.kind === "locked") return { ok: false, reason: "locked", message: lockMessage(attempt.decision.remainingMs, attempt.decision.scope) };
  const checking = checkPassword(db, attempt as CheckAttempt, login, password, address, now, opts.wait ?? sleep);
  track(attempt.keys, checking);
  return checking;
}

type CheckAttempt = Attempt & { decision: Extract<Decision, { kind: "check" }> };

async function checkPassword(
  db: Db,
  attempt: CheckAttempt,
  login: string,
  password: string,
  address: string,
  now: () => number,
  wait: (ms: number) => Promise<void>,
): Promise<SignInCheck> {
  if (attempt.decision.delayMs > 0) await wait(attempt.decision.delayMs);
  const user = findUserByLogin(db, login);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    if (user) runSqlite(db, writeAudit({ actorId: user.id, action: "auth.failure", entityType: "user", entityId: user.id, agencyId: user.agencyId, after: { failures: attempt.decision.next.loginAtAddress.failures, address } }));
    if (attempt.decision.next.loginAtAddress.lockedUntil) return { ok: false, reason: "locked", message: lockMessage(attempt.decision.next.loginAtAddress.lockedUntil - now()) };
    return { ok: false, reason: "wrong" };
  }
  attemptSucceeded(db, attempt);
  if (!isUsable(user)) return { ok: false, reason: "disabled", user };
  return { ok: true, user };
}
