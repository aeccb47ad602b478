// The session-signing secret: on PostgreSQL (several app servers) it must come from AUTH_SECRET,
// the same on every server — a file beside one server's data folder would differ per server.
import { afterEach, describe, expect, it } from "vitest";
import { AUTH_SECRET_REQUIRED, getAuthSecret } from "./auth-secret";

const saved = { url: process.env.DATABASE_URL, secret: process.env.AUTH_SECRET };
afterEach(() => {
  for (const [k, v] of [["DATABASE_URL", saved.url], ["AUTH_SECRET", saved.secret]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("getAuthSecret on PostgreSQL", () => {
  it("refuses to invent a per-server secret: AUTH_SECRET is required, with a Chinese reason", () => {
    process.env.DATABASE_URL = "postgres://nianbao@127.0.0.1:5432/nianbao";
    delete process.env.AUTH_SECRET;
    expect(() => getAuthSecret()).toThrow(AUTH_SECRET_REQUIRED);
    expect(AUTH_SECRET_REQUIRED).toContain("AUTH_SECRET");
  });

  it("uses AUTH_SECRET when given", () => {
    process.env.DATABASE_URL = "postgres://nianbao@127.0.0.1:5432/nianbao";
    process.env.AUTH_SECRET = "s".repeat(40);
    expect(getAuthSecret()).toBe("s".repeat(40));
  });
});
