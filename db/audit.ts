// The append-only audit log. Writers pass plain objects; they are stored as JSON.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "./client";
import { auditLog, users } from "./schema";

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
