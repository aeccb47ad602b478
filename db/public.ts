// What the public may see: published snapshots only, found by the agency's public code and year.
import { and, desc, eq } from "drizzle-orm";
import { parseStoredReport, type ReportDoc } from "../lib/data";
import type { Db } from "./client";
import { agencies, reports, reportVersions } from "./schema";

export interface PublishedRevision {
  id: number;
  publishedAt: Date;
  contentHash: string;
  /** A back-filled (补录) publication: published elsewhere on `publishedOn` (null: date not known). */
  backfill: boolean;
  publishedOn: string | null;
}

/**
 * The published revisions of an agency's report of a year, newest first, without their data (cheap:
 * what decides the public page's ETag), or null when there is none.
 */
export function findPublicRevisions(db: Db, agencyCode: string, year: number): PublishedRevision[] | null {
  const row = db
    .select({ reportId: reports.id })
    .from(reports)
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .where(and(eq(agencies.code, agencyCode), eq(agencies.active, true), eq(reports.year, year)))
    .get();
  if (!row) return null;
  const revisions = db
    .select({
      id: reportVersions.id,
      publishedAt: reportVersions.createdAt,
      contentHash: reportVersions.contentHash,
      backfill: reportVersions.backfill,
      publishedOn: reportVersions.publishedOn,
    })
    .from(reportVersions)
    .where(and(eq(reportVersions.reportId, row.reportId), eq(reportVersions.kind, "publish")))
    .orderBy(desc(reportVersions.id))
    .all();
  return revisions.length ? revisions : null;
}

/** The document of a published snapshot (one of `findPublicRevisions`), or null when it cannot be read. */
export function publishedSnapshotDoc(db: Db, snapshotId: number): ReportDoc | null {
  const row = db.select({ data: reportVersions.data }).from(reportVersions).where(and(eq(reportVersions.id, snapshotId), eq(reportVersions.kind, "publish"))).get();
  return row ? parseStoredReport(row.data) : null;
}
