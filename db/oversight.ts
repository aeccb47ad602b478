// What a supervising office (主管部门) sees: the agencies below it, their reports of a year and the
// reviewed versions that go into its roll-up. Scope comes from the agency hierarchy only: a
// supervisor sees the agencies strictly below its own office, an admin every agency; nobody else
// has an oversight scope.
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../lib/auth/access";
import type { DashboardAgencyRow } from "../lib/oversight/dashboard";
import { rollUp, validateRollup, type RollupResult, type RollupSource, type RollupState } from "../lib/rollup";
import type { ValidationResult } from "../lib/rules";
import type { ReportDoc } from "../lib/data";
import { completenessGaps } from "../lib/rules/completeness";
import type { ReportStatusId } from "../lib/workflow/status";
import type { Db } from "./client";
import { readRollupSources } from "./rollup-data";
import { agencies, reports, reportVersions, users } from "./schema";
import { lastChanges } from "./workflow";
import { runSqlite } from "./run-sqlite";

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
  // A back-filled (补录) report was published elsewhere on the day the user gave: that day, not the
  // day it was recorded here, decides whether it was on time (unknown: the record's time).
  const published = db
    .select({
      reportId: reportVersions.reportId,
      at: sql<number>`min(${reportVersions.createdAt})`,
      publishedOn: sql<string | null>`min(${reportVersions.publishedOn})`,
    })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .where(and(eq(reports.year, year), eq(reportVersions.kind, "publish")))
    .groupBy(reportVersions.reportId)
    .all();
  const firstPublished = new Map(
    published.map((p) => [p.reportId, p.publishedOn ? new Date(`${p.publishedOn}T12:00:00+08:00`) : new Date(Number(p.at))]),
  );
  const inScope = new Set(scope.agencies.map((a) => a.id));
  const byAgency = new Map(rows.filter((r) => inScope.has(r.agencyId)).map((r) => [r.agencyId, r]));
  const last = runSqlite(db, lastChanges([...byAgency.values()].map((r) => r.id)));
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

/**
 * The reviewed version of each agency's report that counts for the roll-up, with its table values:
 * see db/rollup-data.ts (snapshot_cells, migration 0007).
 */
export function loadRollupSources(db: Db, scope: OversightScope, year: number, states: readonly RollupState[]): RollupSource[] {
  return readRollupSources(db, scope, year, states);
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
