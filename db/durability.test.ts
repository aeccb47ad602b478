// The database's durability setting: WAL with synchronous NORMAL unless FULL is asked for.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";

const dirs: string[] = [];
function open() {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-sync-"));
  dirs.push(dir);
  return openDatabase(join(dir, "t.db"), { seed: false });
}
afterEach(() => {
  delete process.env.DATABASE_SYNCHRONOUS;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("durability settings", () => {
  it("uses WAL with synchronous NORMAL by default", () => {
    const db = open();
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    db.$client.close();
  });

  it("syncs every commit when DATABASE_SYNCHRONOUS=FULL", () => {
    process.env.DATABASE_SYNCHRONOUS = "full";
    const db = open();
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2); // FULL
    db.$client.close();
  });

  it("ignores anything else (never OFF)", () => {
    process.env.DATABASE_SYNCHRONOUS = "OFF";
    const db = open();
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(1);
    db.$client.close();
  });
});
