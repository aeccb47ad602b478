// The autosave path keeps parsed documents and prepared statements between saves (for speed):
// these tests prove it never serves stale data and never shares objects with its callers.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { summarizeSave } from "../lib/audit/summary";
import { computeDerived, getCell, withCell, type ReportDoc } from "../lib/data";
import { validateReport } from "../lib/rules";
import { clean2023, clean2024 } from "../lib/fixtures/load";
import type { Actor } from "../lib/auth/access";
import type { Db } from "./client";
import { createReport, saveReport, validateWithHistory } from "./reports";
import { auditLog, reports } from "./schema";
import { findUserByLogin } from "./users";
import { useTempDb } from "./testing/temp-db";
import { runSqlite } from "./run-sqlite";

let db: Db;
let other: Db; // a second connection to the same file: another process (CLI, restore, second server)
const actor = (login: string): Actor => {
  const u = runSqlite(db, findUserByLogin(login))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};
const named = (doc: ReportDoc) => ({ ...doc, agency: { name: "示范市交通运输局" } });

useTempDb("save", (d, file) => {
  db = d;
  other = file.open({ seed: false });
});

describe("autosave path", () => {
  it("diffs against what is stored now, even when another connection changed it since the last save", () => {
    const drafter = actor("jiaotong-drafter");
    const created = createReport(db, drafter, 2024);
    if (!created.ok) throw new Error(created.error);
    const first = saveReport(db, drafter, created.id, 1, named(clean2024()));
    if (first.kind !== "saved") throw new Error(first.kind);

    // Another process writes version 3 with a different value (bypassing this process's cache).
    const changed = withCell(first.report, "appeals.review.upheld", 41);
    other.update(reports).set({ data: JSON.stringify(changed), version: first.version + 1 }).where(eq(reports.id, created.id)).run();

    const second = saveReport(db, drafter, created.id, first.version + 1, withCell(changed, "appeals.review.upheld", 42));
    expect(second).toMatchObject({ kind: "saved", unchanged: false, version: first.version + 2 });
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.save"), eq(auditLog.entityId, created.id)))
      .all()
      .at(-1)!;
    // The audit shows 41 → 42 (the stored value), not the value this process saved last.
    expect(summarizeSave(audit.before, audit.after)!.cells).toContainEqual({ ref: "appeals.review.upheld", before: 41, after: 42 });

    // A stale save is still a conflict that carries the other process's data.
    const stale = saveReport(db, drafter, created.id, first.version, first.report);
    expect(stale.kind).toBe("conflict");
    if (stale.kind === "conflict") expect(getCell(stale.current.report, "appeals.review.upheld")).toBe(42);
  });

  it("validates against last year's report as stored now", () => {
    const drafter = actor("jiaotong-drafter");
    const prev = createReport(db, drafter, 2023);
    if (!prev.ok) throw new Error(prev.error);
    const saved2023 = saveReport(db, drafter, prev.id, 1, named(clean2023()));
    if (saved2023.kind !== "saved") throw new Error(saved2023.kind);
    const doc2024 = computeDerived(named(clean2024()));
    const before = validateWithHistory(db, drafter.agencyId!, doc2024);
    expect(before).toEqual(validateReport(doc2024, { previous: saved2023.report }));

    // Another process changes last year's 结转下年度: this year's 上年结转 no longer matches.
    const carried = withCell(saved2023.report, "applications.carriedForward.natural", 777);
    other.update(reports).set({ data: JSON.stringify(carried) }).where(eq(reports.id, prev.id)).run();
    const after = validateWithHistory(db, drafter.agencyId!, doc2024);
    expect(after).toEqual(validateReport(doc2024, { previous: carried }));
    expect(after.issues.some((i) => i.rule.startsWith("carry."))).toBe(true);
  });

  it("keeps no reference to the caller's document, and the caller's document stays writable", () => {
    const drafter = actor("jiaotong-drafter");
    const id = db.select().from(reports).where(and(eq(reports.agencyId, drafter.agencyId!), eq(reports.year, 2024))).get()!;
    const mine = named(clean2024());
    mine.meta = { title: "标题", extra: { nested: "x" } };
    const saved = saveReport(db, drafter, id.id, id.version, mine);
    expect(saved.kind).toBe("saved");
    // Changing what the caller sent changes nothing the server keeps.
    mine.narrative.overview = "之后改的";
    (mine.meta.extra as { nested: string }).nested = "y";
    mine.agency.name = "别的名字";
    const row = db.select().from(reports).where(eq(reports.id, id.id)).get()!;
    const again = saveReport(db, drafter, id.id, row.version, JSON.parse(row.data));
    expect(again).toMatchObject({ kind: "saved", unchanged: true });
  });

  it("never saves over a stored document it cannot read: the damaged original stays for recovery", () => {
    const drafter = actor("yingji-drafter");
    const created = createReport(db, drafter, 2023);
    if (!created.ok) throw new Error(created.error);
    const ok = saveReport(db, drafter, created.id, 1, { ...clean2023(), agency: { name: "示范市应急管理局" } });
    if (ok.kind !== "saved") throw new Error(ok.kind);
    other.update(reports).set({ data: '{"format":"nianbao/report@1","tables":' }).where(eq(reports.id, created.id)).run();
    const refused = saveReport(db, drafter, created.id, ok.version, { ...clean2023(), agency: { name: "示范市应急管理局" } });
    expect(refused).toMatchObject({ kind: "locked", reason: expect.stringContaining("无法读取") });
    expect(db.select().from(reports).where(eq(reports.id, created.id)).get()!.data).toBe('{"format":"nianbao/report@1","tables":');
  });
});
