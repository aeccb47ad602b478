import { describe, expect, it } from "vitest";
import { checkBackfillDate, formatIsoDay, isoDateFromText } from "./backfill-date";

describe("back-fill publication date", () => {
  const today = new Date(2026, 11, 4);
  it("reads the signature dates reports print", () => {
    expect(isoDateFromText("2021年1月28日")).toBe("2021-01-28");
    expect(isoDateFromText("２０２１年１月２８日")).toBe("2021-01-28");
    expect(isoDateFromText("2021 年 1 月 8 日")).toBe("2021-01-08");
    expect(isoDateFromText("2021.1.28")).toBe("2021-01-28");
    expect(isoDateFromText("2021-02-30")).toBeNull();
    expect(isoDateFromText("2021年1月")).toBeNull();
    expect(isoDateFromText("")).toBeNull();
  });
  it("accepts none, a day in the following years up to today, and refuses the rest in Chinese", () => {
    expect(checkBackfillDate("", 2020, today)).toEqual({ ok: true, date: null });
    expect(checkBackfillDate(undefined, 2020, today)).toEqual({ ok: true, date: null });
    expect(checkBackfillDate("2021-01-28", 2020, today)).toEqual({ ok: true, date: "2021-01-28" });
    const early = checkBackfillDate("2020-12-31", 2020, today);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.reason).toContain("不能早于 2021 年 1 月 1 日");
    const future = checkBackfillDate("2026-12-05", 2020, today);
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.reason).toBe("发布日期不能晚于今天");
    const bad = checkBackfillDate("2021-02-30", 2020, today);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain("不是有效日期");
  });
  it("formats a day the Chinese way", () => expect(formatIsoDay("2021-01-08")).toBe("2021年1月8日"));
});
