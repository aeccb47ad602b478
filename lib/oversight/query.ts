// The oversight pages' URL query (year, filters, sort, roll-up states, drill-down cell), read
// defensively: anything unknown or malformed falls back to the default instead of failing.

import { ROLLUP_STATES, type RollupState } from "../rollup/rollup";
import { editionForYear, parseCellRef, type CellRef } from "../template";
import { DASHBOARD_SORTS, DASHBOARD_STATES, type DashboardFilter, type DashboardSort, type DashboardState } from "./dashboard";

export type SearchParams = Record<string, string | string[] | undefined>;

const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: string | string[] | undefined): string | undefined => all(v)[0];

/** The report years the app has a format for, newest first, up to `current`. */
export function reportYears(current: number): number[] {
  const out: number[] = [];
  for (let y = current; y >= 2019; y--) if (editionForYear(y)) out.push(y);
  return out;
}

export function parseYear(sp: SearchParams, current: number): number {
  const y = Number(first(sp.year));
  return Number.isInteger(y) && reportYears(current).includes(y) ? y : current;
}

export function parseDashboardFilter(sp: SearchParams): DashboardFilter {
  const states = all(sp.state).filter((s): s is DashboardState => (DASHBOARD_STATES as readonly string[]).includes(s));
  const sort = first(sp.sort);
  return {
    states,
    overdueOnly: first(sp.overdue) === "1",
    query: (first(sp.q) ?? "").slice(0, 50),
    // Own keys only: `in` also finds the prototype's (`?sort=toString` gave a 500).
    sort: sort && Object.hasOwn(DASHBOARD_SORTS, sort) ? (sort as DashboardSort) : "hierarchy",
    page: parsePage(first(sp.page)),
  };
}

/** A page number from the query: a positive integer, else 1 (too large is clamped by pageOf). */
function parsePage(v: string | undefined): number {
  const n = Number(v);
  return v !== undefined && /^\d{1,6}$/.test(v) && n >= 1 ? n : 1;
}

/** Which reviewed states count in the roll-up: both unless the query names some. */
export function parseRollupStates(sp: SearchParams): RollupState[] {
  const given = all(sp.states).filter((s): s is RollupState => (ROLLUP_STATES as readonly string[]).includes(s));
  return given.length ? ROLLUP_STATES.filter((s) => given.includes(s)) : [...ROLLUP_STATES];
}

export function parseCell(sp: SearchParams): CellRef | undefined {
  const c = first(sp.cell);
  return c && parseCellRef(c) ? c : undefined;
}

/** A query string for links that keep the current roll-up settings. */
export function rollupQuery(year: number, states: readonly RollupState[], extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  p.set("year", String(year));
  for (const s of states) p.append("states", s);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
