// The append-only audit log. Writers pass plain objects; they are stored as JSON. An autosave's
// entry (`report.save`) is a compact delta of the stored report text (lib/audit/delta.ts), from
// which `replayReportVersions` rebuilds every saved version.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { readSaveDelta, revertDelta, textHash } from "../lib/audit/delta";
import type { Db, DbOrTx } from "./client";
import { auditLog, reports, users } from "./schema";

export type AuditEntry = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  agencyId?: number | null;
  before?: unknown;
  after?: unknown;
};

export function writeAudit(db: DbOrTx, e: AuditEntry): void {
  db.insert(auditLog)
    .values({
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      agencyId: e.agencyId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .run();
}

export function listAudit(db: Db, filter: { agencyIds?: number[]; entityType?: string; entityId?: number; limit?: number }) {
  const conds = [];
  if (filter.agencyIds) conds.push(inArray(auditLog.agencyId, filter.agencyIds));
  if (filter.entityType) conds.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId != null) conds.push(eq(auditLog.entityId, filter.entityId));
  return db
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
    .limit(filter.limit ?? 200)
    .all();
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
export function replayReportVersions(db: Db, reportId: number): ReplayedVersions | null {
  const report = db.select({ data: reports.data, version: reports.version }).from(reports).where(eq(reports.id, reportId)).get();
  if (!report) return null;
  const rows = db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "report"), eq(auditLog.entityId, reportId), eq(auditLog.action, "report.save")))
    .orderBy(asc(auditLog.id))
    .all();
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
