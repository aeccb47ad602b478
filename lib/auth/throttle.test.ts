import { describe, expect, it } from "vitest";
import { afterFailure, FAILURE_WINDOW_MS, FREE_FAILURES, lockMessage, lockRemainingMs, type AttemptState } from "./throttle";

describe("sign-in throttle policy", () => {
  it("allows the first failures, then locks with a growing delay", () => {
    let s: AttemptState | undefined;
    const t = 1_000_000;
    for (let i = 1; i < FREE_FAILURES; i++) {
      s = afterFailure(s, t + i);
      expect(lockRemainingMs(s, t + i)).toBe(0);
    }
    s = afterFailure(s, t + 10);
    const first = lockRemainingMs(s, t + 10);
    expect(first).toBe(60_000);
    s = afterFailure(s, t + 20);
    expect(lockRemainingMs(s, t + 20)).toBe(120_000);
  });

  it("never locks for more than 30 minutes", () => {
    let s: AttemptState | undefined;
    for (let i = 0; i < 40; i++) s = afterFailure(s, 5000 + i);
    expect(lockRemainingMs(s, 5040)).toBeLessThanOrEqual(30 * 60_000);
  });

  it("forgets failures older than the window", () => {
    let s: AttemptState | undefined;
    for (let i = 0; i < FREE_FAILURES - 1; i++) s = afterFailure(s, 1000 + i);
    s = afterFailure(s, 1000 + FAILURE_WINDOW_MS + 10_000);
    expect(s.failures).toBe(1);
    expect(s.lockedUntil).toBeNull();
  });

  it("the lock expires", () => {
    let s: AttemptState | undefined;
    for (let i = 0; i < FREE_FAILURES; i++) s = afterFailure(s, 0);
    expect(lockRemainingMs(s, 59_999)).toBe(1);
    expect(lockRemainingMs(s, 60_000)).toBe(0);
  });

  it("says how long to wait, in Chinese, rounding up to whole minutes", () => {
    expect(lockMessage(61_000)).toBe("该账号登录失败次数过多，已暂时锁定，请 2 分钟后再试");
    expect(lockMessage(1)).toContain("1 分钟");
  });
});

describe("the one decision before a password check", () => {
  it("counts the attempt on all three keys and locks login@address after the free failures", async () => {
    const { decide } = await import("./throttle");
    let states = {} as Parameters<typeof decide>[0];
    const t = 5_000_000;
    for (let i = 0; i < FREE_FAILURES; i++) {
      const d = decide(states, t);
      expect(d.kind).toBe("check");
      if (d.kind === "check") states = d.next;
    }
    expect(decide(states, t)).toMatchObject({ kind: "locked", scope: "login", remainingMs: 60_000 });
    // Another address for the same login: only the per-login counter is shared.
    expect(decide({ login: states.login }, t).kind).toBe("check");
  });

  it("taking back a provisional failure also takes back the lock it set", async () => {
    const { withoutOneFailure } = await import("./throttle");
    expect(withoutOneFailure({ failures: 5, lastFailureAt: 1, lockedUntil: 60_001 }, 5)).toEqual({ failures: 4, lastFailureAt: 1, lockedUntil: null });
    expect(withoutOneFailure({ failures: 7, lastFailureAt: 1, lockedUntil: 60_001 }, 5)!.lockedUntil).toBe(60_001);
  });
});
