// Data access for reports. Every read that serves a user goes through an access check against the
// agency hierarchy (lib/auth/access.ts); callers pass the actor, never a bare id they trust.
import { and, desc, eq, inArray } from "drizzle-orm";
import { canViewAgency, type Actor } from "../lib/auth/access";
import { loadHierarchy } from "./agencies";
import type { Db } from "./client";
import { agencies, reports, users } from "./schema";

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

export function getReportForActor(db: Db, actor: Actor, id: number): ReportAccess {
  const row = db
    .select({ report: reports, agencyName: agencies.name })
    .from(reports)
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .where(eq(reports.id, id))
    .get();
  if (!row) return { ok: false, reason: "not_found" };
  if (!canViewAgency(actor, row.report.agencyId, loadHierarchy(db))) return { ok: false, reason: "forbidden" };
  return { ok: true, report: { ...row.report, agencyName: row.agencyName } };
}
