import { describe, expect, it } from "vitest";
import { isBusyError } from "./busy";
import { clientAddress } from "./address";

describe("busy database errors", () => {
  it("recognises SQLite's busy and locked codes only", () => {
    expect(isBusyError(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isBusyError(Object.assign(new Error("x"), { code: "SQLITE_BUSY_SNAPSHOT" }))).toBe(true);
    expect(isBusyError(Object.assign(new Error("x"), { code: "SQLITE_LOCKED" }))).toBe(true);
    expect(isBusyError(Object.assign(new Error("x"), { code: "SQLITE_CONSTRAINT" }))).toBe(false);
    expect(isBusyError(new Error("SQLITE_BUSY"))).toBe(false);
    expect(isBusyError(null)).toBe(false);
  });
});

describe("client address for throttling", () => {
  it("takes the first forwarded address, and 'unknown' for garbage", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(clientAddress(h({ "x-forwarded-for": "10.0.0.1, 172.16.0.1" }))).toBe("10.0.0.1");
    expect(clientAddress(h({ "x-forwarded-for": "::FFFF:127.0.0.1" }))).toBe("::ffff:127.0.0.1");
    expect(clientAddress(h({ "x-real-ip": "10.0.0.2" }))).toBe("10.0.0.2");
    expect(clientAddress(h({}))).toBe("unknown");
    expect(clientAddress(h({ "x-forwarded-for": "<script>" }))).toBe("unknown");
    expect(clientAddress(h({ "x-forwarded-for": "1".repeat(100) }))).toBe("unknown");
  });
});
