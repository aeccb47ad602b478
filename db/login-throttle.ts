// Persistence for the sign-in throttle (policy in lib/auth/throttle.ts). The lock check and the
// provisional failure are ONE transaction taken before the password is checked, so parallel
// attempts see each other's failures: on SQLite a BEGIN IMMEDIATE transaction (better-sqlite3 is
// synchronous: no other request of this process runs inside it, and BEGIN IMMEDIATE serialises
// other processes on the file); on PostgreSQL, where several app servers check passwords at once,
// the transaction first takes an advisory lock on each of the attempt's keys, so two attempts on
// the same key take turns and neither can overwrite the other's failure count. The transaction is
// kept to a few statements: it holds the keys while it runs.
import { inArray, sql } from "drizzle-orm";
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
import type { Store } from "./store";
import { findUserByLogin, isUsable, normalizeLogin, type UserWithAgency } from "./users";
import { all, dialect, exec, one, rawExec, transaction, type Q } from "./unit";

type Kind = keyof ThrottleKeys;
const KINDS: readonly Kind[] = ["loginAtAddress", "address", "login"];

/** The first key of PostgreSQL's two-key advisory locks taken by the throttle (any constant). */
const THROTTLE_LOCK_SPACE = 1919;

/**
 * How long an attempt waits for the attempts ahead of it on the same key (PostgreSQL). Longer than
 * a request's lock_timeout: a burst of parallel attempts (a script, an attack) queues on the key —
 * each holds it for a few round trips — rather than failing as 「系统繁忙」.
 */
const KEY_WAIT_MS = 5_000;

/**
 * PostgreSQL: waits for, and holds until the transaction ends, a lock on each key of the attempt —
 * in one statement, in one order everywhere (no deadlock). SQLite: nothing to do — the transaction
 * holds the database's write lock.
 */
function* lockKeys(keys: ThrottleKeys): Q<void> {
  if ((yield* dialect()) !== "pg") return;
  const sorted = [...new Set(KINDS.map((k) => keys[k]))].sort();
  yield* rawExec(() => sql`set local lock_timeout = ${sql.raw(String(KEY_WAIT_MS))}`);
  yield* rawExec(
    () =>
      sql`select pg_advisory_xact_lock(${sql.raw(String(THROTTLE_LOCK_SPACE))}, hashtext(u.k)) from unnest(array[${sql.join(
        sorted.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]) with ordinality as u(k, n)`,
  );
}

function* loadAll(keys: ThrottleKeys): Q<Partial<Record<Kind, AttemptState>>> {
  const rows = yield* all((d, t) =>
    d
      .select()
      .from(t.loginAttempts)
      .where(
        inArray(
          t.loginAttempts.login,
          KINDS.map((k) => keys[k]),
        ),
      ),
  );
  const out: Partial<Record<Kind, AttemptState>> = {};
  for (const k of KINDS) {
    const row = rows.find((r) => r.login === keys[k]);
    if (row) out[k] = { failures: row.failures, lastFailureAt: row.lastFailureAt?.getTime() ?? null, lockedUntil: row.lockedUntil?.getTime() ?? null };
  }
  return out;
}

/** Writes the states of several keys in one statement. */
function* store(states: { key: string; s: AttemptState }[]): Q<void> {
  if (!states.length) return;
  const rows = states.map(({ key, s }) => ({
    login: key,
    failures: s.failures,
    lastFailureAt: s.lastFailureAt == null ? null : new Date(s.lastFailureAt),
    lockedUntil: s.lockedUntil == null ? null : new Date(s.lockedUntil),
  }));
  yield* exec((d, t) =>
    d
      .insert(t.loginAttempts)
      .values(rows)
      .onConflictDoUpdate({
        target: t.loginAttempts.login,
        set: { failures: sql`excluded.failures`, lastFailureAt: sql`excluded.last_failure_at`, lockedUntil: sql`excluded.locked_until` },
      }),
  );
}

export type Attempt = { keys: ThrottleKeys; decision: Decision };

/**
 * Checks the locks and, unless locked, records this attempt as a failure — in one transaction,
 * before the password is looked at. Call `attemptSucceeded` when the password turns out right.
 */
