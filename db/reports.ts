// Data access for reports. Every read that serves a user goes through an access check against the
// agency hierarchy (lib/auth/access.ts); callers pass the actor, never a bare id they trust.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { canDraftForAgency, canViewAgency, type Actor, type Hierarchy } from "../lib/auth/access";
import { computeDerived, diffReports, emptyReport, isEmptyDiff, parseStoredReport, startNextYear, type ReportDoc } from "../lib/data";
import type { ValidationResult } from "../lib/rules";
import { editionForYear } from "../lib/template";
import { canEditContent } from "../lib/workflow/editing";
import { may } from "../lib/workflow/permissions";
import { getAgency, loadHierarchy } from "./agencies";
import { makeDelta, textHash, type SaveDelta } from "../lib/audit/delta";
import { writeAudit } from "./audit";
import { validateWithReferences } from "./reference";
import type { Db, DbOrTx } from "./client";
import { prepared } from "./prepared";
import { agencies, auditLog, reports, reportVersions, users } from "./schema";
import { cachedDoc, remember } from "./stored-docs";
import { runSqlite } from "./run-sqlite";

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
  const h = runSqlite(db, loadHierarchy());
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
  if (!canViewAgency(actor, row.report.agencyId, runSqlite(db, loadHierarchy()))) return { ok: false, reason: "forbidden" };
  return { ok: true, report: { ...row.report, agencyName: row.agencyName } };
}

/**
 * The stored document; a row that somehow holds an unreadable document yields a blank draft for
 * display — `isStoredDataReadable` tells the page to show it read-only, and `saveReport` refuses to
 * save over such a row, so the damaged original is never overwritten by the blank.
 */
export function readReportData(row: { data: string; year: number; edition: string }, agencyName: string): ReportDoc {
  return parseStoredReport(row.data) ?? emptyReport(row.year, agencyName);
}

export function isStoredDataReadable(row: { data: string }): boolean {
  return parseStoredReport(row.data) !== null;
}

/** readReportData for the save path: the (frozen) document is shared with later saves of the same text. */
function storedReportData(row: { id: number; data: string; year: number; edition: string }, agencyName: string): ReportDoc {
  // The blank fallback is never cached: the cache must only ever hold what the row really says.
  return cachedDoc(`report:${row.id}`, row.data, parseStoredReport) ?? emptyReport(row.year, agencyName);
}

/** The active agency a drafter writes for, or the Chinese reason they cannot. */
function draftingAgency(db: Db, actor: Actor, verb: string) {
  if (actor.agencyId == null || !canDraftForAgency(actor, actor.agencyId)) return { ok: false as const, error: `只有填报人可以${verb}本单位的年报` };
  const agency = runSqlite(db, getAgency(actor.agencyId));
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
 * It runs on every autosave (validation), so: one prepared query, and no parsing unless the stored
 * text changed. The result is frozen and shared — read it, never change it.
 */
export function findPreviousReport(db: Db, agencyId: number, year: number): ReportDoc | null {
  const row = prepared(db, "reports.previous", (d) =>
    d
      .select({
        id: reports.id,
        data: reports.data,
        year: reports.year,
        edition: reports.edition,
        agencyName: agencies.name,
        publishedId: sql<number | null>`(select max(${reportVersions.id}) from ${reportVersions} where ${reportVersions.reportId} = ${reports.id} and ${reportVersions.kind} = 'publish')`,
      })
      .from(reports)
      .innerJoin(agencies, eq(reports.agencyId, agencies.id))
      .where(and(eq(reports.agencyId, sql.placeholder("agencyId")), eq(reports.year, sql.placeholder("year"))))
      .prepare(),
  ).get({ agencyId, year: year - 1 });
  if (!row) return null;
  if (row.publishedId != null) {
    const snapshot = prepared(db, "reports.snapshot-data", (d) =>
      d.select({ data: reportVersions.data }).from(reportVersions).where(eq(reportVersions.id, sql.placeholder("id"))).prepare(),
    ).get({ id: row.publishedId });
    const doc = snapshot && cachedDoc(`snapshot:${row.publishedId}`, snapshot.data, parseStoredReport);
    if (doc) return doc;
  }
  return storedReportData(row, row.agencyName);
}

/**
 * The server's authoritative validation of a report: every rule, with last year's report (or, when
 * there is none, its archived old-style report) and other agencies' public reports of the same year.
 */
export function validateWithHistory(db: Db, agencyId: number, doc: ReportDoc): ValidationResult {
  return validateWithReferences(db, agencyId, doc, findPreviousReport(db, agencyId, doc.year));
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
    runSqlite(tx, writeAudit({ actorId: actor.id, action: "report.create", entityType: "report", entityId: row.id, agencyId: agency.id, after: { year, edition, rolledForwardFrom: previous ? year - 1 : null } }));
    return { ok: true as const, id: row.id, created: true };
  });
}

