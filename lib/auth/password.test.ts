import { describe, expect, it } from "vitest";
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
  it("explains weak passwords in Chinese", () => {
    expect(passwordProblem("abc1")).toBe("密码至少 8 位");
    expect(passwordProblem("abcdefghij")).toBe("密码须同时包含字母和数字");
    expect(passwordProblem("12345678")).toBe("密码须同时包含字母和数字");
    expect(passwordProblem("a1".repeat(40))).toBe("密码不能超过 72 个字符");
    expect(passwordProblem("nianbao2026")).toBeNull();
  });
});
