// What the public may see: published snapshots only, found by the agency's public code and year.
import { and, desc, eq } from "drizzle-orm";
import { parseStoredReport, type ReportDoc } from "../lib/data";
import { all, one, type Q } from "./unit";

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
export function* findPublicRevisions(agencyCode: string, year: number): Q<PublishedRevision[] | null> {
  const row = yield* one((d, t) =>
    d
      .select({ reportId: t.reports.id })
      .from(t.reports)
      .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
      .where(and(eq(t.agencies.code, agencyCode), eq(t.agencies.active, true), eq(t.reports.year, year))),
  );
  if (!row) return null;
  const revisions = yield* all((d, t) =>
    d
      .select({
        id: t.reportVersions.id,
        publishedAt: t.reportVersions.createdAt,
        contentHash: t.reportVersions.contentHash,
        backfill: t.reportVersions.backfill,
        publishedOn: t.reportVersions.publishedOn,
      })
      .from(t.reportVersions)
      .where(and(eq(t.reportVersions.reportId, row.reportId), eq(t.reportVersions.kind, "publish")))
      .orderBy(desc(t.reportVersions.id)),
  );
  return revisions.length ? revisions : null;
}

/** The document of a published snapshot (one of `findPublicRevisions`), or null when it cannot be read. */
export function* publishedSnapshotDoc(snapshotId: number): Q<ReportDoc | null> {
  const row = yield* one((d, t) => d.select({ data: t.reportVersions.data }).from(t.reportVersions).where(and(eq(t.reportVersions.id, snapshotId), eq(t.reportVersions.kind, "publish"))));
  return row ? parseStoredReport(row.data) : null;
}
