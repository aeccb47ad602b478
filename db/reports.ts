// Data access for reports. Every read that serves a user goes through an access check against the
// agency hierarchy (lib/auth/access.ts); callers pass the actor, never a bare id they trust.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { canDraftForAgency, canViewAgency, type Actor } from "../lib/auth/access";
import { computeDerived, diffReports, emptyReport, isEmptyDiff, parseReport, startNextYear, type ReportDoc } from "../lib/data";
import { validateReport, type ValidationResult } from "../lib/rules";
import { editionForYear } from "../lib/template";
import { canEditContent } from "../lib/workflow/editing";
import { getAgency, loadHierarchy } from "./agencies";
import { writeAudit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { agencies, reports, reportVersions, users } from "./schema";

const listSelection = {
  id: reports.id,
  agencyId: reports.agencyId,
  agencyName: agencies.name,
  agencyCode: agencies.code,
  year: reports.year,
  edition: reports.edition,
  status: reports.status,
  version: reports.version,
  updatedAt: reports.updatedAt,
  updatedByName: users.displayName,
};

/** Reports of every agency the actor may view. */
export function listReportsForActor(db: Db, actor: Actor, opts: { year?: number } = {}) {
  const h = loadHierarchy(db);
  const visible = [...h.keys()].filter((id) => canViewAgency(actor, id, h));
  if (visible.length === 0) return [];
  const conds = [inArray(reports.agencyId, visible)];
  if (opts.year != null) conds.push(eq(reports.year, opts.year));
  return db
    .select(listSelection)
    .from(reports)
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .leftJoin(users, eq(reports.updatedBy, users.id))
    .where(and(...conds))
    .orderBy(desc(reports.year), agencies.id)
    .all();
}

export type ReportAccess =
  | { ok: true; report: typeof reports.$inferSelect & { agencyName: string } }
  | { ok: false; reason: "not_found" | "forbidden" };

/** The report row with its agency's name (no access check: callers check). */
export function loadReportWithAgency(db: DbOrTx, id: number) {
  return db
    .select({ report: reports, agencyName: agencies.name })
    .from(reports)
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .where(eq(reports.id, id))
    .get();
}

export function getReportForActor(db: Db, actor: Actor, id: number): ReportAccess {
  const row = loadReportWithAgency(db, id);
  if (!row) return { ok: false, reason: "not_found" };
  if (!canViewAgency(actor, row.report.agencyId, loadHierarchy(db))) return { ok: false, reason: "forbidden" };
  return { ok: true, report: { ...row.report, agencyName: row.agencyName } };
}

/** The stored document; a row that somehow holds an unreadable document yields a blank draft. */
export function readReportData(row: { data: string; year: number; edition: string }, agencyName: string): ReportDoc {
  try {
    const parsed = parseReport(JSON.parse(row.data));
    if (parsed.ok) return parsed.report;
  } catch {
    // fall through
  }
  return emptyReport(row.year, agencyName);
}

/** The active agency a drafter writes for, or the Chinese reason they cannot. */
function draftingAgency(db: Db, actor: Actor, verb: string) {
  if (actor.agencyId == null || !canDraftForAgency(actor, actor.agencyId)) return { ok: false as const, error: `只有填报人可以${verb}本单位的年报` };
  const agency = getAgency(db, actor.agencyId);
  if (!agency?.active) return { ok: false as const, error: "所属单位已停用" };
  return { ok: true as const, agency };
}

function reportIdFor(db: DbOrTx, agencyId: number, year: number): number | undefined {
  return db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year)))
    .get()?.id;
}

export type CreateOutcome = { ok: true; id: number; created: boolean } | { ok: false; error: string };

/**
 * Last year's report of the agency, as the reference for roll-forward and cross-year checks: the
 * latest published revision when there is one (that is what the public saw), else the saved draft.
 */
