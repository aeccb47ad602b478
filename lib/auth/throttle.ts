// Sign-in throttling policy. Pure, so it is tested without a clock or a database
// (db/login-throttle.ts applies it in one SQLite transaction).
//
// Three counters per attempt, each with its own key:
//   la:<login>@<address>  the login name from one address: 5 free failures, then a lock of 1 min
//                         doubling to 30 min. Refused without checking the password. Only the
//                         address that guesses is locked out — typing wrong passwords for somebody
//                         else's login name from another address does not lock the real user out.
//   a:<address>           every login name from one address (password spraying): 100 free
//                         failures per hour (an office behind one NAT address shares it), then
//                         the same doubling lock for the whole address.
//   l:<login>             the login name from every address (a distributed attack): never a lock
//                         (that would let anyone lock a real user out), but after 10 failures each
//                         further attempt for it waits before its password is checked — 1 s
//                         doubling to 8 s — so the right password still gets through, slowly.
//
// A failure is recorded BEFORE the (slow) password check, atomically with the lock check: 100
// parallel wrong attempts cannot all slip past a lock that is only written after each bcrypt
// compare. A success takes back its own provisional failure (address and login counters) and clears
// the login@address counter — never the other counters, so signing into one's own account does not
// buy an attacker on the same address, or elsewhere, fresh guesses.
export const FREE_FAILURES = 5;
export const FREE_FAILURES_PER_ADDRESS = 100;
export const SLOW_AFTER_FAILURES_PER_LOGIN = 10;
const BASE_LOCK_MS = 60_000; // 1 minute after the last free failure, then doubling
const MAX_LOCK_MS = 30 * 60_000;
const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 8_000;
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MS = 60 * 60_000;

export type AttemptState = { failures: number; lastFailureAt: number | null; lockedUntil: number | null };

export type ThrottleKeys = { loginAtAddress: string; address: string; login: string };

/** The three counter keys of an attempt (login already normalised; address as text, "unknown" when none). */
export function throttleKeys(login: string, address: string): ThrottleKeys {
  return { loginAtAddress: `la:${login}@${address}`, address: `a:${address}`, login: `l:${login}` };
}

export function lockRemainingMs(state: AttemptState | undefined, now: number): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil - now);
}

function isStale(state: AttemptState | undefined, now: number): boolean {
  return state?.lastFailureAt == null || now - state.lastFailureAt > FAILURE_WINDOW_MS;
}

/** The state after one more failed attempt at time `now`; `free` failures before the first lock (0 = never lock). */
export function afterFailure(state: AttemptState | undefined, now: number, free = FREE_FAILURES): AttemptState {
  const failures = (isStale(state, now) ? 0 : state!.failures) + 1;
  let lockedUntil: number | null = null;
  if (free > 0 && failures >= free) {
    const lock = Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(30, failures - free));
    lockedUntil = now + lock;
  }
  return { failures, lastFailureAt: now, lockedUntil };
}

/** Takes back one provisional failure (the attempt turned out right); a lock that failure set goes with it. */
export function withoutOneFailure(state: AttemptState | undefined, free: number): AttemptState | undefined {
  if (!state) return undefined;
  const failures = Math.max(0, state.failures - 1);
  return { ...state, failures, lockedUntil: free > 0 && failures >= free ? state.lockedUntil : null };
}

/** How long an attempt for a login with this many recent failures (all addresses) waits before its check. */
export function delayForLoginMs(state: AttemptState | undefined, now: number): number {
  const failures = isStale(state, now) ? 0 : state!.failures;
  if (failures < SLOW_AFTER_FAILURES_PER_LOGIN) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(10, failures - SLOW_AFTER_FAILURES_PER_LOGIN));
}

export type Decision =
  | { kind: "locked"; remainingMs: number; scope: "login" | "address" }
  | { kind: "check"; delayMs: number; next: Record<keyof ThrottleKeys, AttemptState> };

/**
 * The one decision taken before the password check, from the three stored states: refuse (locked),
 * or check after `delayMs` — in which case `next` are the states to store now, the attempt already
 * counted as a failure.
 */
export function decide(states: Partial<Record<keyof ThrottleKeys, AttemptState>>, now: number): Decision {
  const byLogin = lockRemainingMs(states.loginAtAddress, now);
  if (byLogin > 0) return { kind: "locked", remainingMs: byLogin, scope: "login" };
  const byAddress = lockRemainingMs(states.address, now);
  if (byAddress > 0) return { kind: "locked", remainingMs: byAddress, scope: "address" };
  return {
    kind: "check",
    delayMs: delayForLoginMs(states.login, now),
    next: {
      loginAtAddress: afterFailure(states.loginAtAddress, now, FREE_FAILURES),
      address: afterFailure(states.address, now, FREE_FAILURES_PER_ADDRESS),
      login: afterFailure(states.login, now, 0),
    },
  };
}

export function lockMessage(remainingMs: number, scope: "login" | "address" = "login"): string {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return scope === "address"
    ? `此网络地址登录失败次数过多，已暂时限制登录，请 ${minutes} 分钟后再试`
    : `该账号登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试`;
}