export type SaveOutcome =
  | { kind: "saved"; version: number; updatedAt: Date; report: ReportDoc; validation: ValidationResult; unchanged: boolean }
  | { kind: "conflict"; current: { version: number; updatedAt: Date; updatedBy: number | null; updatedByName: string | null; report: ReportDoc } }
  | { kind: "not_found" }
  | { kind: "forbidden"; reason: string }
  | { kind: "locked"; reason: string }
  | { kind: "mismatch"; reason: string };

/**
 * Saves a new version of the report's content if `baseVersion` is still the current version
 * (optimistic concurrency: a stale save never overwrites someone else's newer work). The server
 * recomputes every total from the typed-in cells — it never trusts client totals — validates, and
 * records the change in the audit log as a compact delta of the stored text.
 */
export function saveReport(db: Db, actor: Actor, id: number, baseVersion: number, incoming: ReportDoc): SaveOutcome {
  const q = saveStatements(db);
  // IMMEDIATE: take the write lock before reading. A deferred transaction that read first could not
  // upgrade once another process (CLI, a restore, a second server) had written in between: SQLite
  // answers SQLITE_BUSY_SNAPSHOT at once, without waiting for busy_timeout.
  return db.transaction(() => {
    const row = q.load.get({ id });
    if (!row) return { kind: "not_found" as const };
    if (!canViewAgency(actor, row.report.agencyId, lazyHierarchy(db))) return { kind: "not_found" as const };
    const can = canEditContent(actor, row.report);
    if (!can.ok) {
      // The wrong person is refused as such; the right person at the wrong time is told why.
      return can.locked ? { kind: "locked" as const, reason: can.reason } : { kind: "forbidden" as const, reason: can.reason };
    }
    const current = cachedDoc(`report:${row.report.id}`, row.report.data, parseStoredReport);
    if (!current) {
      return { kind: "locked" as const, reason: "已保存的年报数据无法读取（可能已损坏），为避免覆盖原数据，本次修改未保存。请联系系统管理员从备份恢复" };
    }
    if (row.report.version !== baseVersion) {
      return {
        kind: "conflict" as const,
        current: { version: row.report.version, updatedAt: row.report.updatedAt, updatedBy: row.report.updatedBy, updatedByName: row.updatedByName, report: current },
      };
    }
    if (incoming.year !== row.report.year || incoming.edition !== row.report.edition) {
      return { kind: "mismatch" as const, reason: `文档的年度或格式版本（${incoming.year} 年度，${incoming.edition} 版）与该年报（${row.report.year} 年度，${row.report.edition} 版）不符` };
    }
    // The agency is the report's, whatever the document says. The saved document is kept (frozen)
    // for the next save, so it must share no object with the caller's `incoming`.
    const next = computeDerived({
      ...incoming,
      agency: { ...structuredClone(incoming.agency), name: row.agencyName, code: row.agencyCode },
      narrative: { ...incoming.narrative },
      ...(incoming.meta ? { meta: structuredClone(incoming.meta) } : {}),
    });
    const validation = validateWithHistory(db, row.report.agencyId, next);
    const diff = diffReports(current, next);
    if (isEmptyDiff(diff)) {
      return { kind: "saved" as const, version: row.report.version, updatedAt: row.report.updatedAt, report: next, validation, unchanged: true };
    }
    const now = new Date();
    const text = JSON.stringify(next);
    const updated = q.update.get({ id, base: baseVersion, data: text, by: actor.id, at: now.getTime() });
    if (!updated) {
      return { kind: "conflict" as const, current: { version: row.report.version, updatedAt: row.report.updatedAt, updatedBy: row.report.updatedBy, updatedByName: row.updatedByName, report: current } };
    }
    // The audit entry is the compact, reversible delta from the stored text it replaced to the new
    // one (lib/audit/delta.ts): a narrative keystroke burst costs its own characters, not the whole
    // section twice, and every saved version can be rebuilt from the current one (db/audit.ts).
    const delta: SaveDelta = { version: updated.version, base: baseVersion, hash: textHash(text), ops: makeDelta(row.report.data, text, next) };
    q.audit.run({ actorId: actor.id, entityId: id, agencyId: row.report.agencyId, before: null, after: JSON.stringify(delta) });
    remember(`report:${id}`, text, next);
    return { kind: "saved" as const, version: updated.version, updatedAt: now, report: next, validation, unchanged: false };
  }, { behavior: "immediate" });
}