export function findPreviousReport(db: Db, agencyId: number, year: number): ReportDoc | null {
  const row = db
    .select({ report: reports, agencyName: agencies.name })
    .from(reports)
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year - 1)))
    .get();
  if (!row) return null;
  const published = db
    .select({ id: reportVersions.id })
    .from(reportVersions)
    .where(and(eq(reportVersions.reportId, row.report.id), eq(reportVersions.kind, "publish")))
    .orderBy(desc(reportVersions.id))
    .get();
  return (published && getSnapshotData(db, row.report.id, published.id)) || readReportData(row.report, row.agencyName);
}

/** The server's authoritative validation of a report: every rule, with last year's report for the cross-year checks. */
export function validateWithHistory(db: Db, agencyId: number, doc: ReportDoc): ValidationResult {
  const previous = findPreviousReport(db, agencyId, doc.year);
  return validateReport(doc, previous ? { previous } : {});
}

/**
 * Opens the agency's report for `year`, creating it when there is none (one per agency and year).
 * With `rollForward`, a new report starts from last year's: 二、上年结转 is filled from last year's
 * 四、结转下年度 (also from a 2019-edition 2020 report into the 2021 format); nothing else is copied.
 */
export function createReport(db: Db, actor: Actor, year: number, opts: { rollForward?: boolean } = {}): CreateOutcome {
  const who = draftingAgency(db, actor, "新建");
  if (!who.ok) return who;
  const { agency } = who;
  const edition = editionForYear(year);
  if (!edition) return { ok: false, error: `${year} 年度没有统一的年度报告格式（格式自 2019 年度起施行）` };
  return db.transaction((tx) => {
    const existing = reportIdFor(tx, agency.id, year);
    if (existing !== undefined) return { ok: true as const, id: existing, created: false };
    const previous = opts.rollForward ? findPreviousReport(db, agency.id, year) : null;
    const doc = previous ? startNextYear(previous, year) : emptyReport(year, agency.name);
    doc.agency = { name: agency.name, code: agency.code };
    if (previous) doc.narrative = { overview: "", problems: "", other: "" };
    const row = tx
      .insert(reports)
      .values({ agencyId: agency.id, year, edition, data: JSON.stringify(doc), createdBy: actor.id, updatedBy: actor.id })
      .returning({ id: reports.id })
      .get();
    writeAudit(tx, { actorId: actor.id, action: "report.create", entityType: "report", entityId: row.id, agencyId: agency.id, after: { year, edition, rolledForwardFrom: previous ? year - 1 : null } });
    return { ok: true as const, id: row.id, created: true };
  });
}

export type SaveOutcome =
  | { kind: "saved"; version: number; updatedAt: Date; report: ReportDoc; validation: ValidationResult; unchanged: boolean }
  | { kind: "conflict"; current: { version: number; updatedAt: Date; updatedByName: string | null; report: ReportDoc } }
  | { kind: "not_found" }
  | { kind: "forbidden"; reason: string }
  | { kind: "locked"; reason: string }
  | { kind: "mismatch"; reason: string };

/**
 * Saves a new version of the report's content if `baseVersion` is still the current version
 * (optimistic concurrency: a stale save never overwrites someone else's newer work). The server
 * recomputes every total from the typed-in cells — it never trusts client totals — validates, and
 * records the changed cells in the audit log.
 */
