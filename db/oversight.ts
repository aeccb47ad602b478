// What a supervising office (主管部门) sees: the agencies below it, their reports of a year and the
// reviewed versions that go into its roll-up. Scope comes from the agency hierarchy only: a
// supervisor sees the agencies strictly below its own office, an admin every agency; nobody else
// has an oversight scope.
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../lib/auth/access";
import type { DashboardAgencyRow } from "../lib/oversight/dashboard";
import { rollUp, validateRollup, type RollupResult, type RollupSource, type RollupState } from "../lib/rollup";
import type { ValidationResult } from "../lib/rules";
import type { ReportDoc, ReportTables } from "../lib/data";
import { completenessGaps } from "../lib/rules/completeness";
import type { ReportStatusId } from "../lib/workflow/status";
import type { Db } from "./client";
import { agencies, reports, reportVersions, users } from "./schema";
import { lastChanges } from "./workflow";

export interface ScopedAgency {
  id: number;
  name: string;
  code: string;
  depth: number;
  path: string[];
  order: number;
}

export interface OversightScope {
  /** The office whose subordinates these are (null for an admin: every agency). */
  office: { id: number; name: string } | null;
  agencies: ScopedAgency[];
}

/** The actor's oversight scope in hierarchy order (parents before children, siblings by id). */
export function oversightScope(db: Db, actor: Actor): OversightScope {
  if (actor.role !== "supervisor" && actor.role !== "admin") return { office: null, agencies: [] };
  const all = db.select({ id: agencies.id, name: agencies.name, code: agencies.code, parentId: agencies.parentId, active: agencies.active }).from(agencies).orderBy(agencies.id).all();
  const children = new Map<number | null, typeof all>();
  for (const a of all) {
    const list = children.get(a.parentId) ?? [];
    list.push(a);
    children.set(a.parentId, list);
  }
  const byId = new Map(all.map((a) => [a.id, a]));
  const root = actor.role === "supervisor" ? actor.agencyId : null;
  if (actor.role === "supervisor" && (root == null || !byId.has(root))) return { office: null, agencies: [] };
  const out: ScopedAgency[] = [];
  // Iterative depth-first walk (hierarchies can be deep; no recursion limit to hit). `seen` guards
  // against a cycle in bad data.
  const seen = new Set<number>();
  const stack: { id: number; depth: number; path: string[] }[] = [];
  const pushChildren = (parent: number | null, depth: number, path: string[]) => {
    const kids = children.get(parent) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i]!.id, depth, path });
  };
  pushChildren(root, 1, []);
  while (stack.length) {
    const { id, depth, path } = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const a = byId.get(id)!;
    if (a.active) out.push({ id: a.id, name: a.name, code: a.code, depth, path, order: out.length });
    pushChildren(id, depth + 1, [...path, a.name]);
  }
  const office = root != null ? { id: root, name: byId.get(root)!.name } : null;
  return { office, agencies: out };
}

/** The rows of the dashboard: every agency in scope with its report of `year` (or none yet). */
export function dashboardAgencyRows(db: Db, scope: OversightScope, year: number): DashboardAgencyRow[] {
  const rows = db
    .select({
      id: reports.id,
      agencyId: reports.agencyId,
      status: reports.status,
      version: reports.version,
      updatedAt: reports.updatedAt,
      updatedByName: users.displayName,
      data: reports.data,
    })
    .from(reports)
    .leftJoin(users, eq(reports.updatedBy, users.id))
    .where(eq(reports.year, year))
    .all();
  const published = db
    .select({ reportId: reportVersions.reportId, at: sql<number>`min(${reportVersions.createdAt})` })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .where(and(eq(reports.year, year), eq(reportVersions.kind, "publish")))
    .groupBy(reportVersions.reportId)
    .all();
  const firstPublished = new Map(published.map((p) => [p.reportId, new Date(Number(p.at))]));
  const inScope = new Set(scope.agencies.map((a) => a.id));
  const byAgency = new Map(rows.filter((r) => inScope.has(r.agencyId)).map((r) => [r.agencyId, r]));
  const last = lastChanges(db, [...byAgency.values()].map((r) => r.id));
  return scope.agencies.map((a) => {
    const r = byAgency.get(a.id);
    const change = r ? last.get(r.id) : undefined;
    return {
      agencyId: a.id,
      agencyName: a.name,
      path: a.path,
      depth: a.depth,
      order: a.order,
      report: r
        ? {
            id: r.id,
            status: r.status as ReportStatusId,
            version: r.version,
            updatedAt: change?.at ?? r.updatedAt,
            updatedByName: change ? change.actorName : r.updatedByName,
            lastAction: change?.what,
            gaps: gapCount(r.data),
            firstPublishedAt: firstPublished.get(r.id) ?? null,
          }
        : null,
    };
  });
}

