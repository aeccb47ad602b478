// Archived legacy reports (`nianbao/legacy-report@1`): the agency's published reports from before the
// statutory format, uploaded as read-only records. The same agency scoping as reports: a drafter
// archives for their own agency; whoever may view an agency's reports may view its archives.
// Rows are append-only (a trigger enforces it): a corrected upload for the same year is a new row,
// and the newest row of an agency and year is the one that counts.
import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { canDraftForAgency, canViewAgency, type Actor } from "../lib/auth/access";
import { parseLegacyReport, type LegacyReport } from "../lib/import/legacy";
import { getAgency, loadHierarchy } from "./agencies";
import { writeAudit } from "./audit";
import type { LegacyArchive } from "./schema";
import { all, one, transaction, type Q } from "./unit";

export type ArchiveOutcome =
  | {
      ok: true;
      id: number;
      year: number;
      /** The archive this upload supersedes, if any. */
      replaced: number | null;
      /** The agency also has a statutory report for the year: as a reference, that one counts. */
      statutoryReportId: number | null;
    }
  | { ok: false; status: 403 | 409 | 422; code: "forbidden" | "archive_exists" | "same_content" | "invalid"; error: string };

/** The newest archive row of the agency for the year (no access check: callers check). */
export function* findLatestArchive(agencyId: number, year: number): Q<LegacyArchive | undefined> {
  return yield* one((d, t) =>
    d
      .select()
      .from(t.legacyArchives)
      .where(and(eq(t.legacyArchives.agencyId, agencyId), eq(t.legacyArchives.year, year)))
      .orderBy(desc(t.legacyArchives.id))
      .limit(1),
  );
}

function* statutoryReportId(agencyId: number, year: number): Q<number | null> {
  const row = yield* one((d, t) => d.select({ id: t.reports.id }).from(t.reports).where(and(eq(t.reports.agencyId, agencyId), eq(t.reports.year, year))).limit(1));
  return row?.id ?? null;
}

/** The stored document, or null if a row somehow holds something else. */
export function readArchiveData(row: { data: string }): LegacyReport | null {
  try {
    const parsed = parseLegacyReport(JSON.parse(row.data));
    return parsed.ok ? parsed.legacy : null;
  } catch {
    return null;
  }
}

/**
 * Stores an imported legacy report as the drafter's agency's archive for its year. An archive for
 * that year is replaced only when `replace` is given (the older one stays, listed as superseded).
 */
export function* createArchive(actor: Actor, legacy: LegacyReport, opts: { fileName: string; replace?: boolean }): Q<ArchiveOutcome> {
  if (actor.agencyId == null || !canDraftForAgency(actor, actor.agencyId)) {
    return { ok: false, status: 403, code: "forbidden", error: "只有填报人可以为本单位归档往年年报" };
  }
  const agency = yield* getAgency(actor.agencyId);
  if (!agency?.active) return { ok: false, status: 403, code: "forbidden", error: "所属单位已停用" };
  const checked = parseLegacyReport({ ...legacy, agency: { ...legacy.agency, name: agency.name, code: agency.code } });
  if (!checked.ok) return { ok: false, status: 422, code: "invalid", error: `归档内容无效：${checked.errors[0] ?? ""}` };
  const doc = checked.legacy;
  const data = JSON.stringify(doc);
  const hash = createHash("sha256").update(data, "utf8").digest("hex");
  const fileName = opts.fileName.trim().slice(0, 200) || "（未命名文件）";
  // Serializable on PostgreSQL: two servers receiving an upload for the same year at once must not
  // both find no archive and both store one as the first (SQLite: the write lock from BEGIN).
  return yield* transaction(function* (): Q<ArchiveOutcome> {
    const existing = yield* findLatestArchive(agency.id, doc.year);
    if (existing && existing.contentHash === hash) {
      return { ok: false as const, status: 409 as const, code: "same_content" as const, error: `本单位 ${doc.year} 年度已有内容相同的归档，未重复保存` };
    }
    if (existing && !opts.replace) {
      return {
        ok: false as const,
        status: 409 as const,
        code: "archive_exists" as const,
        error: `本单位 ${doc.year} 年度已有归档的旧式年报（${existing.fileName}）。如确需以本文件替换，请勾选「替换已有归档」后重新上传（原归档保留在记录中）`,
      };
    }
    const row = (yield* all((d, t) =>
      d.insert(t.legacyArchives).values({ agencyId: agency.id, year: doc.year, data, fileName, contentHash: hash, createdBy: actor.id }).returning({ id: t.legacyArchives.id }),
    ))[0]!;
    yield* writeAudit({
      actorId: actor.id,
      action: existing ? "archive.replace" : "archive.import",
      entityType: "archive",
      entityId: row.id,
      agencyId: agency.id,
      before: existing ? { id: existing.id, contentHash: existing.contentHash, fileName: existing.fileName } : undefined,
      after: { year: doc.year, fileName, contentHash: hash, sections: doc.sections.length, statistics: doc.statistics?.rows.length ?? 0 },
    });
    return { ok: true as const, id: row.id, year: doc.year, replaced: existing?.id ?? null, statutoryReportId: yield* statutoryReportId(agency.id, doc.year) };
  }, { isolation: "serializable" });
}