export function saveReport(db: Db, actor: Actor, id: number, baseVersion: number, incoming: ReportDoc): SaveOutcome {
  return db.transaction((tx) => {
    const row = tx
      .select({ report: reports, agencyName: agencies.name, agencyCode: agencies.code, updatedByName: users.displayName })
      .from(reports)
      .innerJoin(agencies, eq(reports.agencyId, agencies.id))
      .leftJoin(users, eq(reports.updatedBy, users.id))
      .where(eq(reports.id, id))
      .get();
    if (!row) return { kind: "not_found" as const };
    if (!canViewAgency(actor, row.report.agencyId, loadHierarchy(db))) return { kind: "not_found" as const };
    const can = canEditContent(actor, row.report);
    if (!can.ok) {
      // The wrong person is refused as such; the right person at the wrong time is told why.
      return canDraftForAgency(actor, row.report.agencyId) ? { kind: "locked" as const, reason: can.reason } : { kind: "forbidden" as const, reason: can.reason };
    }
    const current = readReportData(row.report, row.agencyName);
    if (row.report.version !== baseVersion) {
      return {
        kind: "conflict" as const,
        current: { version: row.report.version, updatedAt: row.report.updatedAt, updatedByName: row.updatedByName, report: current },
      };
    }
    if (incoming.year !== row.report.year || incoming.edition !== row.report.edition) {
      return { kind: "mismatch" as const, reason: `文档的年度或格式版本（${incoming.year} 年度，${incoming.edition} 版）与该年报（${row.report.year} 年度，${row.report.edition} 版）不符` };
    }
    // The agency is the report's, whatever the document says.
    const next = computeDerived({ ...incoming, agency: { ...incoming.agency, name: row.agencyName, code: row.agencyCode } });
    const validation = validateWithHistory(db, row.report.agencyId, next);
    const diff = diffReports(current, next);
    if (isEmptyDiff(diff)) {
      return { kind: "saved" as const, version: row.report.version, updatedAt: row.report.updatedAt, report: next, validation, unchanged: true };
    }
    const now = new Date();
    const updated = tx
      .update(reports)
      .set({ data: JSON.stringify(next), version: sql`${reports.version} + 1`, updatedBy: actor.id, updatedAt: now })
      .where(and(eq(reports.id, id), eq(reports.version, baseVersion)))
      .returning({ version: reports.version })
      .get();
    if (!updated) {
      return { kind: "conflict" as const, current: { version: row.report.version, updatedAt: row.report.updatedAt, updatedByName: row.updatedByName, report: current } };
    }
    writeAudit(tx, {
      actorId: actor.id,
      action: "report.save",
      entityType: "report",
      entityId: id,
      agencyId: row.report.agencyId,
      before: { version: baseVersion, cells: diff.cells.map((c) => [c.ref, c.before]), texts: diff.texts.map((t) => [t.path, t.before]) },
      after: { version: updated.version, cells: diff.cells.map((c) => [c.ref, c.after]), texts: diff.texts.map((t) => [t.path, t.after]) },
    });
    return { kind: "saved" as const, version: updated.version, updatedAt: now, report: next, validation, unchanged: false };
  });
}

/** The document of one snapshot of the report, or null when it is not a snapshot of this report. */
export function getSnapshotData(db: Db, reportId: number, snapshotId: number): ReportDoc | null {
  if (!Number.isSafeInteger(snapshotId) || snapshotId <= 0) return null;
  const row = db
    .select({ data: reportVersions.data })
    .from(reportVersions)
    .where(and(eq(reportVersions.id, snapshotId), eq(reportVersions.reportId, reportId)))
    .get();
  if (!row) return null;
  try {
    const parsed = parseReport(JSON.parse(row.data));
    return parsed.ok ? parsed.report : null;
  } catch {
    return null;
  }
}

export type ImportOutcome = { ok: true; id: number } | { ok: false; error: string };

/**
 * Creates the agency's report for the imported document's year, keeping the figures exactly as
 * printed (the rule engine then shows the printed errors). Never overwrites an existing report.
 */
export function createReportFromImport(db: Db, actor: Actor, doc: ReportDoc): ImportOutcome {
  const who = draftingAgency(db, actor, "导入");
  if (!who.ok) return who;
  const { agency } = who;
  return db.transaction((tx) => {
    if (reportIdFor(tx, agency.id, doc.year) !== undefined) return { ok: false as const, error: `本单位 ${doc.year} 年度已有年报，未导入（不会覆盖已有内容）` };
    const data: ReportDoc = { ...doc, agency: { ...doc.agency, name: agency.name, code: agency.code } };
    const row = tx
      .insert(reports)
      .values({ agencyId: agency.id, year: doc.year, edition: doc.edition, data: JSON.stringify(data), createdBy: actor.id, updatedBy: actor.id })
      .returning({ id: reports.id })
      .get();
    writeAudit(tx, { actorId: actor.id, action: "report.import", entityType: "report", entityId: row.id, agencyId: agency.id, after: { year: doc.year, edition: doc.edition } });
    return { ok: true as const, id: row.id };
  });
}
