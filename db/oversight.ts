// What a supervising office (主管部门) sees: the agencies below it, their reports of a year and the
// reviewed versions that go into its roll-up. Scope comes from the agency hierarchy only: a
// supervisor sees the agencies strictly below its own office, an admin every agency; nobody else
// has an oversight scope.
import { and, eq, min } from "drizzle-orm";
import type { Actor } from "../lib/auth/access";
import type { DashboardAgencyRow } from "../lib/oversight/dashboard";
import { rollUp, validateRollup, type RollupResult, type RollupSource, type RollupState } from "../lib/rollup";
import type { ValidationResult } from "../lib/rules";
import type { ReportDoc } from "../lib/data";
import { completenessGaps } from "../lib/rules/completeness";
import type { ReportStatusId } from "../lib/workflow/status";
import { readRollupSources } from "./rollup-data";
import { all, type Q } from "./unit";
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
export function* oversightScope(actor: Actor): Q<OversightScope> {
  if (actor.role !== "supervisor" && actor.role !== "admin") return { office: null, agencies: [] };
  const rows = yield* all((d, t) => d.select({ id: t.agencies.id, name: t.agencies.name, code: t.agencies.code, parentId: t.agencies.parentId, active: t.agencies.active }).from(t.agencies).orderBy(t.agencies.id));
  const children = new Map<number | null, typeof rows>();
  for (const a of rows) {
    const list = children.get(a.parentId) ?? [];
    list.push(a);
    children.set(a.parentId, list);
  }
  const byId = new Map(rows.map((a) => [a.id, a]));
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
export function* dashboardAgencyRows(scope: OversightScope, year: number): Q<DashboardAgencyRow[]> {
  const rows = yield* all((d, t) =>
    d
      .select({
        id: t.reports.id,
        agencyId: t.reports.agencyId,
        status: t.reports.status,
        version: t.reports.version,
        updatedAt: t.reports.updatedAt,
        updatedByName: t.users.displayName,
        data: t.reports.data,
      })
      .from(t.reports)
      .leftJoin(t.users, eq(t.reports.updatedBy, t.users.id))
      .where(eq(t.reports.year, year)),
  );
  // A back-filled (补录) report was published elsewhere on the day the user gave: that day, not the
  // day it was recorded here, decides whether it was on time (unknown: the record's time).
  const published = yield* all((d, t) =>
    d
      .select({
        reportId: t.reportVersions.reportId,
        // min() keeps the column's type: a Date on both databases.
        at: min(t.reportVersions.createdAt),
        publishedOn: min(t.reportVersions.publishedOn),
      })
      .from(t.reportVersions)
      .innerJoin(t.reports, eq(t.reports.id, t.reportVersions.reportId))
      .where(and(eq(t.reports.year, year), eq(t.reportVersions.kind, "publish")))
      .groupBy(t.reportVersions.reportId),
  );
  const firstPublished = new Map(
    published.map((p) => [p.reportId, p.publishedOn ? new Date(`${p.publishedOn}T12:00:00+08:00`) : new Date(p.at!)]),
  );
  const inScope = new Set(scope.agencies.map((a) => a.id));
  const byAgency = new Map(rows.filter((r) => inScope.has(r.agencyId)).map((r) => [r.agencyId, r]));
  const last = yield* lastChanges([...byAgency.values()].map((r) => r.id));
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
export function* loadRollupSources(scope: OversightScope, year: number, states: readonly RollupState[]): Q<RollupSource[]> {
  return yield* readRollupSources(scope, year, states);
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
export function* loadRollup(actor: Actor, year: number, states: readonly RollupState[]): Q<LoadedRollup> {
  const scope = yield* oversightScope(actor);
  const sources = yield* loadRollupSources(scope, year, states);
  const result = rollUp(year, scope.office?.name ?? "全部单位", sources);
  const counted = new Set(sources.map((x) => x.agencyId));
  return { scope, sources, result, validation: validateRollup(result), missing: scope.agencies.filter((a) => !counted.has(a.id)) };
}
