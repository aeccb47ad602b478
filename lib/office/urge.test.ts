import { describe, expect, it } from "vitest";
import { defaultUrgeMessage, isEmailAddress, urgeMail, urgeRequestSchema } from "./urge";

describe("urge", () => {
  it("request: at least one agency, bounded, message trimmed and capped", () => {
    expect(urgeRequestSchema.safeParse({ year: 2024, agencyIds: [] }).success).toBe(false);
    expect(urgeRequestSchema.safeParse({ year: 2024, agencyIds: Array.from({ length: 5001 }, (_, i) => i + 1) }).success).toBe(false);
    expect(urgeRequestSchema.safeParse({ year: 2024, agencyIds: [1], message: "x".repeat(501) }).success).toBe(false);
    expect(urgeRequestSchema.parse({ year: 2024, agencyIds: [1, 2], message: "  请尽快  " }).message).toBe("请尽快");
  });
  it("default message names the year and its deadline", () => {
    expect(defaultUrgeMessage(2024)).toContain("2025年1月31日");
  });
  it("mail is plain text naming the agency, with the link", () => {
    const m = urgeMail({ officeName: "示范市人民政府办公室", agencyName: "示范市应急管理局", year: 2024, message: "请尽快发布", link: "http://x/reports/1" });
    expect(m.subject).toBe("【催办】示范市应急管理局 2024 年度政府信息公开工作年度报告");
    expect(m.text.split("\n")).toEqual(["示范市应急管理局：", "", "请尽快发布", "", "打开年报：http://x/reports/1", "", "—— 示范市人民政府办公室（年报系统自动发送，请勿直接回复）"]);
  });
  it.each([
    ["wangmin@example.gov.cn", true],
    ["a.b+c@sub.example.cn", true],
    ["drafter@", false],
    ["no at.cn", false],
    ["a@b", false],
    ["<a@b.cn>", false],
  ])("isEmailAddress(%s) = %s", (s, ok) => expect(isEmailAddress(s)).toBe(ok));
});
