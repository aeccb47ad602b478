// The value conversion of `nianbao db copy` (SQLite storage → what PostgreSQL stores) and the
// canonical form both sides are hashed in. Needs no server.
import { describe, expect, it } from "vitest";
import { canonical, convert, CopyError } from "./copy";

const col = (kind: "integer" | "double" | "boolean" | "timestamp" | "text" | "bytes") => ({ name: "c", kind });

describe("db copy: values", () => {
  it("converts each SQLite storage class to the PostgreSQL value the app reads", () => {
    expect(convert("t", col("integer"), 7)).toBe(7);
    // real → double precision: the same IEEE double (quality_items.score).
    expect(convert("t", col("double"), 87.35)).toBe(87.35);
    expect(convert("t", col("double"), 90)).toBe(90);
    expect(convert("t", col("boolean"), 1)).toBe(true);
    expect(convert("t", col("boolean"), 0)).toBe(false);
    // Fractional milliseconds (unixepoch('subsec') * 1000) → whole milliseconds, as drizzle reads them.
    expect((convert("t", col("timestamp"), 1764800000999.6) as Date).getTime()).toBe(1764800000999);
    expect(convert("t", col("text"), "文字")).toBe("文字");
    expect(convert("t", col("bytes"), Buffer.from([0, 255]))).toEqual(Buffer.from([0, 255]));
    expect(convert("t", col("text"), null)).toBeNull();
  });

  it("refuses what PostgreSQL cannot hold, naming the table and column", () => {
    expect(() => convert("t", col("integer"), 2 ** 31)).toThrow(CopyError);
    expect(() => convert("t", col("integer"), 1.5)).toThrow(/表 t 的列 c/);
    expect(() => convert("t", col("boolean"), 2)).toThrow(CopyError);
    expect(() => convert("t", col("double"), "1.5")).toThrow(CopyError);
    expect(() => convert("t", col("timestamp"), "2024-01-01")).toThrow(CopyError);
    expect(() => convert("t", col("text"), "a\u0000b")).toThrow(/NUL/);
    expect(() => convert("t", col("text"), Buffer.from("x"))).toThrow(CopyError);
    expect(() => convert("t", col("bytes"), "x")).toThrow(CopyError);
  });

  it("hashes a Date by its milliseconds and bytes by their hex, the same for both sides' values", () => {
    expect(canonical(new Date(5))).toBe(5);
    expect(canonical(Buffer.from([1, 2]))).toBe("\\x0102");
    expect(canonical(undefined)).toBeNull();
    expect(canonical("x")).toBe("x");
    expect(canonical(0.1 + 0.2)).toBe(0.1 + 0.2);
  });
});
