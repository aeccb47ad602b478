// Demo agencies for load and crash tests, written straight into the server's database file (WAL
// lets both processes use it): each agency gets one drafter and a filled-in report for 2024, plus
// last year's report, so every save also runs the cross-year checks as in real use.
import { isDeepStrictEqual } from "node:util";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { getAgencyByCode, insertAgency } from "../../db/agencies";
import { createReport, saveReport } from "../../db/reports";
import { DEMO_PASSWORD } from "../../db/seed";
import { auditLog, reports } from "../../db/schema";
import { insertUser } from "../../db/users";
import { hashPasswordSync } from "../../lib/auth/password";
import { computeDerived, parseReport, withCell, type ReportDoc } from "../../lib/data";
import example2023 from "../../lib/fixtures/example-2021-shifan-2023.json";
import example2024 from "../../lib/fixtures/example-2021-shifan-2024.json";
import { runSqlite } from "../../db/run-sqlite";

function fixture(json: unknown): ReportDoc {
  const parsed = parseReport(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.report;
}

export interface Drafter {
  login: string;
  userId: number;
  agencyId: number;
  reportId: number;
  /** The report as stored after set-up, and its version. */
  doc: ReportDoc;
  version: number;
}

/** `count` agencies below the demo office, each with a drafter (password: the demo password) and reports. */
export function createDrafters(db: Db, count: number, prefix = "load"): Drafter[] {
  const office = runSqlite(db, getAgencyByCode("sfszfb"));
  if (!office) throw new Error("demo office missing: the server seeds it on first start");
  // One bcrypt hash for all: hashing 50 times would only slow the set-up down.
  const passwordHash = hashPasswordSync(DEMO_PASSWORD);
  const out: Drafter[] = [];
  for (let i = 1; i <= count; i++) {
    const agency = runSqlite(db, insertAgency({ name: `示范市压测${prefix}第${i}局`, code: `${prefix}${i}`, parentId: office.id }));
    const user = runSqlite(db, insertUser({ login: `${prefix}-drafter-${i}`, displayName: `压测填报人${i}`, passwordHash, role: "drafter", agencyId: agency.id }));
    const actor = { id: user.id, role: user.role, agencyId: agency.id };
    for (const [year, doc] of [[2023, fixture(example2023)], [2024, fixture(example2024)]] as const) {
      const created = runSqlite(db, createReport(actor, year));
      if (!created.ok) throw new Error(created.error);
      const saved = runSqlite(db, saveReport(actor, created.id, 1, { ...doc, agency: { name: agency.name, code: agency.code } }));
      if (saved.kind !== "saved") throw new Error(`set-up save failed: ${saved.kind}`);
      if (year === 2024) out.push({ login: user.login, userId: user.id, agencyId: agency.id, reportId: created.id, doc: saved.report, version: saved.version });
    }
  }
  return out;
}

/**
 * The `seq`-th edit of a drafter: 申请人为自然人的「新收申请」and「予以公开」both move by the same
 * amount, so the table stays balanced (a clean report, as most saves are) while every save differs
 * from the one before it.
 */
export function editFor(base: ReportDoc, seq: number): ReportDoc {
  const k = seq % 97;
  const received = (base.tables.applications.received?.natural ?? 0) + k;
  const granted = (base.tables.applications.granted?.natural ?? 0) + k;
  return withCell(withCell(base, "applications.received.natural", received), "applications.granted.natural", granted);
}

/** What the server stores for a sent document: totals recomputed, the agency's own name and code. */
export function expectedStored(sent: unknown, agency: { name: string; code: string }): ReportDoc {
  const parsed = parseReport(sent);
  if (!parsed.ok) throw new Error("sent an unparsable report");
  return computeDerived({ ...parsed.report, agency: { ...parsed.report.agency, name: agency.name, code: agency.code } });
}

export interface Ack {
  version: number;
  sent: unknown;
}

/** The latest audit id, so a check can count only the saves made after it. */
export function lastAuditId(db: Db): number {
  return db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id).all().at(-1)?.id ?? 0;
}

/**
 * Every acknowledged save is in the database: the report is at the last acknowledged version with
 * exactly the data of that save, and the audit log holds one report.save entry per acknowledged
 * save (with that version), and none besides. Returns the problems found (empty when all is well).
 */
export function verifyAcknowledged(db: Db, drafter: Drafter, agency: { name: string; code: string }, acks: readonly Ack[], sinceAuditId: number): string[] {
  const problems: string[] = [];
  const row = db.select().from(reports).where(eq(reports.id, drafter.reportId)).get();
  if (!row) return [`report ${drafter.reportId} missing`];
  const last = acks.at(-1);
  const wantVersion = last?.version ?? drafter.version;
  if (row.version !== wantVersion) problems.push(`report ${row.id}: version ${row.version} in the database, last acknowledged ${wantVersion}`);
  if (last) {
    const stored = parseReport(JSON.parse(row.data));
    if (!stored.ok || !isDeepStrictEqual(stored.report, expectedStored(last.sent, agency))) problems.push(`report ${row.id}: stored data differs from the last acknowledged save (version ${last.version})`);
  }
  const audited = db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, "report.save"), eq(auditLog.entityId, drafter.reportId), gt(auditLog.id, sinceAuditId)))
    .all()
    .map((a) => (JSON.parse(a.after ?? "{}") as { version?: number }).version);
  const want = acks.map((a) => a.version);
  if (!isDeepStrictEqual(audited, want)) problems.push(`report ${row.id}: ${want.length} acknowledged saves, ${audited.length} audited (versions ${audited.slice(0, 5).join(",")}… vs ${want.slice(0, 5).join(",")}…)`);
  return problems;
}
