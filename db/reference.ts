// What a report is compared with, besides its own rules:
// - last year: the agency's statutory report of the year before (db/reports.ts findPreviousReport),
//   or — when there is none — its archived legacy report of that year (a 2018 archive for a 2019
//   report; a statutory report always wins over an archive of the same year). An archive has no
//   statutory tables: only its narrative is shown and compared (内容雷同).
// - peers: other agencies' reports of the same year, for 内容雷同 with peers. Only texts that are
//   public are peers: the latest PUBLISHED snapshot of each other agency's report (what /p/ shows),
//   and, for an agency without a published report that year, its archived legacy report (a
//   published document). Unpublished drafts are never peers: a drafter must not learn anything
//   about another agency's unpublished text, and a warning that appears and lapses as someone
//   else edits their draft could not be acknowledged meaningfully.
//
// Peer texts stay on the server; the validation result carries, per section, the best-matching
// peer's name, the percentage and the repeated passages of the report's OWN text.
import { and, desc, eq } from "drizzle-orm";
import type { ReportDoc } from "../lib/data";
import { archiveReference, type ArchiveReference } from "../lib/import/legacy-reference";
import { PeerCorpus, SIMILARITY_THRESHOLD, validateReport, type PeerSource, type ValidateOptions, type ValidationResult } from "../lib/rules";
import { NARRATIVE_KEYS, type NarrativeKey } from "../lib/template";
import { findLatestArchive, readArchiveData } from "./archives";
import { runSqlite } from "./run-sqlite";
import type { Db } from "./client";
import { agencies, legacyArchives, reports, reportVersions } from "./schema";

export type LastYearReference =
  | { kind: "report"; year: number; doc: ReportDoc }
  | { kind: "archive"; year: number; archiveId: number; reference: ArchiveReference };

/**
 * The agency's archived legacy report of the year before `year`, as the reference for its `year`
 * report — or null when there is none, or when the agency has a statutory report of that year.
 */
export function findArchiveReference(db: Db, agencyId: number, year: number): Extract<LastYearReference, { kind: "archive" }> | null {
  const statutory = db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year - 1)))
    .get();
  if (statutory) return null;
  const row = runSqlite(db, findLatestArchive(agencyId, year - 1));
  const legacy = row ? readArchiveData(row) : null;
  if (!row || !legacy) return null;
  return { kind: "archive", year: year - 1, archiveId: row.id, reference: archiveReference(legacy) };
}

/** Last year's reference: the statutory report (`previous`, from findPreviousReport) or else the archive. */
export function findReference(db: Db, agencyId: number, year: number, previous: ReportDoc | null): LastYearReference | null {
  if (previous) return { kind: "report", year: previous.year, doc: previous };
  return findArchiveReference(db, agencyId, year);
}

// ------------------------------------------------------------------------------------- peers

function narrativeOf(data: string): Partial<Record<NarrativeKey, string>> {
  try {
    const n = (JSON.parse(data) as { narrative?: Record<string, unknown> }).narrative ?? {};
    const out: Partial<Record<NarrativeKey, string>> = {};
    for (const k of NARRATIVE_KEYS) if (typeof n[k] === "string") out[k] = n[k];
    return out;
  } catch {
    return {};
  }
}