/** The statements of an autosave, prepared once per connection (the audit row as writeAudit writes it). */
function saveStatements(db: Db) {
  return prepared(db, "reports.save", (d) => ({
    load: d
      .select({ report: reports, agencyName: agencies.name, agencyCode: agencies.code, updatedByName: users.displayName })
      .from(reports)
      .innerJoin(agencies, eq(reports.agencyId, agencies.id))
      .leftJoin(users, eq(reports.updatedBy, users.id))
      .where(eq(reports.id, sql.placeholder("id")))
      .prepare(),
    update: d
      .update(reports)
      .set({ data: sql`${sql.placeholder("data")}`, version: sql`${reports.version} + 1`, updatedBy: sql`${sql.placeholder("by")}`, updatedAt: sql`${sql.placeholder("at")}` })
      .where(and(eq(reports.id, sql.placeholder("id")), eq(reports.version, sql.placeholder("base"))))
      .returning({ version: reports.version })
      .prepare(),
    audit: d
      .insert(auditLog)
      .values({
        actorId: sql.placeholder("actorId"),
        action: "report.save",
        entityType: "report",
        entityId: sql.placeholder("entityId"),
        agencyId: sql.placeholder("agencyId"),
        before: sql.placeholder("before"),
        after: sql.placeholder("after"),
      })
      .prepare(),
  }));
}

/**
 * The agency hierarchy, read from the database only if an access check asks for it (it matters for
 * supervisors; a drafter's autosave never needs it).
 */
function lazyHierarchy(db: Db): Hierarchy {
  let loaded: Hierarchy | undefined;
  return new Proxy(new Map<number, number | null>(), {
    get(_target, prop) {
      const map = (loaded ??= runSqlite(db, loadHierarchy()));
      const value: unknown = Reflect.get(map, prop, map);
      return typeof value === "function" ? value.bind(map) : value;
    },
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
  return row ? parseStoredReport(row.data) : null;
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
    runSqlite(tx, writeAudit({ actorId: actor.id, action: "report.import", entityType: "report", entityId: row.id, agencyId: agency.id, after: { year: doc.year, edition: doc.edition } }));
    return { ok: true as const, id: row.id };
  });
}

/**
 * Was the report brought in by importing a published file (补录 of a past year) rather than written
 * here? Such a report is not "overdue": it was published elsewhere, long ago.
 */
export function wasImported(db: DbOrTx, reportId: number): boolean {
  return (
    db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.import"), eq(auditLog.entityType, "report"), eq(auditLog.entityId, reportId)))
      .limit(1)
      .get() !== undefined
  );
}

