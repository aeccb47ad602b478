// The rule engine, incrementally: a report is checked once in full, then an edit of a few table
// cells re-runs only the checks that read those cells (and the totals built from them) and keeps
// every other check's findings. The checks are the engine's own (engine.ts), one "unit" each (one
// sum, one balance, one cell's integer check, one table's blank-cell summary, one narrative's
// checks …); which unit reads which cell is derived from the edition's rule plan (plan.ts), never
// listed by hand. The result is the one validateReport gives for the report as it stands — the same
// findings in the same order (property-tested in incremental.test.ts).
import type { ReportDoc } from "../data";
import { findEdition, type Edition, type TableKey } from "../template";
import {
  amountCheck,
  atLeastCheck,
  balanceCheck,
  blankCheck,
  carryRowCheck,
  carryStockCheck,
  Collector,
  crossYearStart,
  documentRules,
  integerCheck,
  narrativeFiguresCheck,
  narrativeTextCheck,
  nonNegativeCheck,
  sumCheck,
  textComparisonRules,
  unknownCells,
  type PreviousYear,
  type ValidateOptions,
} from "./engine";
import { importedMeta } from "./imported";
import { planFor, readValues, type Plan, type Values } from "./plan";
import type { Issue, ValidationResult } from "./types";

/** Which check reads what: for each cell, the units that read it; for each unit, how to run it. */
interface Index {
  /** Units in the order validateReport runs them (its issues come out in this order before sorting). */
  units: readonly Unit[];
  /** Per cell index: the ordinals of the units that read the cell. */
  readers: readonly Int32Array[];
  /** Per cell index: the cell and every derived cell computed from it, directly or through other totals. */
  downstream: readonly Int32Array[];
  /** Ordinals of the narrative units (they also depend on which table rows exist). */
  narrativeUnits: Int32Array;
}

type Ctx = { plan: Plan; report: ReportDoc; v: Values; unknown: Uint8Array; asPrinted: ReadonlyMap<string, number>; prev: PreviousYear | null };
type Unit = { reads: readonly number[]; run: (ctx: Ctx, out: Collector) => void };

const indexes = new WeakMap<Plan, Index>();

function buildIndex(plan: Plan): Index {
  const units: Unit[] = [];
  const add = (reads: ArrayLike<number>, run: Unit["run"]) => units.push({ reads: Array.from(reads), run });
  for (const i of plan.integerCells) add([i], (c, out) => integerCheck(c.plan, i, c.v, out));
  for (const i of plan.nonNegativeCells) add([i], (c, out) => nonNegativeCheck(c.plan, i, c.v, out));
  for (const i of plan.amountCells) add([i], (c, out) => amountCheck(c.plan, i, c.v, out, c.asPrinted));
  for (const s of plan.sums) add([s.target, ...s.addends], (c, out) => sumCheck(c.plan, s, c.v, out, c.unknown));
  for (const b of plan.balances) add([...b.left, ...b.right], (c, out) => balanceCheck(c.plan, b, c.v, out, c.unknown));
  for (const a of plan.atLeasts) add([...a.sum, ...a.atLeast], (c, out) => atLeastCheck(c.plan, a, c.v, out, c.unknown));
  for (const t of plan.inputCellsByTable) add(t.cells, (c, out) => blankCheck(c.plan, t, c.v, out, c.unknown));
  // A narrative's checks compare the figures it states with the cells the edition names for them.
  const figureCells = new Set<number>();
  for (const refs of Object.values(plan.edition.narrativeFigures)) for (const ref of refs ?? []) figureCells.add(cellIndex(plan, ref));
  const narrativeUnits: number[] = [];
  for (const n of plan.narratives) {
    // Its own text's checks read no cell: run once, when the checker is made (the text does not change).
    add([], (c, out) => narrativeTextCheck(n, c.report, out));
    narrativeUnits.push(units.length);
    add([...figureCells], (c, out) => narrativeFiguresCheck(c.plan, n, c.report, out));
  }
  for (const k of plan.carryRows) add(k.pairs.map((p) => p.cell), (c, out) => c.prev && carryRowCheck(c.plan, k, c.v, c.prev, out));
  for (const k of plan.carryStocks) add(k.rows.flatMap((r) => [r.cell, ...r.plus, ...r.minus]), (c, out) => c.prev && carryStockCheck(c.plan, k, c.v, c.prev, out));

  const readers: number[][] = Array.from({ length: plan.n }, () => []);
  units.forEach((u, ord) => {
    for (const i of new Set(u.reads)) readers[i]!.push(ord);
  });
  // A derived cell's effective value follows its addends (first formula, as the engine and
  // computeDerived compute it): an edit reaches every total built on the edited cell.
  const dependents: number[][] = Array.from({ length: plan.n }, () => []);
  for (const d of plan.derivations) for (const a of d.addends) dependents[a]!.push(d.target);
  const downstream = Array.from({ length: plan.n }, (_, i) => {
    const seen = new Set([i]);
    const stack = [i];
    while (stack.length) {
      for (const t of dependents[stack.pop()!]!) {
        if (seen.has(t)) continue;
        seen.add(t);
        stack.push(t);
      }
    }
    return Int32Array.from(seen);
  });
  return { units, readers: readers.map((r) => Int32Array.from(r)), downstream, narrativeUnits: Int32Array.from(narrativeUnits) };
}

