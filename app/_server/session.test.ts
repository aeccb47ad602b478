// The session of a request (./session.ts): next-auth's cookie, decrypted with the real library, and
// the server-side session row (stubbed here by a set of live session ids). What is checked: a live
// session is found, an ended one never (also when its request's headers were seen before), garbage
// is not kept, and the tokens of a header seen before are not read again.
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const state = vi.hoisted(() => ({ headers: new Headers(), secret: "test-secret-0123456789abcdefghijklmnopqrstuvwxyz", live: new Map<string, number>(), liveChecks: 0, getTokenCalls: 0 }));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("@/db/auth-secret", () => ({ getAuthSecret: () => state.secret }));
vi.mock("@/db/store", () => ({ run: async (x: unknown) => x }));
vi.mock("@/db/sessions", () => ({
  liveSessionUser: (sid: string) => {
    state.liveChecks++;
    return state.live.get(sid) ?? null;
  },
}));
vi.mock("next-auth/jwt", async (original) => {
  const jwt = await original<typeof import("next-auth/jwt")>();
  return {
    ...jwt,
    getToken: (...args: Parameters<typeof jwt.getToken>) => {
      state.getTokenCalls++;
      return jwt.getToken(...args);
    },
  };
});

const { currentSession } = await import("./session");

const SALT = "authjs.session-token";
async function token(sub: string, sid: string, secret = state.secret): Promise<string> {
  return encode({ token: { sub, sid }, secret, salt: SALT });
}
function request(cookie: string, authorization?: string) {
  state.headers = new Headers({ cookie, ...(authorization ? { authorization } : {}) });
}

beforeEach(() => {
  state.live = new Map();
  state.liveChecks = 0;
  state.getTokenCalls = 0;
});

describe("currentSession", () => {
  it("finds a live session, checks it in the database on every request, reads a header's tokens once", async () => {
    state.live.set("s1", 5);
    request(`other=1; ${SALT}=${await token("5", "s1")}`);
    expect(await currentSession()).toEqual({ userId: 5, sid: "s1" });
    const reads = state.getTokenCalls;
    expect(reads).toBeGreaterThan(0);
    expect(await currentSession()).toEqual({ userId: 5, sid: "s1" });
    expect(await currentSession()).toEqual({ userId: 5, sid: "s1" });
    expect(state.getTokenCalls).toBe(reads);
    expect(state.liveChecks).toBe(3);
  });

  it("refuses a session that ended, although the same header was accepted before", async () => {
    state.live.set("s2", 6);
    request(`${SALT}=${await token("6", "s2")}`);
    expect(await currentSession()).toEqual({ userId: 6, sid: "s2" });
    state.live.delete("s2"); // signed out or revoked
    expect(await currentSession()).toBeNull();
    expect(await currentSession()).toBeNull();
  });

  it("refuses a session whose row belongs to another user than the token says", async () => {
    state.live.set("s3", 99);
    request(`${SALT}=${await token("7", "s3")}`);
    expect(await currentSession()).toBeNull();
  });

  it("refuses garbage and tokens of another secret, and does not keep them", async () => {
    request(`${SALT}=not-a-token`);
    expect(await currentSession()).toBeNull();
    const reads = state.getTokenCalls;
    expect(await currentSession()).toBeNull();
    expect(state.getTokenCalls).toBeGreaterThan(reads); // read again: nothing was kept
    state.live.set("s4", 8);
    request(`${SALT}=${await token("8", "s4", "another-secret-0123456789abcdefghijklmnopqrstu")}`);
    expect(await currentSession()).toBeNull();
  });

  it("tells requests apart by their Authorization header too (a Bearer token without a cookie)", async () => {
    state.live.set("s5", 9);
    request("", `Bearer ${encodeURIComponent(await token("9", "s5"))}`);
    expect(await currentSession()).toEqual({ userId: 9, sid: "s5" });
    request("", "Bearer garbage");
    expect(await currentSession()).toBeNull();
    request("");
    expect(await currentSession()).toBeNull();
  });

  it("forgets everything when the secret changes", async () => {
    state.live.set("s6", 10);
    request(`${SALT}=${await token("10", "s6")}`);
    expect(await currentSession()).toEqual({ userId: 10, sid: "s6" });
    const before = state.secret;
    state.secret = "rotated-secret-0123456789abcdefghijklmnopqrstuvw";
    expect(await currentSession()).toBeNull();
    state.secret = before;
  });
});