export function* beginAttempt(login: string, address: string, now = Date.now()): Q<Attempt> {
  const keys = throttleKeys(login, address);
  const decision = yield* transaction(function* () {
    yield* lockKeys(keys);
    const d = decide(yield* loadAll(keys), now);
    if (d.kind === "check") yield* store(KINDS.map((k) => ({ key: keys[k], s: d.next[k] })));
    return d;
  });
  return { keys, decision };
}

/**
 * The password was right: take back this attempt's provisional failure on every key (never more:
 * a success must not wipe failures somebody else caused — that would hand a guesser fresh tries).
 * Rows that drop to no failures are deleted.
 */
export function* attemptSucceeded(attempt: Attempt): Q<void> {
  yield* transaction(function* () {
    yield* lockKeys(attempt.keys);
    const states = yield* loadAll(attempt.keys);
    const free: Record<Kind, number> = { loginAtAddress: FREE_FAILURES, address: FREE_FAILURES_PER_ADDRESS, login: 0 };
    const gone: string[] = [];
    const kept: { key: string; s: AttemptState }[] = [];
    for (const k of KINDS) {
      const next = withoutOneFailure(states[k], free[k]);
      if (!next) continue;
      if (next.failures === 0) gone.push(attempt.keys[k]);
      else kept.push({ key: attempt.keys[k], s: next });
    }
    if (gone.length) yield* exec((d, t) => d.delete(t.loginAttempts).where(inArray(t.loginAttempts.login, gone)));
    yield* store(kept);
  });
}

/** The stored state of one key (tests, diagnostics). */
export function* throttleState(key: string): Q<AttemptState | undefined> {
  const row = yield* one((d, t) => d.select().from(t.loginAttempts).where(inArray(t.loginAttempts.login, [key])));
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
 * user is audited. Database errors (SQLITE_BUSY, a PostgreSQL lock timeout …) propagate: the
 * caller must not report them as a wrong password. The password hash is compared between
 * transactions, never inside one.
 */
export async function checkCredentials(
  db: Store,
  rawLogin: string,
  password: string,
  address: string,
  opts: { now?: () => number; wait?: (ms: number) => Promise<void> } = {},
): Promise<SignInCheck> {
  const now = opts.now ?? Date.now;
  const login = normalizeLogin(rawLogin);
  let attempt = await db.run(beginAttempt(login, address, now()));
  for (let round = 0; attempt.decision.kind === "locked" && round < 50; round++) {
    const pending = pendingFor(attempt.keys);
    if (!pending.length) break;
    await Promise.allSettled(pending);
    attempt = await db.run(beginAttempt(login, address, now()));
  }
  if (attempt.decision.kind === "locked") return { ok: false, reason: "locked", message: lockMessage(attempt.decision.remainingMs, attempt.decision.scope) };
  const checking = checkPassword(db, attempt as CheckAttempt, login, password, address, now, opts.wait ?? sleep);
  track(attempt.keys, checking);
  return checking;
}

type CheckAttempt = Attempt & { decision: Extract<Decision, { kind: "check" }> };

async function checkPassword(
  db: Store,
  attempt: CheckAttempt,
  login: string,
  password: string,
  address: string,
  now: () => number,
  wait: (ms: number) => Promise<void>,
): Promise<SignInCheck> {
  if (attempt.decision.delayMs > 0) await wait(attempt.decision.delayMs);
  const user = await db.run(findUserByLogin(login));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    if (user) await db.run(writeAudit({ actorId: user.id, action: "auth.failure", entityType: "user", entityId: user.id, agencyId: user.agencyId, after: { failures: attempt.decision.next.loginAtAddress.failures, address } }));
    if (attempt.decision.next.loginAtAddress.lockedUntil) return { ok: false, reason: "locked", message: lockMessage(attempt.decision.next.loginAtAddress.lockedUntil - now()) };
    return { ok: false, reason: "wrong" };
  }
  await db.run(attemptSucceeded(attempt));
  if (!isUsable(user)) return { ok: false, reason: "disabled", user };
  return { ok: true, user };
}
