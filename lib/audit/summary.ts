// The audit trail as people read it: what an autosave changed (cells old → new, narrative text
// added/removed), and one user's consecutive autosaves within a short window shown as one entry.
//
// Storage keeps one append-only row per autosave (a compact delta, lib/audit/delta.ts) — merging
// rows would mean updating or deleting audit rows, which the database refuses by design. Coalescing
// is therefore done here, for display only; every version stays individually recorded.

import { readSaveDelta, type DeltaOp } from "./delta";

export interface CellChangeSummary {
  /** `table.row.column` */
  ref: string;
  before: number | null;
  after: number | null;
}

export interface TextChangeSummary {
  /** "narrative.overview", "meta.preamble", … */
  path: string;
  inserted: number;
  removed: number;
  /** The last inserted text (shortened), for a glance at what was written. */
  sample: string;
}

export interface SaveSummary {
  fromVersion: number | null;
  toVersion: number | null;
  cells: CellChangeSummary[];
  texts: TextChangeSummary[];
  /** Other changed values (agency fields, extras), counted only. */
  other: number;
}

const cellValue = (x: unknown): number | null => (typeof x === "number" ? x : null);
const SAMPLE = 60;
const shorten = (s: string) => (s.length > SAMPLE ? `${s.slice(0, SAMPLE)}…` : s);

function isTextPath(path: readonly (string | number)[]): boolean {
  return path.length === 2 && (path[0] === "narrative" || path[0] === "meta") && typeof path[1] === "string";
}

function summarizeOps(ops: DeltaOp[], out: SaveSummary): void {
  for (const op of ops) {
    if (op[0] === "j") {
      out.other++;
      continue;
    }
    const path = op[1];
    if (path.length === 4 && path[0] === "tables" && (op[0] === "s" || op[0] === "a" || op[0] === "r")) {
      const ref = path.slice(1).join(".");
      if (op[0] === "s") out.cells.push({ ref, before: cellValue(op[2]), after: cellValue(op[3]) });
      else if (op[0] === "a") out.cells.push({ ref, before: null, after: cellValue(op[2]) });
      else out.cells.push({ ref, before: cellValue(op[2]), after: null });
    } else if (isTextPath(path)) {
      const key = path.join(".");
      if (op[0] === "t") out.texts.push({ path: key, inserted: op[4].length, removed: op[3].length, sample: shorten(op[4]) });
      else {
        const before = op[0] === "s" || op[0] === "r" ? op[2] : "";
        const after = op[0] === "s" ? op[3] : op[0] === "a" ? op[2] : "";
        const b = typeof before === "string" ? before : "";
        const a = typeof after === "string" ? after : "";
        out.texts.push({ path: key, inserted: a.length, removed: b.length, sample: shorten(a) });
      }
    } else if (op[0] === "s" && path.length === 3 && path[0] === "tables") {
      out.other++; // a whole row replaced: counted, not itemised
    } else out.other++;
  }
}

/**
 * What one `report.save` audit entry changed — from the compact delta it stores now, or from the
 * older shape (changed cells and whole changed sections before and after).
 */
export function summarizeSave(before: string | null, after: string | null): SaveSummary | null {
  const delta = readSaveDelta(after);
  if (delta) {
    const out: SaveSummary = { fromVersion: delta.base, toVersion: delta.version, cells: [], texts: [], other: 0 };
    summarizeOps(delta.ops, out);
    return out;
  }
  try {
    type Old = { version?: number; cells?: [string, number | null][]; texts?: [string, string][] };
    const b = (before ? JSON.parse(before) : {}) as Old;
    const a = (after ? JSON.parse(after) : {}) as Old;
    if (!Array.isArray(a.cells) && !Array.isArray(a.texts)) return null;
    const beforeCells = new Map(b.cells ?? []);
    const beforeTexts = new Map(b.texts ?? []);
    return {
      fromVersion: b.version ?? null,
      toVersion: a.version ?? null,
      cells: (a.cells ?? []).map(([ref, v]) => ({ ref, before: beforeCells.get(ref) ?? null, after: v })),
      texts: (a.texts ?? []).map(([path, t]) => ({ path, inserted: t.length, removed: (beforeTexts.get(path) ?? "").length, sample: shorten(t) })),
      other: 0,
    };
  } catch {
    return null;
  }
}

export interface AuditRowLike {
  id: number;
  at: Date;
  action: string;
  actorId: number | null;
  before: string | null;
  after: string | null;
}

export type AuditDisplayEntry<R extends AuditRowLike> =
  | { kind: "entry"; row: R }
  | { kind: "saves"; rows: R[]; first: R; last: R; summary: SaveSummary };

/** Consecutive autosaves of one user closer than this together are shown as one entry. */
export const COALESCE_WINDOW_MS = 10 * 60 * 1000;

function merge(chronological: SaveSummary[]): SaveSummary {
  const cells = new Map<string, CellChangeSummary>();
  const texts = new Map<string, TextChangeSummary>();
  let other = 0;
  for (const s of chronological) {
    for (const c of s.cells) {
      const seen = cells.get(c.ref);
      cells.set(c.ref, seen ? { ...seen, after: c.after } : { ...c });
    }
    for (const t of s.texts) {
      const seen = texts.get(t.path);
      texts.set(t.path, seen ? { path: t.path, inserted: seen.inserted + t.inserted, removed: seen.removed + t.removed, sample: t.sample || seen.sample } : { ...t });
    }
    other += s.other;
  }
  return {
    fromVersion: chronological[0]?.fromVersion ?? null,
    toVersion: chronological.at(-1)?.toVersion ?? null,
    // A cell typed and then put back is no change.
    cells: [...cells.values()].filter((c) => c.before !== c.after),
    texts: [...texts.values()],
    other,
  };
}

/**
 * The audit rows (newest first, as listAudit returns them) for display: runs of `report.save` by
 * the same user, each within `windowMs` of the next, become one entry summarising the whole run.
 */
export function coalesceAudit<R extends AuditRowLike>(rows: readonly R[], windowMs = COALESCE_WINDOW_MS): AuditDisplayEntry<R>[] {
  const out: AuditDisplayEntry<R>[] = [];
  let run: R[] = [];
  const flush = () => {
    if (!run.length) return;
    const summaries = [...run].reverse().map((r) => summarizeSave(r.before, r.after));
    if (summaries.every((s): s is SaveSummary => s !== null)) out.push({ kind: "saves", rows: run, first: run.at(-1)!, last: run[0]!, summary: merge(summaries) });
    else for (const r of run) out.push({ kind: "entry", row: r });
    run = [];
  };
  for (const r of rows) {
    const prev = run.at(-1);
    const joins = r.action === "report.save" && prev !== undefined && prev.actorId === r.actorId && prev.at.getTime() - r.at.getTime() <= windowMs;
    if (!joins) flush();
    if (r.action === "report.save") run.push(r);
    else out.push({ kind: "entry", row: r });
  }
  flush();
  return out;
}
