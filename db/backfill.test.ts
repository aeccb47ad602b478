// 补录: a past year's report imported from its published file can be recorded as published by the
// agency's reviewer without a new review; nothing else can take that shortcut.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import { parseReport, type ReportDoc } from "../lib/data";
import type { Db } from "./client";
import { useTempDb } from "./testing/temp-db";
import { createReportFromImport, wasImported } from "./reports";
import { dashboardAgencyRows, oversightScope } from "./oversight";
import { findPublicRevisions } from "./public";
import { agencies, auditLog, reports, reportVersions } from "./schema";
import { findUserByLogin } from "./users";
import { applyTransition } from "./workflow";
import { runSqlite } from "./run-sqlite";

let db: Db;
useTempDb("backfill", (d) => (db = d), { each: true });

const actor = (login: string) => {
  const u = runSqlite(db, findUserByLogin(login))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};

function doc(year: number): ReportDoc {
  const parsed = parseReport({ ...example, year });
  if (!parsed.ok) throw new Error("fixture");
  // A published report as it was printed: blanks and all (the completeness gate does not apply).
  return { ...parsed.report, narrative: { ...parsed.report.narrative, problems: "" } };
}

describe("补录为已发布", () => {
  it("an imported past year's report is published by its reviewer without a review, audited, publicly visible", () => {
    const created = runSqlite(db, createReportFromImport(actor("yingji-drafter"), doc(2022)));
    if (!created.ok) throw new Error(created.error);
    expect(runSqlite(db, wasImported(created.id))).toBe(true);
    expect(runSqlite(db, applyTransition(actor("yingji-drafter"), created.id, { action: "backfillPublish", version: 1 })).ok).toBe(false);
    const out = runSqlite(db, applyTransition(actor("yingji-reviewer"), created.id, { action: "backfillPublish", version: 1 }));
    expect(out.ok).toBe(true);
    expect(db.select().from(reports).where(eq(reports.id, created.id)).get()!.status).toBe("published");
    const snap = db.select().from(reportVersions).where(eq(reportVersions.reportId, created.id)).get()!;
    expect(snap.kind).toBe("publish");
    const audit = db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "report.backfillPublish"))).get();
    expect(audit?.actorId).toBe(actor("yingji-reviewer").id);
  });

  it("is refused for a report written here, and for a year whose deadline has not passed", () => {
    const future = new Date().getFullYear();
    const created = runSqlite(db, createReportFromImport(actor("yingji-drafter"), doc(future)));
    if (!created.ok) throw new Error(created.error);
    const out = runSqlite(db, applyTransition(actor("yingji-reviewer"), created.id, { action: "backfillPublish", version: 1 }));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toContain("只有由已发布文件导入");
    const written = db.insert(reports).values({ agencyId: actor("yingji-drafter").agencyId!, year: 2021, edition: "2021", data: JSON.stringify(doc(2021)) }).returning().get();
    const refused = runSqlite(db, applyTransition(actor("yingji-reviewer"), written.id, { action: "backfillPublish", version: 1 }));
    expect(refused.ok).toBe(false);
  });

  it("keeps the publication date the reviewer gives (or none); the public page and the on-time check use it", () => {
    const dated = runSqlite(db, createReportFromImport(actor("yingji-drafter"), doc(2021)));
    if (!dated.ok) throw new Error(dated.error);
    const bad = runSqlite(db, applyTransition(actor("yingji-reviewer"), dated.id, { action: "backfillPublish", version: 1, publishedOn: "2021-12-31" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain("不能早于 2022 年 1 月 1 日");
    expect(db.select().from(reports).where(eq(reports.id, dated.id)).get()!.status).toBe("draft");
    expect(runSqlite(db, applyTransition(actor("yingji-reviewer"), dated.id, { action: "backfillPublish", version: 1, publishedOn: "2022-01-27" })).ok).toBe(true);
    const snap = db.select().from(reportVersions).where(eq(reportVersions.reportId, dated.id)).get()!;
    expect(snap.backfill).toBe(true);
    expect(snap.publishedOn).toBe("2022-01-27");
    const agency = db.select().from(agencies).where(eq(agencies.id, actor("yingji-drafter").agencyId!)).get()!;
    const revisions = runSqlite(db, findPublicRevisions(agency.code, 2021))!;
    expect(revisions[0]).toMatchObject({ backfill: true, publishedOn: "2022-01-27" });
    // The supervising office's on-time check reads the real publication day (before 31 January: on time).
    const row = runSqlite(db, dashboardAgencyRows(runSqlite(db, oversightScope(actor("supervisor"))), 2021)).find((r) => r.report?.id === dated.id);
    expect(row?.report?.firstPublishedAt?.toISOString().slice(0, 10)).toBe("2022-01-27");

    const undated = runSqlite(db, createReportFromImport(actor("yingji-drafter"), doc(2020)));
    if (!undated.ok) throw new Error(undated.error);
    expect(runSqlite(db, applyTransition(actor("yingji-reviewer"), undated.id, { action: "backfillPublish", version: 1, publishedOn: "" })).ok).toBe(true);
    expect(runSqlite(db, findPublicRevisions(agency.code, 2020))![0]).toMatchObject({ backfill: true, publishedOn: null });
  });

  it("a publication date is refused on any other step", () => {
    const created = runSqlite(db, createReportFromImport(actor("yingji-drafter"), doc(2021)));
    if (!created.ok) throw new Error(created.error);
    const out = runSqlite(db, applyTransition(actor("yingji-drafter"), created.id, { action: "submit", publishedOn: "2022-01-27" }));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toContain("只有补录为已发布时");
  });
});