function indexFor(plan: Plan): Index {
  let x = indexes.get(plan);
  if (!x) indexes.set(plan, (x = buildIndex(plan)));
  return x;
}

function cellIndex(plan: Plan, ref: string): number {
  const i = plan.cells.findIndex((c) => c.ref === ref);
  if (i < 0) throw new Error(`template ${plan.edition.id}: a narrative figure refers to the missing cell ${ref}`);
  return i;
}

/** A table cell's new value (null: blank). */
export type CellEdit = readonly [ref: string, value: number | null];

export interface IncrementalCheck {
  /** The result for the report as it stands: what validateReport gives for it with the same options. */
  result(): ValidationResult;
  /**
   * Sets table cells of the report. With `derive` (see incrementalCheck) only input cells should be
   * set: the totals follow. Returns the cells whose value changed, totals included; a reference the
   * edition does not have is ignored.
   */
  setCells(edits: Iterable<CellEdit>): string[];
  /** The report as it stands (its tables are the checker's own: read, never change them). */
  report(): ReportDoc;
}

/**
 * Checks `report` in full and keeps what is needed to check it again after table edits. With
 * `derive`, the report checked is `computeDerived(report)` — every total recomputed from the input
 * cells, as the editor shows it — and stays so after each edit. Narrative, meta or option changes
 * need a new checker.
 */