/** How many things of a stored report are not filled in (an unreadable one counts as not filled in). */
function gapCount(data: string): number {
  try {
    return completenessGaps(JSON.parse(data) as ReportDoc).length;
  } catch {
    return 1;
  }
}

interface Candidate {
  id: number;
  reportId: number;
  agencyId: number;
  status: string;
  kind: string;
}

/**
 * The reviewed version of each agency's report that counts for the roll-up:
 * - 已通过 (approved): the report is approved now → its approval snapshot;
 * - 已发布 (published): its latest publication snapshot — also while a correction or a return is
 *   in progress, because that published version is the one in force.
 * When both are chosen, a currently approved report counts with its approved version.
 * Only the tables are read (json_extract in SQLite, so the narrative text is never parsed).
 */
export function loadRollupSources(db: Db, scope: OversightScope, year: number, states: readonly RollupState[]): RollupSource[] {
  if (!states.length || !scope.agencies.length) return [];
  const names = new Map(scope.agencies.map((a) => [a.id, a.name]));
  const order = new Map(scope.agencies.map((a) => [a.id, a.order]));
  const sqlite = db.$client;
  // First choose, from ids and states only, which snapshot counts for each report; then read the
  // tables of just those (json_extract in SQLite: the narrative text is never handed to JS).
  const candidates = sqlite
    .prepare(
      `SELECT max(v.id) AS id, v.report_id AS reportId, r.agency_id AS agencyId, r.status AS status, v.kind AS kind
         FROM report_versions v JOIN reports r ON r.id = v.report_id
        WHERE r.year = ? AND v.kind IN ('approve', 'publish')
        GROUP BY v.report_id, v.kind`,
    )
    .all(year) as Candidate[];
  const chosen = new Map<number, { c: Candidate; state: RollupState }>();
  for (const c of candidates) {
    if (!names.has(c.agencyId)) continue;
    const state: RollupState | null =
      c.kind === "approve" && c.status === "approved" && states.includes("approved")
        ? "approved"
        : c.kind === "publish" && states.includes("published")
          ? "published"
          : null;
    if (!state) continue;
    // A current approval outranks an older publication of the same report.
    if (!chosen.has(c.reportId) || state === "approved") chosen.set(c.reportId, { c, state });
  }
  const read = sqlite.prepare(`SELECT json_extract(data, '$.edition') AS edition, json_extract(data, '$.tables') AS tables FROM report_versions WHERE id = ?`);
  const out: RollupSource[] = [];
  for (const { c, state } of chosen.values()) {
    const row = read.get(c.id) as { edition: string | null; tables: string | null } | undefined;
    let tables: Partial<ReportTables> = {};
    try {
      tables = row?.tables ? (JSON.parse(row.tables) as Partial<ReportTables>) : {};
    } catch {
      tables = {};
    }
    out.push({ agencyId: c.agencyId, agencyName: names.get(c.agencyId)!, reportId: c.reportId, state, edition: row?.edition ?? "", tables });
  }
  return out.sort((a, b) => order.get(a.agencyId)! - order.get(b.agencyId)!);
}

export interface LoadedRollup {
  scope: OversightScope;
  sources: RollupSource[];
  result: RollupResult;
  validation: ValidationResult;
  /** Agencies in scope with no version that counts (no report, or not yet approved/published). */
  missing: ScopedAgency[];
}

/** The actor's roll-up of `year`: scope, the counted versions, their sum and its validation. */
export function loadRollup(db: Db, actor: Actor, year: number, states: readonly RollupState[]): LoadedRollup {
  const scope = oversightScope(db, actor);
  const sources = loadRollupSources(db, scope, year, states);
  const result = rollUp(year, scope.office?.name ?? "全部单位", sources);
  const counted = new Set(sources.map((x) => x.agencyId));
  return { scope, sources, result, validation: validateRollup(result), missing: scope.agencies.filter((a) => !counted.has(a.id)) };
}
