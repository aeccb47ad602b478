import { describe, expect, it } from "vitest";
import { formatDateTime, formatTime } from "./format-date";

describe("format-date (formatters made on first use)", () => {
  it("dates and times in China time, 24-hour, whatever the process's zone", () => {
    const d = new Date(Date.UTC(2024, 0, 2, 17, 3, 9)); // 2024-01-03 01:03:09 in Beijing
    expect(formatDateTime(d)).toBe("2024/01/03 01:03");
    expect(formatDateTime(d.getTime())).toBe("2024/01/03 01:03");
    expect(formatDateTime(null)).toBe("—");
    expect(formatTime(d)).toBe("01:03");
    expect(formatTime(d, { seconds: true })).toBe("01:03:09");
    // The same formatter again (made once, then kept).
    expect(formatTime(new Date(Date.UTC(2024, 0, 2, 4, 5, 6)), { seconds: true })).toBe("12:05:06");
  });
});
