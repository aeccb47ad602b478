// The sign-in throttle on the dialect of the run (SQLite, or PostgreSQL in npm test's pg step).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isBusyError } from "../lib/auth/busy";
import { FREE_FAILURES, FREE_FAILURES_PER_ADDRESS, throttleKeys } from "../lib/auth/throttle";
import { openDatabase } from "./client";
import { beginAttempt, checkCredentials, throttleState } from "./login-throttle";
import { DEMO_PASSWORD } from "./seed";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all } from "./unit";
import { findUserByLogin } from "./users";

let db: TempStore;
useTempStore("throttle", (s) => void (db = s), { each: true });

const noWait = { wait: async () => {} };

async function failuresAudited(login: string): Promise<number> {
  const user = (await db.run(findUserByLogin(login)))!;
  return (await db.run(all((d, t) => d.select().from(t.auditLog).where(and(eq(t.auditLog.action, "auth.failure"), eq(t.auditLog.entityId, user.id)))))).length;
}

describe(`sign-in throttle (database, ${TEST_DIALECT})`, () => {
  it("100 parallel wrong attempts from one address: exactly 5 reach the password check", async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => checkCredentials(db, "yingji-drafter", "wrong-password-1", "10.0.0.1", noWait)));
    const checked = await failuresAudited("yingji-drafter");
    expect(checked).toBe(FREE_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBe(100 - FREE_FAILURES + 1); // the 5th answers with the lock too
    expect(results.every((r) => !r.ok)).toBe(true);
    // Even the right password from that address is now refused without a check…
    const right = await checkCredentials(db, "yingji-drafter", DEMO_PASSWORD, "10.0.0.1", noWait);
    expect(right).toMatchObject({ ok: false, reason: "locked" });
    // …but the real user elsewhere is not locked out by somebody else's wrong guesses.
    expect(await checkCredentials(db, "yingji-drafter", DEMO_PASSWORD, "10.0.0.2", noWait)).toMatchObject({ ok: true });
  });

  it("100 parallel attempts mixed with right passwords on the same address: a success does not reset the guesser's counter", async () => {
    const attempts = Array.from({ length: 100 }, (_, i) =>
      i % 10 === 0
        ? checkCredentials(db, "yingji-reviewer", DEMO_PASSWORD, "10.0.0.9", noWait) // the attacker's own account
        : checkCredentials(db, "yingji-drafter", `guess-${i}-x`, "10.0.0.9", noWait),
    );
    await Promise.all(attempts);
    expect(await failuresAudited("yingji-drafter")).toBe(FREE_FAILURES);
  });

  it("attempts through two app servers at once count against the same lock", async () => {
    const other = await db.another();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkCredentials(i % 2 ? other : db, "jiaotong-drafter", `wrong-${i}-pw`, "10.0.0.77", noWait)),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(await failuresAudited("jiaotong-drafter")).toBe(FREE_FAILURES);
  });

  it("the lock check and the failure are one step taken before the password check", async () => {
    const t = 1_000_000;
    for (let i = 0; i < FREE_FAILURES; i++) expect((await db.run(beginAttempt("someone", "1.2.3.4", t))).decision.kind).toBe("check");
    expect((await db.run(beginAttempt("someone", "1.2.3.4", t))).decision).toMatchObject({ kind: "locked", remainingMs: 60_000, scope: "login" });
    expect((await db.run(beginAttempt("someone", "5.6.7.8", t))).decision.kind).toBe("check");
    expect((await db.run(beginAttempt("someone-else", "1.2.3.4", t))).decision.kind).toBe("check");
  });

  it("a right password takes back only its own provisional failure: earlier failures stay counted", async () => {
    for (let i = 0; i < 3; i++) await checkCredentials(db, "yingji-drafter", "nope-1234", "10.1.1.1", noWait);
    const keys = throttleKeys("yingji-drafter", "10.1.1.1");
    expect((await db.run(throttleState(keys.loginAtAddress)))?.failures).toBe(3);
    expect(await checkCredentials(db, "yingji-drafter", DEMO_PASSWORD, "10.1.1.1", noWait)).toMatchObject({ ok: true });
    expect((await db.run(throttleState(keys.loginAtAddress)))?.failures).toBe(3);
    expect((await db.run(throttleState(keys.address)))?.failures).toBe(3);
    expect((await db.run(throttleState(keys.login)))?.failures).toBe(3);
    // A clean success leaves no row behind.
    expect(await checkCredentials(db, "yingji-reviewer", DEMO_PASSWORD, "10.1.1.2", noWait)).toMatchObject({ ok: true });
    expect(await db.run(throttleState(throttleKeys("yingji-reviewer", "10.1.1.2").loginAtAddress))).toBeUndefined();
  });

  it("several right passwords at once from one address all get in (in-flight attempts are not a lock)", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => checkCredentials(db, "supervisor", DEMO_PASSWORD, "10.5.0.1", noWait)));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("many failures for one login from many addresses slow it down but let the right password through", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) await checkCredentials(db, "supervisor", "nope-1234", `10.2.0.${i}`, { wait: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([1000, 2000]); // after the 10th failure
    const r = await checkCredentials(db, "supervisor", DEMO_PASSWORD, "10.2.0.99", { wait: async (ms) => void waits.push(ms) });
    expect(r).toMatchObject({ ok: true });
    expect(waits.at(-1)).toBe(4000);
  });

  it("spraying many logins from one address locks the address", async () => {
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) await checkCredentials(db, `nobody-${i}`, "nope-1234", "10.3.0.1", noWait);
    const r = await checkCredentials(db, "admin", DEMO_PASSWORD, "10.3.0.1", noWait);
    expect(r).toMatchObject({ ok: false, reason: "locked" });
    expect(r.ok === false && r.reason === "locked" && r.message).toContain("网络地址");
  }, 120_000); // one bcrypt comparison per attempt: slow on a loaded machine

  it("a busy database propagates as an error (never as a wrong password)", async () => {
    let err: unknown;
    if (db.sqlite) {
      const other = openDatabase(db.sqlite.$client.name, { seed: false });
      other.$client.pragma("busy_timeout = 0");
      db.sqlite.$client.pragma("busy_timeout = 0");
      other.$client.exec("BEGIN IMMEDIATE");
      try {
        err = await checkCredentials(db, "admin", DEMO_PASSWORD, "10.4.0.1", noWait).then(() => null, (e: unknown) => e);
      } finally {
        other.$client.exec("ROLLBACK");
        other.$client.close();
      }
      expect(err).toMatchObject({ code: "SQLITE_BUSY" });
    } else {
      // Another server holds the attempt's key (an advisory lock) past lock_timeout (1 s).
      const c = await db.pg!.$client.connect();
      try {
        await c.query("BEGIN");
        await c.query("SELECT pg_advisory_xact_lock(1919, hashtext($1))", [throttleKeys("admin", "10.4.0.1").login]);
        err = await checkCredentials(db, "admin", DEMO_PASSWORD, "10.4.0.1", noWait).then(() => null, (e: unknown) => e);
      } finally {
        await c.query("ROLLBACK");
        c.release();
      }
    }
    expect(isBusyError(err)).toBe(true);
  });
});