export function incrementalCheck(report: ReportDoc, opts: ValidateOptions = {}, { derive = false }: { derive?: boolean } = {}): IncrementalCheck {
  const edition: Edition | undefined = findEdition(report.edition);
  if (!edition) throw new RangeError(`incrementalCheck: unknown edition ${String(report.edition)}`);
  const plan = planFor(edition);
  const index = indexFor(plan);
  const tables = {} as Record<TableKey, Record<string, Record<string, unknown>>>;
  for (const [t, rows] of Object.entries(report.tables ?? {})) {
    const copy: Record<string, Record<string, unknown>> = {};
    for (const [row, cols] of Object.entries(rows ?? {})) copy[row] = { ...cols };
    tables[t as TableKey] = copy;
  }
  const doc: ReportDoc = { ...report, tables: tables as ReportDoc["tables"] };
  const cells = plan.cells;
  const write = (i: number, value: number | null): boolean => {
    const c = cells[i]!;
    const table = (tables[c.table] ??= {});
    let row = table[c.row];
    const created = !row;
    if (!row) table[c.row] = row = {};
    row[c.column] = value;
    return created;
  };
  let rowsCreated = false;
  // computeDerived: each total in computable order, the sum of its addends that are numbers (blank
  // when none is).
  const derived: number[] = [];
  const recompute = (only?: Uint8Array) => {
    derived.length = 0;
    for (const d of plan.derivations) {
      if (only && !only[d.target]) continue;
      let sum = 0;
      let any = false;
      for (const a of d.addends) {
        const c = cells[a]!;
        const x = tables[c.table]?.[c.row]?.[c.column];
        if (typeof x === "number") {
          sum += x;
          any = true;
        }
      }
      const c = cells[d.target]!;
      const before = tables[c.table]?.[c.row]?.[c.column];
      const next = any ? sum : null;
      if (before === next && tables[c.table]?.[c.row] && c.column in tables[c.table]![c.row]!) continue;
      if (!Object.is(before, next)) derived.push(d.target);
      if (write(d.target, next)) rowsCreated = true;
    }
  };
  if (derive) recompute();

  const v = readValues(plan, doc.tables);
  const imported = importedMeta(doc);
  const ctx: Ctx = { plan, report: doc, v, unknown: unknownCells(plan, v, imported.unknown), asPrinted: imported.asPrinted, prev: null };

  // The units before and after the cells' (they read no cell): the edition/year check, the cross-year
  // start, 内容雷同.
  const head = new Collector();
  documentRules(doc, edition, head);
  const middle = new Collector();
  if (opts.previous) ctx.prev = crossYearStart(doc, opts.previous, middle);
  const tail = new Collector();
  textComparisonRules(plan, doc, opts, tail);

  const nCarry = plan.carryRows.length + plan.carryStocks.length;
  const firstCarry = index.units.length - nCarry;
  const found: Collector[] = index.units.map(() => new Collector());
  const run = (ord: number) => {
    const out = new Collector();
    // Without last year's report (or one that cannot be compared) the carry checks do not run.
    if (ord < firstCarry || ctx.prev) index.units[ord]!.run(ctx, out);
    found[ord] = out;
  };
  for (let ord = 0; ord < index.units.length; ord++) run(ord);

  let cached: ValidationResult | null = null;
  const result = (): ValidationResult => {
    if (cached) return cached;
    const issues: Issue[] = [];
    const pos: number[] = [];
    const take = (c: Collector) => {
      for (let k = 0; k < c.issues.length; k++) {
        issues.push(c.issues[k]!);
        pos.push(c.pos[k]!);
      }
    };
    take(head);
    for (let ord = 0; ord < firstCarry; ord++) take(found[ord]!);
    take(middle);
    for (let ord = firstCarry; ord < found.length; ord++) take(found[ord]!);
    take(tail);
    // As Collector.result: by position, in the order found where equal.
    const order = issues.map((_, i) => i);
    order.sort((a, b) => pos[a]! - pos[b]! || a - b);
    let errors = 0;
    let warnings = 0;
    const sorted = order.map((i) => issues[i]!);
    for (const i of sorted) {
      if (i.severity === "error") errors++;
      else if (i.severity === "warning") warnings++;
    }
    return (cached = { ok: errors === 0, errors, warnings, issues: sorted });
  };

  const byRef = new Map(cells.map((c, i) => [c.ref, i]));
  return {
    result,
    report: () => doc,
    setCells(edits) {
      const changed: number[] = [];
      rowsCreated = false;
      for (const [ref, value] of edits) {
        const i = byRef.get(ref);
        if (i === undefined) continue;
        const c = cells[i]!;
        const before = tables[c.table]?.[c.row]?.[c.column];
        if (Object.is(before, value) && tables[c.table]?.[c.row] && c.column in tables[c.table]![c.row]!) continue;
        if (write(i, value)) rowsCreated = true;
        changed.push(i);
      }
      if (derive && changed.length) {
        // Only the totals built on an edited cell.
        const only = new Uint8Array(plan.n);
        for (const i of changed) for (const d of index.downstream[i]!) only[d] = 1;
        recompute(only);
        changed.push(...derived);
      }
      if (!changed.length && !rowsCreated) return [];
      // The numbers as readValues reads them: the changed cells, then every total's effective value.
      for (const i of changed) {
        const c = cells[i]!;
        const x = tables[c.table]?.[c.row]?.[c.column];
        const ok = typeof x === "number" && Number.isFinite(x);
        v.values[i] = v.eff[i] = ok ? x : 0;
        v.filled[i] = v.effFilled[i] = ok ? 1 : 0;
      }
      for (const d of plan.derivations) {
        const t = d.target;
        if (v.filled[t]) {
          v.eff[t] = v.values[t]!;
          v.effFilled[t] = 1;
          continue;
        }
        let sum = 0;
        let any = 0;
        for (let k = 0; k < d.addends.length; k++) {
          sum += v.eff[d.addends[k]!]!;
          any |= v.effFilled[d.addends[k]!]!;
        }
        v.eff[t] = sum;
        v.effFilled[t] = any;
      }
      if (imported.unknown.size) ctx.unknown = unknownCells(plan, v, imported.unknown);
      const dirty = new Set<number>();
      for (const i of changed) for (const d of index.downstream[i]!) for (const u of index.readers[d]!) dirty.add(u);
      // Whether a narrative's figure is compared at all depends on its rows being there.
      if (rowsCreated) for (const u of index.narrativeUnits) dirty.add(u);
      for (const u of dirty) run(u);
      cached = null;
      return changed.map((i) => cells[i]!.ref);
    },
  };
}
