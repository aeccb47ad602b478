// What the roll-up (汇总) reads from the database: for every agency in scope, the reviewed snapshot
// of its report that counts, and only that snapshot's table values — from snapshot_cells (a flat
// array of ~200 numbers written by a trigger with each snapshot, migration 0007), in three light
// queries — never the whole document with its narratives.
import { inArray, sql } from "drizzle-orm";
import { getEdition, allCells, isEditionId, type EditionId } from "../lib/template";
import { tablesFromValues, type RollupSource, type RollupState } from "../lib/rollup";
import type { ReportTables } from "../lib/data";
import type { OversightScope } from "./oversight";
import { all, rawAll, type Q } from "./unit";

interface Row {
  id: number;
  edition: string | null;
  layoutId: number;
  cells: string;
}

/**
 * Layout keys + edition → for each cell of the edition (allCells order), its position in the layout
 * (-1: absent); null when the layout is exactly the edition's cells in that order (the normal case:
 * stored documents keep the template's order), so the values need no reordering. Keyed by the
 * layout's content (its keys, read with the roll-up), not by a connection or an id: the same entry
 * serves every database and app server and can never be stale. A handful of layouts exist (one per
 * edition and template revision); the bound only guards against a flood.
 */
const layoutMaps = new Map<string, Int32Array | null>();
const LAYOUT_CACHE_MAX = 256;

function layoutMap(keysText: string, edition: EditionId): Int32Array | null {
  const key = `${edition}\n${keysText}`;
  let map = layoutMaps.get(key);
  if (map === undefined) {
    let keys: string[] = [];
    try {
      keys = JSON.parse(keysText) as string[];
    } catch {
      keys = [];
    }
    const position = new Map(keys.map((k, i) => [k.startsWith("$.tables.") ? k.slice("$.tables.".length) : k, i]));
    map = Int32Array.from(allCells(getEdition(edition)), (c) => position.get(c.ref) ?? -1);
    if (keys.length === map.length && map.every((p, i) => p === i)) map = null;
    if (layoutMaps.size >= LAYOUT_CACHE_MAX) layoutMaps.clear();
    layoutMaps.set(key, map);
  }
  return map;
}

