// What the public may see: published snapshots only, found by the agency's public code and year.
import { and, desc, eq } from "drizzle-orm";
import { parseReport, type ReportDoc } from "../lib/data";
import type { Db } from "./client";
import { agencies, reports, reportVersions } from "./schema";

export interface PublishedRevision {
  id: number;
  publishedAt: Date;
  contentHash: string;
}

export interface PublicReport {
  agencyName: string;
  year: number;
  current: PublishedRevision & { doc: ReportDoc };
  /** Every published revision, newest first (the current one included). */
  revisions: PublishedRevision[];
}

/** The latest published revision (or the one asked for), or null: unpublished reports do not exist publicly. */
export function findPublicReport(db: Db, agencyCode: string, year: number, revisionId?: number): PublicReport | null {
  const row = db
    .select({ reportId: reports.id, agencyName: agencies.name })
    .from(reports)
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .where(and(eq(agencies.code, agencyCode), eq(agencies.active, true), eq(reports.year, year)))
    .get();
  if (!row) return null;
  const snaps = db
    .select({ id: reportVersions.id, publishedAt: reportVersions.createdAt, contentHash: reportVersions.contentHash, data: reportVersions.data })
    .from(reportVersions)
    .where(and(eq(reportVersions.reportId, row.reportId), eq(reportVersions.kind, "publish")))
    .orderBy(desc(reportVersions.id))
    .all();
  const chosen = revisionId === undefined ? snaps[0] : snaps.find((s) => s.id === revisionId);
  if (!chosen) return null;
  let parsed;
  try {
    parsed = parseReport(JSON.parse(chosen.data), { textLimits: false });
  } catch {
    return null;
  }
  if (!parsed.ok) return null;
  return {
    agencyName: row.agencyName,
    year,
    current: { id: chosen.id, publishedAt: chosen.publishedAt, contentHash: chosen.contentHash, doc: parsed.report },
    revisions: snaps.map((s) => ({ id: s.id, publishedAt: s.publishedAt, contentHash: s.contentHash })),
  };
}
