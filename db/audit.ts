// The append-only audit log. Writers pass plain objects; they are stored as JSON. An autosave's
// entry (`report.save`) is a compact delta of the stored report text (lib/audit/delta.ts), from
// which `replayReportVersions` rebuilds every saved version.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { readSaveDelta, revertDelta, textHash } from "../lib/audit/delta";
import { all, exec, one, rawAll, type Dialect, type Q } from "./unit";

export type AuditEntry = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  agencyId?: number | null;
  before?: unknown;
  after?: unknown;
};

export function* writeAudit(e: AuditEntry): Q<void> {
  yield* exec((d, t) =>
    d.insert(t.auditLog).values({
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      agencyId: e.agencyId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    }),
  );
}

export function* listAudit(filter: { agencyIds?: number[]; entityType?: string; entityId?: number; limit?: number }) {
  return yield* all((d, { auditLog, users }) => {
    const conds = [];
    if (filter.agencyIds) conds.push(inArray(auditLog.agencyId, filter.agencyIds));
    if (filter.entityType) conds.push(eq(auditLog.entityType, filter.entityType));
    if (filter.entityId != null) conds.push(eq(auditLog.entityId, filter.entityId));
    return d
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      agencyId: auditLog.agencyId,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorId, users.id))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 200);
  });
}

export interface ReplayedVersions {
  /** Report version → its stored JSON text, byte for byte, from the current version back. */
  versions: Map<number, string>;
  /** The oldest version rebuilt. */
  oldest: number;
  /**
   * Why the replay stopped before version 1 (an autosave recorded before deltas were stored, a
   * missing entry, or a delta that does not fit — which would mean the log or the report was
   * changed behind the app's back); null when every version back to 1 was rebuilt.
   */
  stopped: string | null;
}

/**
 * Every saved version of a report, rebuilt from its current stored text by reverting the audit
 * log's autosave deltas newest first; each rebuilt text is checked against the hash its own entry
 * recorded when it was saved.
 */
export function* replayReportVersions(reportId: number): Q<ReplayedVersions | null> {
  const report = yield* one((d, t) => d.select({ data: t.reports.data, version: t.reports.version }).from(t.reports).where(eq(t.reports.id, reportId)));
  if (!report) return null;
  const rows = yield* all((d, { auditLog }) =>
    d
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "report"), eq(auditLog.entityId, reportId), eq(auditLog.action, "report.save")))
      .orderBy(asc(auditLog.id)),
  );
  const byVersion = new Map<number, ReturnType<typeof readSaveDelta>>();
  let legacy = 0;
  for (const r of rows) {
    const d = readSaveDelta(r.after);
    if (d) byVersion.set(d.version, d);
    else legacy++;
  }
  const versions = new Map<number, string>([[report.version, report.data]]);
  let version = report.version;
  let text = report.data;
  while (version > 1) {
    const d = byVersion.get(version);
    if (!d) return { versions, oldest: version, stopped: legacy ? `第 ${version} 版的保存记录是旧格式（整段文字），无法逐字还原更早的版本` : `缺少第 ${version} 版的保存记录` };
    if (textHash(text) !== d.hash) return { versions, oldest: version, stopped: `第 ${version} 版的内容与保存记录的校验码不符` };
    try {
      text = revertDelta(text, d.ops);
    } catch {
      return { versions, oldest: version, stopped: `第 ${version} 版的保存记录与内容不符` };
    }
    version = d.base;
    versions.set(version, text);
  }
  return { versions, oldest: version, stopped: null };
}

// ---------------------------------------------------------------- the trail as people read it

export interface AuditQuery {
  /** Only entries of these agencies (a reader's scope); undefined = every entry (admin). */
  agencyIds?: number[];
  entityType?: string;
  entityId?: number;
  actorId?: number;
  action?: string;
  fromMs?: number;
  toMs?: number;
  /** Entries older than this id (the next page). */
  beforeId?: number;
  limit: number;
}

export interface AuditTrailRow {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  entityId: number | null;
  agencyId: number | null;
  actorId: number | null;
  actorName: string | null;
  actorLogin: string | null;
  before: string | null;
  after: string | null;
  /** What the entry is about, by name: the report's agency and year, the user, the agency. */
  subjectAgency: string | null;
  reportYear: number | null;
  reportEdition: string | null;
  subjectUserName: string | null;
  subjectUserLogin: string | null;
}

