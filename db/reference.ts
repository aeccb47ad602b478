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
import { and, count, desc, eq, max, sql } from "drizzle-orm";
import type { ReportDoc } from "../lib/data";
import { archiveReference, type ArchiveReference } from "../lib/import/legacy-reference";
import { PeerCorpus, SIMILARITY_THRESHOLD, validateReport, type PeerSource, type ValidateOptions, type ValidationResult } from "../lib/rules";
import { NARRATIVE_KEYS, type NarrativeKey } from "../lib/template";
import { findLatestArchive, readArchiveData } from "./archives";
import { all, one, preparedOne, type Q, type Tables } from "./unit";

export type LastYearReference =
  | { kind: "report"; year: number; doc: ReportDoc }
  | { kind: "archive"; year: number; archiveId: number; reference: ArchiveReference };

/**
 * The agency's archived legacy report of the year before `year`, as the reference for its `year`
 * report — or null when there is none, or when the agency has a statutory report of that year.
 */
export function* findArchiveReference(agencyId: number, year: number): Q<Extract<LastYearReference, { kind: "archive" }> | null> {
  const statutory = yield* one((d, t) =>
    d
      .select({ id: t.reports.id })
      .from(t.reports)
      .where(and(eq(t.reports.agencyId, agencyId), eq(t.reports.year, year - 1))),
  );
  if (statutory) return null;
  const row = yield* findLatestArchive(agencyId, year - 1);
  const legacy = row ? readArchiveData(row) : null;
  if (!row || !legacy) return null;
  return { kind: "archive", year: year - 1, archiveId: row.id, reference: archiveReference(legacy) };
}