export interface ArchiveListItem {
  id: number;
  agencyId: number;
  agencyName: string;
  year: number;
  title: string | null;
  fileName: string;
  createdAt: Date;
  createdByName: string | null;
  /** False when a newer upload for the same agency and year superseded it. */
  current: boolean;
}

/** Archives of every agency the actor may view, newest year first. */
export function* listArchivesForActor(actor: Actor): Q<ArchiveListItem[]> {
  const h = yield* loadHierarchy();
  const visible = [...h.keys()].filter((id) => canViewAgency(actor, id, h));
  if (visible.length === 0) return [];
  const rows = yield* all((d, t) =>
    d
      .select({
        id: t.legacyArchives.id,
        agencyId: t.legacyArchives.agencyId,
        agencyName: t.agencies.name,
        year: t.legacyArchives.year,
        data: t.legacyArchives.data,
        fileName: t.legacyArchives.fileName,
        createdAt: t.legacyArchives.createdAt,
        createdByName: t.users.displayName,
      })
      .from(t.legacyArchives)
      .innerJoin(t.agencies, eq(t.legacyArchives.agencyId, t.agencies.id))
      .leftJoin(t.users, eq(t.legacyArchives.createdBy, t.users.id))
      .where(inArray(t.legacyArchives.agencyId, visible))
      .orderBy(desc(t.legacyArchives.year), t.agencies.id, desc(t.legacyArchives.id)),
  );
  const seen = new Set<string>();
  return rows.map(({ data, ...r }) => {
    const key = `${r.agencyId}:${r.year}`;
    const current = !seen.has(key);
    seen.add(key);
    return { ...r, title: readArchiveData({ data })?.title ?? null, current };
  });
}

export type ArchiveAccess =
  | {
      ok: true;
      archive: {
        id: number;
        agencyId: number;
        agencyName: string;
        year: number;
        fileName: string;
        contentHash: string;
        createdAt: Date;
        createdByName: string | null;
        legacy: LegacyReport | null;
        /** The newer archive of the same agency and year that replaced this one. */
        supersededBy: number | null;
        /** The agency's statutory report of the same year, which counts as the reference instead. */
        statutoryReportId: number | null;
      };
    }
  | { ok: false; reason: "not_found" | "forbidden" };

export function* getArchiveForActor(actor: Actor, id: number): Q<ArchiveAccess> {
  // ids are 32-bit on PostgreSQL: a larger one names no archive (and must not reach the query).
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return { ok: false, reason: "not_found" };
  const row = yield* one((d, t) =>
    d
      .select({ a: t.legacyArchives, agencyName: t.agencies.name, createdByName: t.users.displayName })
      .from(t.legacyArchives)
      .innerJoin(t.agencies, eq(t.legacyArchives.agencyId, t.agencies.id))
      .leftJoin(t.users, eq(t.legacyArchives.createdBy, t.users.id))
      .where(eq(t.legacyArchives.id, id)),
  );
  if (!row) return { ok: false, reason: "not_found" };
  if (!canViewAgency(actor, row.a.agencyId, yield* loadHierarchy())) return { ok: false, reason: "forbidden" };
  const latest = (yield* findLatestArchive(row.a.agencyId, row.a.year))!;
  return {
    ok: true,
    archive: {
      id: row.a.id,
      agencyId: row.a.agencyId,
      agencyName: row.agencyName,
      year: row.a.year,
      fileName: row.a.fileName,
      contentHash: row.a.contentHash,
      createdAt: row.a.createdAt,
      createdByName: row.createdByName,
      legacy: readArchiveData(row.a),
      supersededBy: latest.id === row.a.id ? null : latest.id,
      statutoryReportId: yield* statutoryReportId(row.a.agencyId, row.a.year),
    },
  };
}