/**
 * Audit entries newest first, filtered by scope, person, event and time, with the names of the
 * actor and of what each entry is about (one query, bounded by `limit`).
 */
export function* queryAuditTrail(q: AuditQuery): Q<AuditTrailRow[]> {
  const limit = Math.max(1, Math.min(q.limit, 100_000));
  const rows = yield* rawAll<Omit<AuditTrailRow, "at"> & { at: number | string | Date }>((dialect) => {
    const where = auditFilter(q, [], dialect);
    if (!where) return sql`SELECT NULL AS id WHERE 1 = 0`;
    return sql`SELECT a.id, a.at, a.action, a.entity_type AS "entityType", a.entity_id AS "entityId", a.agency_id AS "agencyId",
              a.actor_id AS "actorId", u.display_name AS "actorName", u.login AS "actorLogin", a.before, a.after,
              COALESCE(ra.name, ag.name, ua.name, aa.name) AS "subjectAgency", r.year AS "reportYear", r.edition AS "reportEdition",
              tu.display_name AS "subjectUserName", tu.login AS "subjectUserLogin"
         FROM audit_log a
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN reports r ON a.entity_type = 'report' AND r.id = a.entity_id
         LEFT JOIN agencies ra ON ra.id = r.agency_id
         LEFT JOIN agencies ag ON a.entity_type = 'agency' AND ag.id = a.entity_id
         LEFT JOIN users tu ON a.entity_type = 'user' AND tu.id = a.entity_id
         LEFT JOIN agencies ua ON a.entity_type = 'user' AND ua.id = tu.agency_id
         LEFT JOIN agencies aa ON aa.id = a.agency_id
        ${where}
        ORDER BY a.id DESC LIMIT ${limit}`;
  });
  // SQLite: milliseconds; PostgreSQL (drizzle's node-postgres leaves timestamps as text): "2026-12-05 01:02:03.456+00".
  return rows.filter((r) => r.id != null).map((r) => ({ ...r, at: typeof r.at === "string" && !/^\d+$/.test(r.at) ? new Date(r.at) : new Date(Number(r.at)) }));
}

/** The people who appear as actors in a selection of the log (for the person filter), by name. */
export function* auditActors(q: { agencyIds?: number[]; entityType?: string; entityId?: number }): Q<{ id: number; name: string; login: string }[]> {
  return yield* rawAll<{ id: number; name: string; login: string }>((dialect) => {
    const where = auditFilter(q, [sql`a.actor_id IS NOT NULL`], dialect);
    if (!where) return sql`SELECT NULL AS id, NULL AS name, NULL AS login WHERE 1 = 0`;
    return sql`SELECT u.id, u.display_name AS name, u.login FROM users u WHERE u.id IN (SELECT DISTINCT a.actor_id FROM audit_log a ${where}) ORDER BY u.display_name LIMIT 2000`;
  });
}

/**
 * The WHERE clause of an audit selection (scope, subject, person, event, time, page); null when the
 * scope is empty (nothing can match). Times: milliseconds in SQLite's integer column, a timestamp
 * on PostgreSQL.
 */
function auditFilter(q: Partial<AuditQuery>, where: SQL[], dialect: Dialect): SQL | null {
  if (q.agencyIds) {
    if (!q.agencyIds.length) return null;
    where.push(sql`a.agency_id IN (${sql.join(q.agencyIds.map((id) => sql`${id}`), sql`, `)})`);
  }
  const time = (ms: number) => (dialect === "pg" ? new Date(ms) : ms);
  if (q.entityType) where.push(sql`a.entity_type = ${q.entityType}`);
  if (q.entityId != null) where.push(sql`a.entity_id = ${q.entityId}`);
  if (q.actorId != null) where.push(sql`a.actor_id = ${q.actorId}`);
  if (q.action) where.push(sql`a.action = ${q.action}`);
  if (q.fromMs != null) where.push(sql`a.at >= ${time(q.fromMs)}`);
  if (q.toMs != null) where.push(sql`a.at < ${time(q.toMs)}`);
  if (q.beforeId != null) where.push(sql`a.id < ${q.beforeId}`);
  return where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
}
