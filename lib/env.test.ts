import { describe, expect, it } from "vitest";
import { readServerEnv } from "./env";

describe("server environment", () => {
  it("accepts an empty environment and the documented values; empty strings count as unset", () => {
    expect(readServerEnv({})).toEqual({ ok: true, env: {} });
    const r = readServerEnv({ PORT: "3100", DATABASE_SYNCHRONOUS: "FULL", DATABASE_BUSY_TIMEOUT_MS: "250", NIANBAO_DEMO: "1", AUTH_SECRET: "", OTHER: "x" });
    expect(r).toEqual({ ok: true, env: { PORT: 3100, DATABASE_SYNCHRONOUS: "FULL", DATABASE_BUSY_TIMEOUT_MS: 250, NIANBAO_DEMO: "1" } });
  });
  it("names every wrong variable in Chinese and never prints a secret", () => {
    const r = readServerEnv({ DATABASE_SYNCHRONOUS: "FUL", PORT: "80000", AUTH_SECRET: "short-secret", NIANBAO_DEMO: "yes" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(4);
    expect(r.problems.join("\n")).toContain("环境变量 DATABASE_SYNCHRONOUS「FUL」不正确：须为 NORMAL 或 FULL");
    expect(r.problems.join("\n")).toContain("PORT「80000」不正确");
    expect(r.problems.join("\n")).toContain("AUTH_SECRET（内容不显示）不正确：至少 32 个字符");
    expect(r.problems.join("\n")).not.toContain("short-secret");
  });
});
