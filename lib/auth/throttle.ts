// Sign-in throttling policy for one login name: a few free attempts, then an exponentially growing
// lock. Pure, so it is tested without a clock or a database.
export const FREE_FAILURES = 5;
const BASE_LOCK_MS = 60_000; // 1 minute after the 5th failure, then doubling
const MAX_LOCK_MS = 30 * 60_000;
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MS = 60 * 60_000;

export type AttemptState = { failures: number; lastFailureAt: number | null; lockedUntil: number | null };

export function lockRemainingMs(state: AttemptState | undefined, now: number): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil - now);
}

/** The state after one more failed attempt at time `now`. */
export function afterFailure(state: AttemptState | undefined, now: number): AttemptState {
  const stale = state?.lastFailureAt == null || now - state.lastFailureAt > FAILURE_WINDOW_MS;
  const failures = (stale ? 0 : state!.failures) + 1;
  let lockedUntil: number | null = null;
  if (failures >= FREE_FAILURES) {
    const lock = Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - FREE_FAILURES));
    lockedUntil = now + lock;
  }
  return { failures, lastFailureAt: now, lockedUntil };
}

export function lockMessage(remainingMs: number): string {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return `该账号登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试`;
}