/** The public texts of a year's reports, one per agency (see the top of this file). */
export function loadPeerSources(db: Db, year: number): PeerSource[] {
  const published = db
    .select({ reportId: reports.id, agencyId: agencies.id, agency: agencies.name, code: agencies.code, data: reportVersions.data })
    .from(reportVersions)
    .innerJoin(reports, eq(reportVersions.reportId, reports.id))
    .innerJoin(agencies, eq(reports.agencyId, agencies.id))
    .where(and(eq(reports.year, year), eq(reportVersions.kind, "publish"), eq(agencies.active, true)))
    .orderBy(desc(reportVersions.id))
    .all();
  const out: PeerSource[] = [];
  const agencyDone = new Set<number>();
  for (const p of published) {
    if (agencyDone.has(p.agencyId)) continue; // an older revision
    agencyDone.add(p.agencyId);
    out.push({ agencyId: p.agencyId, agency: p.agency, year, kind: "report", href: `/p/${p.code}/${year}`, narrative: narrativeOf(p.data) });
  }
  const archived = db
    .select({ agencyId: agencies.id, agency: agencies.name, data: legacyArchives.data })
    .from(legacyArchives)
    .innerJoin(agencies, eq(legacyArchives.agencyId, agencies.id))
    .where(and(eq(legacyArchives.year, year), eq(agencies.active, true)))
    .orderBy(desc(legacyArchives.id))
    .all();
  for (const a of archived) {
    if (agencyDone.has(a.agencyId)) continue; // published statutory report, or an older upload
    agencyDone.add(a.agencyId);
    const legacy = readArchiveData(a);
    if (legacy) out.push({ agencyId: a.agencyId, agency: a.agency, year, kind: "archive", narrative: archiveReference(legacy).narrative });
  }
  return out;
}

/**
 * What the peers of a year depend on. Snapshots and archives are append-only, so a year's peers
 * change only when a row with a higher id appears; agencies change by renaming or deactivation.
 * One prepared statement: it runs on every save.
 */
const STAMP_SQL = `select
  (select max(v.id) from report_versions v join reports r on r.id = v.report_id where r.year = @year and v.kind = 'publish') as snapshot,
  (select max(id) from legacy_archives where year = @year) as archive,
  (select max(updated_at) from agencies) as agencies_at,
  (select count(*) from agencies) as agencies`;

const stampStatements = new WeakMap<object, ReturnType<Db["$client"]["prepare"]>>();

function peerStamp(db: Db, year: number): string {
  let stmt = stampStatements.get(db.$client);
  if (!stmt) stampStatements.set(db.$client, (stmt = db.$client.prepare(STAMP_SQL).raw()));
  return JSON.stringify(stmt.get({ year }));
}

const corpusCache = new WeakMap<object, Map<number, { stamp: string; corpus: PeerCorpus }>>();
const CACHED_YEARS = 8;

/** The indexed peers of a year, rebuilt only when they changed (cached per database connection). */
export function findPeerCorpus(db: Db, year: number): PeerCorpus {
  const stamp = peerStamp(db, year);
  let byYear = corpusCache.get(db.$client);
  if (!byYear) corpusCache.set(db.$client, (byYear = new Map()));
  const hit = byYear.get(year);
  if (hit && hit.stamp === stamp) return hit.corpus;
  const corpus = new PeerCorpus(loadPeerSources(db, year));
  byYear.delete(year);
  if (byYear.size >= CACHED_YEARS) byYear.delete(byYear.keys().next().value!);
  byYear.set(year, { stamp, corpus });
  return corpus;
}

/** The rule engine's options for the agency's report: last year (report or archive) and the peers. */
export function referenceOptions(db: Db, agencyId: number, doc: ReportDoc, previous: ReportDoc | null): ValidateOptions {
  // Only peers at or above the threshold can give a warning: the others need no passages.
  const peers = findPeerCorpus(db, doc.year).forAgency(agencyId, SIMILARITY_THRESHOLD);
  if (previous) return { previous, peers };
  const archive = findArchiveReference(db, agencyId, doc.year);
  return archive ? { previousArchive: { year: archive.year, narrative: archive.reference.narrative }, peers } : { peers };
}

/**
 * The server's authoritative validation: every rule, last year's report (or archive) for the
 * cross-year checks and 内容雷同, and the peers. db/reports.ts validateWithHistory delegates here.
 */
export function validateWithReferences(db: Db, agencyId: number, doc: ReportDoc, previous: ReportDoc | null): ValidationResult {
  return validateReport(doc, referenceOptions(db, agencyId, doc, previous));
}
