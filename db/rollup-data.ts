// What the roll-up (汇总) reads from the database: for every agency in scope, the reviewed snapshot
// of its report that counts, and only that snapshot's table values — from snapshot_cells (a flat
// array of ~200 numbers written by a trigger with each snapshot, migration 0007), in three light
// queries — never the whole document with its narratives.
import { getEdition, allCells, isEditionId, type EditionId } from "../lib/template";
import { tablesFromValues, type RollupSource, type RollupState } from "../lib/rollup";
import type { ReportTables } from "../lib/data";
import type { Db } from "./client";
import type { OversightScope } from "./oversight";

interface Row {
  id: number;
  edition: string | null;
  layoutId: number;
  cells: string;
}

/**
 * Per connection: layout id → for each cell of the layout's edition (allCells order), its position
 * in the layout (-1: absent); null when the layout is exactly the edition's cells in that order
 * (the normal case: stored documents keep the template's order), so the values need no reordering.
 */
const layoutMaps = new WeakMap<object, Map<string, Int32Array | null>>();

function layoutMap(db: Db, layoutId: number, edition: EditionId): Int32Array | null {
  let maps = layoutMaps.get(db.$client);
  if (!maps) layoutMaps.set(db.$client, (maps = new Map()));
  const key = `${layoutId}:${edition}`;
  let map = maps.get(key);
  if (map === undefined) {
    // Layouts are append-only: a layout id always names the same keys, so the map can be kept.
    const keys = JSON.parse((db.$client.prepare("SELECT keys FROM snapshot_layouts WHERE id = ?").pluck().get(layoutId) as string | undefined) ?? "[]") as string[];
    const position = new Map(keys.map((k, i) => [k.startsWith("$.tables.") ? k.slice("$.tables.".length) : k, i]));
    map = Int32Array.from(allCells(getEdition(edition)), (c) => position.get(c.ref) ?? -1);
    if (keys.length === map.length && map.every((p, i) => p === i)) map = null;
    maps.set(key, map);
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
export function readRollupSources(db: Db, scope: OversightScope, year: number, states: readonly RollupState[]): RollupSource[] {
  if (!states.length || !scope.agencies.length) return [];
  const names = new Map(scope.agencies.map((a) => [a.id, a.name]));
  const order = new Map(scope.agencies.map((a) => [a.id, a.order]));
  const sqlite = db.$client;
  // Three light queries, none of which reads a whole document: the year's reports from a covering
  // index; the latest approve/publish snapshot ids per report from snapshot_cells' covering index;
  // then the table values of just the chosen snapshots, in one statement.
  const reportsOfYear = sqlite.prepare("SELECT id, agency_id AS agencyId, status FROM reports WHERE year = ?").all(year) as { id: number; agencyId: number; status: string }[];
  const inScope = new Map<number, { agencyId: number; status: string }>();
  for (const r of reportsOfYear) if (names.has(r.agencyId)) inScope.set(r.id, r);
  if (!inScope.size) return [];
  const candidates = sqlite
    .prepare(
      `SELECT max(snapshot_id) AS id, report_id AS reportId, kind FROM snapshot_cells
        WHERE kind IN ('approve', 'publish') AND report_id IN (SELECT id FROM reports WHERE year = ?)
        GROUP BY report_id, kind`,
    )
    .all(year) as { id: number; reportId: number; kind: string }[];
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
  const cellsOf = new Map(
    (
      sqlite
        .prepare("SELECT snapshot_id AS id, edition, layout_id AS layoutId, cells FROM snapshot_cells WHERE snapshot_id IN (SELECT value FROM json_each(?))")
        .all(JSON.stringify([...chosen.values()].map((c) => c.id))) as Row[]
    ).map((r) => [r.id, r]),
  );
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
    const map = layoutMap(db, c.layoutId, edition);
    let values = flat;
    if (map) {
      values = new Array<number | null>(map.length);
      for (let i = 0; i < map.length; i++) values[i] = map[i]! >= 0 ? (flat[map[i]!] ?? null) : null;
    }
    out.push(new FlatSource(agencyId, names.get(agencyId)!, reportId, state, edition, values));
  }
  return out.sort((a, b) => order.get(a.agencyId)! - order.get(b.agencyId)!);
}