/** Last year's reference: the statutory report (`previous`, from findPreviousReport) or else the archive. */
export function* findReference(agencyId: number, year: number, previous: ReportDoc | null): Q<LastYearReference | null> {
  if (previous) return { kind: "report", year: previous.year, doc: previous };
  return yield* findArchiveReference(agencyId, year);
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
export function* loadPeerSources(year: number): Q<PeerSource[]> {
  const published = yield* all((d, t) =>
    d
      .select({ reportId: t.reports.id, agencyId: t.agencies.id, agency: t.agencies.name, code: t.agencies.code, data: t.reportVersions.data })
      .from(t.reportVersions)
      .innerJoin(t.reports, eq(t.reportVersions.reportId, t.reports.id))
      .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
      .where(and(eq(t.reports.year, year), eq(t.reportVersions.kind, "publish"), eq(t.agencies.active, true)))
      .orderBy(desc(t.reportVersions.id)),
  );
  const out: PeerSource[] = [];
  const agencyDone = new Set<number>();
  for (const p of published) {
    if (agencyDone.has(p.agencyId)) continue; // an older revision
    agencyDone.add(p.agencyId);
    out.push({ agencyId: p.agencyId, agency: p.agency, year, kind: "report", href: `/p/${p.code}/${year}`, narrative: narrativeOf(p.data) });
  }
  const archived = yield* all((d, t) =>
    d
      .select({ agencyId: t.agencies.id, agency: t.agencies.name, data: t.legacyArchives.data })
      .from(t.legacyArchives)
      .innerJoin(t.agencies, eq(t.legacyArchives.agencyId, t.agencies.id))
      .where(and(eq(t.legacyArchives.year, year), eq(t.agencies.active, true)))
      .orderBy(desc(t.legacyArchives.id)),
  );
  for (const a of archived) {
    if (agencyDone.has(a.agencyId)) continue; // published statutory report, or an older upload
    agencyDone.add(a.agencyId);
    const legacy = readArchiveData(a);
    if (legacy) out.push({ agencyId: a.agencyId, agency: a.agency, year, kind: "archive", narrative: archiveReference(legacy).narrative });
  }
  return out;
}

/**
 * What the peers of a year depend on, read from the database on every use (so a change made by
 * another app server is seen at once). Snapshots and archives are append-only (triggers on both
 * databases), so a year's peers change only when a row with a higher id appears; a peer's agency
 * changes by renaming or (de)activation, which moves the latest updated_at or the count of active
 * rows among the peers. (The latest rows' content hashes also tell two databases apart in one
 * process: tests.) It runs on every save: one pass over the year's published snapshots and one over
 * its archives, each joined to their agencies (cost follows the year's peers, never the whole
 * agency table), then the two latest rows by id. The earlier form sorted every publication of the
 * year to find the latest one: 44 ms per save with 10,000 published peers.
 */
/** What the stamp aggregates over one kind of peer text (rows joined to their agencies). */
function peerTotals(t: Tables, id: Tables["reportVersions"]["id"] | Tables["legacyArchives"]["id"]) {
  return {
    rows: count(),
    latest: max(id),
    agenciesAt: max(t.agencies.updatedAt),
    active: sql<number>`sum(case when ${t.agencies.active} then 1 else 0 end)`.mapWith(Number),
  };
}

function* peerStamp(year: number): Q<string> {
  const snapshots = yield* preparedOne(
    "reference.peer-stamp.snapshots",
    (d, t) =>
      d
        .select(peerTotals(t, t.reportVersions.id))
        .from(t.reportVersions)
        .innerJoin(t.reports, eq(t.reportVersions.reportId, t.reports.id))
        .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
        .where(and(eq(t.reports.year, sql.placeholder("year")), eq(t.reportVersions.kind, "publish"))),
    { year },
  );
  const archives = yield* preparedOne(
    "reference.peer-stamp.archives",
    (d, t) =>
      d
        .select(peerTotals(t, t.legacyArchives.id))
        .from(t.legacyArchives)
        .innerJoin(t.agencies, eq(t.legacyArchives.agencyId, t.agencies.id))
        .where(eq(t.legacyArchives.year, sql.placeholder("year"))),
    { year },
  );
  const snapshotHash =
    snapshots?.latest == null
      ? null
      : (yield* preparedOne("reference.peer-stamp.snapshot-hash", (d, t) => d.select({ hash: t.reportVersions.contentHash }).from(t.reportVersions).where(eq(t.reportVersions.id, sql.placeholder("id"))), { id: Number(snapshots.latest) }))?.hash;
  const archiveHash =
    archives?.latest == null
      ? null
      : (yield* preparedOne("reference.peer-stamp.archive-hash", (d, t) => d.select({ hash: t.legacyArchives.contentHash }).from(t.legacyArchives).where(eq(t.legacyArchives.id, sql.placeholder("id"))), { id: Number(archives.latest) }))?.hash;
  return JSON.stringify([snapshots ?? null, snapshotHash ?? null, archives ?? null, archiveHash ?? null]);
}

// Per process, by year: the corpus and the stamp it was built under. Used only when the stamp read
// just now (in the same run of the data function) is the same; never written inside a retried
// transaction with data another run could not see (the stamp is read from the database each time).
const corpusCache = new Map<number, { stamp: string; corpus: PeerCorpus }>();
const CACHED_YEARS = 8;

/** The indexed peers of a year, rebuilt only when they changed. */
export function* findPeerCorpus(year: number): Q<PeerCorpus> {
  const stamp = yield* peerStamp(year);
  const hit = corpusCache.get(year);
  if (hit && hit.stamp === stamp) return hit.corpus;
  const corpus = new PeerCorpus(yield* loadPeerSources(year));
  corpusCache.delete(year);
  if (corpusCache.size >= CACHED_YEARS) corpusCache.delete(corpusCache.keys().next().value!);
  corpusCache.set(year, { stamp, corpus });
  return corpus;
}

/** The rule engine's options for the agency's report: last year (report or archive) and the peers. */
export function* referenceOptions(agencyId: number, doc: ReportDoc, previous: ReportDoc | null): Q<ValidateOptions> {
  // Only peers at or above the threshold can give a warning: the others need no passages.
  const peers = (yield* findPeerCorpus(doc.year)).forAgency(agencyId, SIMILARITY_THRESHOLD);
  if (previous) return { previous, peers };
  const archive = yield* findArchiveReference(agencyId, doc.year);
  return archive ? { previousArchive: { year: archive.year, narrative: archive.reference.narrative }, peers } : { peers };
}

/**
 * The server's authoritative validation: every rule, last year's report (or archive) for the
 * cross-year checks and 内容雷同, and the peers. db/reports.ts validateWithHistory delegates here.
 */
export function* validateWithReferences(agencyId: number, doc: ReportDoc, previous: ReportDoc | null): Q<ValidationResult> {
  return validateReport(doc, yield* referenceOptions(agencyId, doc, previous));
}
