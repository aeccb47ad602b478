import { describe, expect, it } from "vitest";
import { pageCsp } from "./csp";

describe("page CSP", () => {
  it("allows scripts only by nonce in production", () => {
    const csp = pageCsp("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(/script-src[^;]*unsafe/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(pageCsp("x", true)).toContain("'unsafe-eval'");
  });
});
