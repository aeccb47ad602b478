import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with bcrypt and verifies", async () => {
    const h = await hashPassword("Passw0rd2026");
    expect(h).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword("Passw0rd2026", h)).toBe(true);
    expect(await verifyPassword("Passw0rd2027", h)).toBe(false);
  });
  it("the dummy hash is a valid hash that matches nothing we use", async () => {
    expect(await verifyPassword("nianbao2026", DUMMY_HASH)).toBe(false);
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
  });
  it("a low-cost hash (generated initial password) is checked with a normal-cost comparison on top, so timing does not single it out", async () => {
    const low = bcrypt.hashSync("Init1al-pass", 4);
    const spy = vi.spyOn(bcrypt, "compare");
    try {
      expect(await verifyPassword("Init1al-pass", low)).toBe(true);
      expect(await verifyPassword("wrong-pass-1", low)).toBe(false);
      expect(spy.mock.calls.map((c) => c[1])).toEqual([low, DUMMY_HASH, low, DUMMY_HASH]);
      spy.mockClear();
      const normal = await hashPassword("Normal-pass-1");
      expect(await verifyPassword("Normal-pass-1", normal)).toBe(true);
      expect(spy.mock.calls.map((c) => c[1])).toEqual([normal]);
    } finally {
      spy.mockRestore();
    }
  });

  it("explains weak passwords in Chinese", () => {
    expect(passwordProblem("abc1")).toBe("密码至少 8 位");
    expect(passwordProblem("abcdefghij")).toBe("密码须同时包含字母和数字");
    expect(passwordProblem("12345678")).toBe("密码须同时包含字母和数字");
    expect(passwordProblem("a1".repeat(40))).toBe("密码不能超过 72 个字符");
    expect(passwordProblem("nianbao2026")).toBeNull();
  });
});