/** Whether the report has ever been published (a `publish` snapshot exists). */
export function hasBeenPublished(db: DbOrTx, reportId: number): boolean {
  return db.select({ id: reportVersions.id }).from(reportVersions).where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.kind, "publish"))).limit(1).get() != null;
}

export type PortalUrlOutcome = { ok: true; url: string | null } | { ok: false; status: 403 | 404 | 409; reason: string };

/**
 * 回填发布地址: the agency's drafter or reviewer (or an admin) records where the published report
 * stands on the agency's own portal. Only for a report that has been published; audited.
 */
export function setPortalUrl(db: Db, actor: Actor, reportId: number, url: string | null): PortalUrlOutcome {
  return db.transaction((tx) => {
    const row = tx.select({ agencyId: reports.agencyId, portalUrl: reports.portalUrl }).from(reports).where(eq(reports.id, reportId)).get();
    const hierarchy = runSqlite(db, loadHierarchy());
    if (!row || !canViewAgency(actor, row.agencyId, hierarchy)) return { ok: false as const, status: 404 as const, reason: "年报不存在" };
    if (!may("recordPortalUrl", actor, row, hierarchy)) return { ok: false as const, status: 403 as const, reason: "只有本单位的填报人、审核人或系统管理员可以回填发布地址" };
    if (!hasBeenPublished(tx, reportId)) return { ok: false as const, status: 409 as const, reason: "年报发布后才能回填发布地址" };
    tx.update(reports).set({ portalUrl: url }).where(eq(reports.id, reportId)).run();
    runSqlite(tx, writeAudit({ actorId: actor.id, action: "portal.set", entityType: "report", entityId: reportId, agencyId: row.agencyId, before: { portalUrl: row.portalUrl }, after: { portalUrl: url } }));
    return { ok: true as const, url };
  });
}

/** The recorded portal URLs (回填发布地址) of a year's reports, by agency. */
export function portalUrlsOfYear(db: Db, year: number): Map<number, string> {
  const rows = db.select({ agencyId: reports.agencyId, portalUrl: reports.portalUrl }).from(reports).where(and(eq(reports.year, year), sql`${reports.portalUrl} IS NOT NULL`)).all();
  return new Map(rows.map((r) => [r.agencyId, r.portalUrl!]));
}

/** Who took the report's last submit, approve and publish steps (the 审签 block of the print view). */
export function stepActors(db: Db, reportId: number): { submit: { name: string; at: Date } | null; approve: { name: string; at: Date } | null; publish: { name: string; at: Date } | null } {
  const stmt = db.$client.prepare(
    `SELECT u.display_name AS name, a.at AS at FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.entity_type = 'report' AND a.entity_id = ? AND a.action IN (SELECT value FROM json_each(?)) ORDER BY a.id DESC LIMIT 1`,
  );
  const one = (actions: string[]) => {
    const r = stmt.get(reportId, JSON.stringify(actions)) as { name: string | null; at: number } | undefined;
    return r && r.name ? { name: r.name, at: new Date(Number(r.at)) } : null;
  };
  return { submit: one(["report.submit"]), approve: one(["report.approve"]), publish: one(["report.publish", "report.backfillPublish"]) };
}

/**
 * When the report was first published: a back-fill's own date (the day it was published elsewhere,
 * when the user gave it), else the first publication snapshot; null when never published.
 */
export function firstPublishedAt(db: DbOrTx, reportId: number): Date | null {
  const row = db
    .select({ at: sql<number | null>`min(${reportVersions.createdAt})`, publishedOn: sql<string | null>`min(${reportVersions.publishedOn})` })
    .from(reportVersions)
    .where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.kind, "publish")))
    .get();
  if (!row || row.at == null) return null;
  return row.publishedOn ? new Date(`${row.publishedOn}T12:00:00+08:00`) : new Date(Number(row.at));
}
