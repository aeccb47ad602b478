// The cells of an edition, flattened from its table definitions, with their derivation formulas.
// Computed once per edition object and cached: the form, the schema and the rule engine all
// iterate these arrays instead of walking the nested table definitions again.

import { TABLE_KEYS } from "./keys";
import { columnPhrase, plainLabel, rowPhrase } from "./labels";
import type { BlockDef, CellKind, ColumnDef, DerivedDef, Edition, RowDef, TableDef, TableKey } from "./types";

/** A cell reference "table.row.column", e.g. "applications.withheldThirdParty.total". */
export type CellRef = string;

/**
 * One way a derived cell is computed: the sum of `addends`.
 * `along: "row"`  — the cell is a total column (e.g. 总计 = 自然人 + … + 其他 of the same row);
 * `along: "column"` — the cell is a total row (e.g. （七）总计 = Σ result rows of the same column).
 */
export interface Formula {
  rule: string;
  along: "row" | "column";
  addends: CellRef[];
  /** How messages name the addends ("各申请人类型", or the addends' labels joined by 、). */
  addendsLabel: string;
}

export interface CellInfo {
  ref: CellRef;
  /** Position in document order (table, then row, then column). */
  index: number;
  table: TableKey;
  row: string;
  column: string;
  block: string;
  tableDef: TableDef;
  blockDef: BlockDef;
  rowDef: RowDef;
  columnDef: ColumnDef;
  kind: CellKind;
  unit?: string;
  /** True for total cells: computed from other cells, never typed in. */
  derived: boolean;
  /** Empty for input cells; a cell that is both in a total row and a total column has two. */
  formulas: Formula[];
  /** Chinese description, e.g. 表三「4.保护第三方合法权益」行「总计」列. */
  label: string;
}

export function cellRef(table: TableKey, row: string, column: string): CellRef {
  return `${table}.${row}.${column}`;
}

export function parseCellRef(ref: string): { table: TableKey; row: string; column: string } | undefined {
  const parts = ref.split(".");
  if (parts.length !== 3) return undefined;
  const [table, row, column] = parts as [string, string, string];
  if (!(TABLE_KEYS as readonly string[]).includes(table) || !row || !column) return undefined;
  return { table: table as TableKey, row, column };
}

/** Rows of a table across its blocks, in printed order. */
export function tableRows(table: TableDef): { row: RowDef; block: BlockDef }[] {
  return table.blocks.flatMap((block) => block.rows.map((row) => ({ row, block })));
}

/** The key of the outermost group, or "" for ungrouped rows/columns (they form one group per block). */
function outerGroup(def: RowDef | ColumnDef): string {
  return def.groups?.[0]?.key ?? "";
}

function addendsOf<T extends RowDef | ColumnDef>(items: T[], derived: T): T[] {
  // "Every other leaf of the same outermost group" — see DerivedDef. Other derived items are not
  // addends (a total is never the sum of another total in the same direction).
  return items.filter((x) => x !== derived && !x.derived && outerGroup(x) === outerGroup(derived));
}

/** The formula of a total row or column: the sum of its addends, named by its `derived` definition. */
function formula<D extends RowDef | ColumnDef>(along: Formula["along"], derived: DerivedDef, addends: D[], ref: (addend: D) => CellRef): Formula {
  return { rule: derived.rule, along, addends: addends.map(ref), addendsLabel: derived.addendsLabel ?? addends.map((a) => plainLabel(a)).join("、") };
}

interface EditionCells {
  list: CellInfo[];
  byRef: Map<CellRef, CellInfo>;
  /** Derived cells, ordered so that every derived addend comes before the cells that use it. */
  derivationOrder: CellInfo[];
}

const cache = new WeakMap<Edition, EditionCells>();

function build(edition: Edition): EditionCells {
  const list: CellInfo[] = [];
  for (const tableKey of TABLE_KEYS) {
    const tableDef = edition.tables[tableKey];
    for (const blockDef of tableDef.blocks) {
      for (const rowDef of blockDef.rows) {
        for (const columnDef of blockDef.columns) {
          const formulas: Formula[] = [];
          if (columnDef.derived) formulas.push(formula("row", columnDef.derived, addendsOf(blockDef.columns, columnDef), (c) => cellRef(tableKey, rowDef.key, c.key)));
          if (rowDef.derived) formulas.push(formula("column", rowDef.derived, addendsOf(blockDef.rows, rowDef), (r) => cellRef(tableKey, r.key, columnDef.key)));
          const info: CellInfo = {
            ref: cellRef(tableKey, rowDef.key, columnDef.key),
            index: list.length,
            table: tableKey,
            row: rowDef.key,
            column: columnDef.key,
            block: blockDef.key,
            tableDef,
            blockDef,
            rowDef,
            columnDef,
            kind: columnDef.kind,
            derived: formulas.length > 0,
            formulas,
            label: `${tableDef.name}${rowPhrase(tableDef, rowDef)}${columnPhrase(tableDef, columnDef)}`,
          };
          if (columnDef.unit !== undefined) info.unit = columnDef.unit;
          list.push(info);
        }
      }
    }
  }
  const byRef = new Map(list.map((c) => [c.ref, c]));

  const derivationOrder: CellInfo[] = [];
  const state = new Map<CellRef, "visiting" | "done">();
  const visit = (c: CellInfo): void => {
    const s = state.get(c.ref);
    if (s === "done") return;
    if (s === "visiting") throw new Error(`template ${edition.id}: circular derivation at ${c.ref}`);
    state.set(c.ref, "visiting");
    for (const a of c.formulas[0]?.addends ?? []) {
      const ai = byRef.get(a);
      if (!ai) throw new Error(`template ${edition.id}: ${c.ref} adds unknown cell ${a}`);
      if (ai.derived) visit(ai);
    }
    state.set(c.ref, "done");
    derivationOrder.push(c);
  };
  for (const c of list) if (c.derived) visit(c);

  return { list, byRef, derivationOrder };
}

function cellsOf(edition: Edition): EditionCells {
  let c = cache.get(edition);
  if (!c) {
    c = build(edition);
    cache.set(edition, c);
  }
  return c;
}

/** Every cell of the edition in document order (table 二, 三, 四; row; column). */
export function allCells(edition: Edition): readonly CellInfo[] {
  return cellsOf(edition).list;
}

/** The cell with this reference, or undefined when the edition has no such cell. */
export function cellInfo(edition: Edition, ref: CellRef): CellInfo | undefined {
  return cellsOf(edition).byRef.get(ref);
}

/** Derived cells in an order in which each can be computed from already computed ones. */
export function derivationOrder(edition: Edition): readonly CellInfo[] {
  return cellsOf(edition).derivationOrder;
}

/** Chinese description of a cell, e.g. 表三「4.保护第三方合法权益」行「总计」列; the ref itself if unknown. */
export function cellLabel(edition: Edition, ref: CellRef): string {
  return cellsOf(edition).byRef.get(ref)?.label ?? ref;
}