/** A roll-up source read as flat values; its nested `tables` are built only if something asks (the .xlsx per-agency sheet). */
class FlatSource implements RollupSource {
  #tables: Partial<ReportTables> | undefined;
  constructor(
    readonly agencyId: number,
    readonly agencyName: string,
    readonly reportId: number,
    readonly state: RollupState,
    readonly edition: EditionId,
    readonly values: readonly (number | null)[],
  ) {}
  get tables(): Partial<ReportTables> {
    return (this.#tables ??= tablesFromValues(this.edition, this.values));
  }
}

const isEdition = (e: string | null): e is EditionId => isEditionId(e);

/**
 * The reviewed version of each agency's report that counts for the roll-up:
 * - 已通过 (approved): the report is approved now → its approval snapshot;
 * - 已发布 (published): its latest publication snapshot — also while a correction or a return is
 *   in progress, because that published version is the one in force.
 * When both are chosen, a currently approved report counts with its approved version.
 * One query reads the candidates with their table values. Every snapshot has its snapshot_cells
 * row: the trigger writes it in the same statement as the snapshot (both or neither), migration
 * 0007 backfilled the older ones, and neither table can be changed afterwards.
 */
export function* readRollupSources(scope: OversightScope, year: number, states: readonly RollupState[]): Q<RollupSource[]> {
  if (!states.length || !scope.agencies.length) return [];
  const names = new Map(scope.agencies.map((a) => [a.id, a.name]));
  const order = new Map(scope.agencies.map((a) => [a.id, a.order]));
  // Three light queries, none of which reads a whole document: the year's reports from a covering
  // index; the latest approve/publish snapshot ids per report from snapshot_cells' covering index;
  // then the table values of just the chosen snapshots, in one statement. The same SQL on both
  // databases except the list of chosen ids (SQLite: a JSON array; PostgreSQL: an int[]).
  const reportsOfYear = yield* rawAll<{ id: number; agencyId: number; status: string }>(() => sql`SELECT id, agency_id AS "agencyId", status FROM reports WHERE year = ${year}`);
  const inScope = new Map<number, { agencyId: number; status: string }>();
  for (const r of reportsOfYear) if (names.has(r.agencyId)) inScope.set(r.id, r);
  if (!inScope.size) return [];
  const candidates = yield* rawAll<{ id: number; reportId: number; kind: string }>(
    () => sql`SELECT max(snapshot_id) AS id, report_id AS "reportId", kind FROM snapshot_cells
        WHERE kind IN ('approve', 'publish') AND report_id IN (SELECT id FROM reports WHERE year = ${year})
        GROUP BY report_id, kind`,
  );
  const chosen = new Map<number, { id: number; state: RollupState }>();
  for (const c of candidates) {
    const report = inScope.get(c.reportId);
    if (!report) continue;
    const state: RollupState | null =
      c.kind === "approve" && report.status === "approved" && states.includes("approved")
        ? "approved"
        : c.kind === "publish" && states.includes("published")
          ? "published"
          : null;
    if (!state) continue;
    // A current approval outranks an older publication of the same report.
    if (!chosen.has(c.reportId) || state === "approved") chosen.set(c.reportId, { id: c.id, state });
  }
  if (!chosen.size) return [];
  const ids = [...chosen.values()].map((c) => c.id);
  const rows = yield* rawAll<Row>((dialect) =>
    dialect === "pg"
      ? sql`SELECT snapshot_id AS id, edition, layout_id AS "layoutId", cells FROM snapshot_cells WHERE snapshot_id = ANY(${`{${ids.join(",")}}`}::int[])`
      : sql`SELECT snapshot_id AS id, edition, layout_id AS "layoutId", cells FROM snapshot_cells WHERE snapshot_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
  const cellsOf = new Map(rows.map((r) => [r.id, r]));
  // The layouts these snapshots use (a few rows: one per edition and template revision).
  const layoutIds = [...new Set(rows.map((r) => r.layoutId))];
  const layouts = new Map((yield* all((d, t) => d.select({ id: t.snapshotLayouts.id, keys: t.snapshotLayouts.keys }).from(t.snapshotLayouts).where(inArray(t.snapshotLayouts.id, layoutIds)))).map((l) => [l.id, l.keys]));
  // This call's layout id → map (the content-keyed cache is looked up once per layout, not per row).
  const mapsHere = new Map<string, Int32Array | null>();
  const out: RollupSource[] = [];
  for (const [reportId, { id, state }] of chosen) {
    const c = cellsOf.get(id)!;
    const agencyId = inScope.get(reportId)!.agencyId;
    const edition = c.edition ?? "";
    if (!isEdition(edition)) {
      out.push({ agencyId, agencyName: names.get(agencyId)!, reportId, state, edition, tables: {} });
      continue;
    }
    let flat: (number | null)[] = [];
    try {
      flat = JSON.parse(c.cells) as (number | null)[]; // numbers and nulls only (the trigger writes nothing else)
    } catch {
      flat = [];
    }
    const local = `${c.layoutId}:${edition}`;
    let map = mapsHere.get(local);
    if (map === undefined) mapsHere.set(local, (map = layoutMap(layouts.get(c.layoutId) ?? "[]", edition)));
    let values = flat;
    if (map) {
      values = new Array<number | null>(map.length);
      for (let i = 0; i < map.length; i++) values[i] = map[i]! >= 0 ? (flat[map[i]!] ?? null) : null;
    }
    out.push(new FlatSource(agencyId, names.get(agencyId)!, reportId, state, edition, values));
  }
  return out.sort((a, b) => order.get(a.agencyId)! - order.get(b.agencyId)!);
}
