// Per-edition rule plans: every check of the edition turned once into arrays of cell indices, with
// the fixed parts of its messages prepared. Validating a report then only reads numbers into typed
// arrays and walks these arrays — no string work, no lookups by name — until a check fails.

import {
  allCells,
  cellInfo,
  columnPhrase,
  derivationOrder,
  plainLabel,
  rowPhrase,
  TABLE_KEYS,
  type BlockDef,
  type CellInfo,
  type CheckDef,
  type ColumnDef,
  type Edition,
  type NarrativeKey,
  type RequiredStatementDef,
  type RowDef,
  type SectionDef,
  type TableDef,
  type TableKey,
} from "../template";

export interface ReadRow {
  table: TableKey;
  row: string;
  columns: string[];
  /** Index of the row's first cell; the others follow in column order. */
  start: number;
}

export interface SumCheck {
  rule: string;
  target: number;
  addends: Int32Array;
  cells: readonly string[];
  /** e.g. "表三「4.保护第三方合法权益」行：总计填报 " */
  prefix: string;
  /** e.g. "，各申请人类型合计为 " */
  middle: string;
}

export interface BalanceCheck {
  rule: string;
  anchor: number;
  left: Int32Array;
  right: Int32Array;
  cells: readonly string[];
  /** e.g. "表三「自然人」列：" */
  prefix: string;
  /** e.g. "一（本年新收）加二（上年结转）" */
  leftLabel: string;
  rightLabel: string;
}

export interface AtLeastCheck {
  rule: string;
  anchor: number;
  sum: Int32Array;
  atLeast: Int32Array;
  cells: readonly string[];
  prefix: string;
  sumLabel: string;
  atLeastLabel: string;
  explanation: string;
}

export interface CarryRowCheck {
  rule: string;
  table: TableDef;
  /** Per column: this year's cell, and the reference of last year's cell. */
  pairs: { cell: number; fromRef: string; prefix: string }[];
  rowLabel: string;
  fromRowLabel: string;
}

export interface CarryStockCheck {
  rule: string;
  table: TableDef;
  column: ColumnDef;
  rows: { cell: number; plus: Int32Array; minus: Int32Array; cells: readonly string[]; prefix: string }[];
  plusLabels: string[];
  minusLabels: string[];
}

export interface NarrativeCheck {
  section: SectionDef;
  key: NarrativeKey;
  /** Sort position of issues about this section (before or after the tables, as printed). */
  pos: number;
  required: readonly RequiredStatementDef[];
}

export interface Plan {
  edition: Edition;
  n: number;
  cells: readonly CellInfo[];
  /** Per cell: text of its label inside its table, e.g. 「规章」行「本年制发件数」列. */
  localLabels: readonly string[];
  readRows: readonly ReadRow[];
  /** Derived cells in computable order, with the addends of their first formula. */
  derivations: readonly { target: number; addends: Int32Array }[];
  integerCells: Int32Array;
  nonNegativeCells: Int32Array;
  amountCells: Int32Array;
  /** Input (non-derived) cells of each table, in document order. */
  inputCellsByTable: readonly { table: TableDef; cells: Int32Array }[];
  sums: readonly SumCheck[];
  balances: readonly BalanceCheck[];
  atLeasts: readonly AtLeastCheck[];
  carryRows: readonly CarryRowCheck[];
  carryStocks: readonly CarryStockCheck[];
  narratives: readonly NarrativeCheck[];
}

function indexOf(edition: Edition, table: TableKey, row: string, column: string): number {
  const c = cellInfo(edition, `${table}.${row}.${column}`);
  if (!c) throw new Error(`template ${edition.id}: a check refers to the missing cell ${table}.${row}.${column}`);
  return c.index;
}

function rowDef(edition: Edition, table: TableKey, key: string): { row: RowDef; block: BlockDef } {
  for (const block of edition.tables[table].blocks) {
    const row = block.rows.find((r) => r.key === key);
    if (row) return { row, block };
  }
  throw new Error(`template ${edition.id}: a check refers to the missing row ${table}.${key}`);
}

function columnDef(block: BlockDef, key: string): ColumnDef {
  const c = block.columns.find((x) => x.key === key);
  if (!c) throw new Error(`template: block ${block.key} has no column ${key}`);
  return c;
}

const short = (r: RowDef) => r.shortLabel ?? plainLabel(r);

function buildPlan(edition: Edition): Plan {
  const cells = allCells(edition);
  const n = cells.length;
  const refs = cells.map((c) => c.ref);
  const localLabels = cells.map((c) => c.label.slice(c.tableDef.name.length));

  const readRows: ReadRow[] = [];
  for (const c of cells) {
    const last = readRows[readRows.length - 1];
    if (last && last.table === c.table && last.row === c.row) last.columns.push(c.column);
    else readRows.push({ table: c.table, row: c.row, columns: [c.column], start: c.index });
  }

  const toIdx = (list: readonly string[]) => Int32Array.from(list, (ref) => cellInfo(edition, ref)!.index);
  const derivations = derivationOrder(edition).map((c) => ({ target: c.index, addends: toIdx(c.formulas[0]!.addends) }));

  const sums: SumCheck[] = [];
  for (const c of cells) {
    for (const f of c.formulas) {
      const line =
        f.along === "row" ? `${c.tableDef.name}${rowPhrase(c.tableDef, c.rowDef)}` : `${c.tableDef.name}${columnPhrase(c.tableDef, c.columnDef)}`;
      const totalLabel = f.along === "row" ? plainLabel(c.columnDef) : plainLabel(c.rowDef);
      sums.push({
        rule: f.rule,
        target: c.index,
        addends: toIdx(f.addends),
        cells: [c.ref, ...f.addends],
        prefix: `${line}：${totalLabel}填报 `,
        middle: `，${f.addendsLabel}合计为 `,
      });
    }
  }

  const balances: BalanceCheck[] = [];
  const atLeasts: AtLeastCheck[] = [];
  const carryRows: CarryRowCheck[] = [];
  const carryStocks: CarryStockCheck[] = [];
  for (const check of edition.checks as readonly CheckDef[]) {
    const table = edition.tables[check.table];
    switch (check.type) {
      case "balance": {
        const leftRows = check.left.map((k) => rowDef(edition, check.table, k));
        const rightRows = check.right.map((k) => rowDef(edition, check.table, k));
        const block = leftRows[0]!.block;
        for (const col of block.columns) {
          const left = check.left.map((r) => indexOf(edition, check.table, r, col.key));
          const right = check.right.map((r) => indexOf(edition, check.table, r, col.key));
          balances.push({
            rule: check.rule,
            anchor: right[right.length - 1]!,
            left: Int32Array.from(left),
            right: Int32Array.from(right),
            cells: [...left, ...right].map((i) => refs[i]!),
            prefix: `${table.name}${columnPhrase(table, col)}：`,
            leftLabel: leftRows.map((r) => short(r.row)).join("加"),
            rightLabel: rightRows.map((r) => short(r.row)).join("加"),
          });
        }
        break;
      }
      case "atLeast": {
        for (const rowKey of check.rows) {
          const { row, block } = rowDef(edition, check.table, rowKey);
          const sum = check.sum.map((k) => indexOf(edition, check.table, rowKey, k));
          const atLeast = check.atLeast.map((k) => indexOf(edition, check.table, rowKey, k));
          atLeasts.push({
            rule: check.rule,
            anchor: sum[sum.length - 1]!,
            sum: Int32Array.from(sum),
            atLeast: Int32Array.from(atLeast),
            cells: [...sum, ...atLeast].map((i) => refs[i]!),
            prefix: `${table.name}${rowPhrase(table, row)}：`,
            sumLabel: check.sum.map((k) => plainLabel(columnDef(block, k))).join("加"),
            atLeastLabel: check.atLeast.map((k) => plainLabel(columnDef(block, k))).join("加"),
            explanation: check.explanation,
          });
        }
        break;
      }
      case "carryRow": {
        const { row, block } = rowDef(edition, check.table, check.row);
        const from = rowDef(edition, check.table, check.fromRow);
        carryRows.push({
          rule: check.rule,
          table,
          pairs: block.columns.map((col) => ({
            cell: indexOf(edition, check.table, check.row, col.key),
            fromRef: `${check.table}.${check.fromRow}.${col.key}`,
            prefix: `${table.name}${columnPhrase(table, col)}：`,
          })),
          rowLabel: short(row),
          fromRowLabel: short(from.row),
        });
        break;
      }
      case "carryStock": {
        const first = rowDef(edition, check.table, check.rows[0]!);
        const column = columnDef(first.block, check.column);
        carryStocks.push({
          rule: check.rule,
          table,
          column,
          rows: check.rows.map((rowKey) => {
            const { row } = rowDef(edition, check.table, rowKey);
            const cell = indexOf(edition, check.table, rowKey, check.column);
            const plus = check.plus.map((k) => indexOf(edition, check.table, rowKey, k));
            const minus = check.minus.map((k) => indexOf(edition, check.table, rowKey, k));
            return {
              cell,
              plus: Int32Array.from(plus),
              minus: Int32Array.from(minus),
              cells: [cell, ...plus, ...minus].map((i) => refs[i]!),
              prefix: `${table.name}${rowPhrase(table, row)}：${plainLabel(column)}填报 `,
            };
          }),
          plusLabels: check.plus.map((k) => plainLabel(columnDef(first.block, k))),
          minusLabels: check.minus.map((k) => plainLabel(columnDef(first.block, k))),
        });
        break;
      }
    }
  }

  const firstTable = edition.sections.findIndex((s) => s.kind === "table");
  const narratives: NarrativeCheck[] = [];
  edition.sections.forEach((section, i) => {
    if (section.kind !== "narrative" || !section.narrativeKey) return;
    narratives.push({
      section,
      key: section.narrativeKey,
      pos: i < firstTable ? -1 : n + i,
      required: section.requiredStatements ?? [],
    });
  });

  const where = (pred: (c: CellInfo) => boolean) => Int32Array.from(cells.filter(pred), (c) => c.index);
  return {
    edition,
    n,
    cells,
    localLabels,
    readRows,
    derivations,
    integerCells: where((c) => c.kind === "count" || c.kind === "signedCount"),
    nonNegativeCells: where((c) => c.kind === "count" || c.kind === "amount"),
    amountCells: where((c) => c.kind === "amount"),
    inputCellsByTable: TABLE_KEYS.map((t) => ({
      table: edition.tables[t],
      cells: where((c) => c.table === t && !c.derived),
    })),
    sums,
    balances,
    atLeasts,
    carryRows,
    carryStocks,
    narratives,
  };
}

const plans = new WeakMap<Edition, Plan>();

/** The rule plan of an edition, built on first use. */
export function planFor(edition: Edition): Plan {
  let p = plans.get(edition);
  if (!p) {
    p = buildPlan(edition);
    plans.set(edition, p);
  }
  return p;
}

/** A report's numbers in plan order. */
export interface Values {
  /** Reported values (0 where blank). */
  values: Float64Array;
  /** 1 where the cell is filled. */
  filled: Uint8Array;
  /** Effective values: reported, or for a blank derived cell its computed value (blank inputs count 0). */
  eff: Float64Array;
  /** 1 where the effective value exists (reported, or computed from at least one filled addend). */
  effFilled: Uint8Array;
}

type TablesLike = Partial<Record<TableKey, Record<string, Record<string, unknown> | undefined> | undefined>>;

export function readValues(plan: Plan, tables: TablesLike | undefined): Values {
  const { n } = plan;
  const values = new Float64Array(n);
  const filled = new Uint8Array(n);
  for (const rr of plan.readRows) {
    const row = tables?.[rr.table]?.[rr.row];
    if (!row) continue;
    for (let k = 0; k < rr.columns.length; k++) {
      const v = row[rr.columns[k]!];
      // Anything but a finite number is blank: the engine also runs on unvalidated form state.
      if (typeof v === "number" && Number.isFinite(v)) {
        values[rr.start + k] = v;
        filled[rr.start + k] = 1;
      }
    }
  }
  const eff = values.slice();
  const effFilled = filled.slice();
  for (const d of plan.derivations) {
    if (filled[d.target]) continue;
    let sum = 0;
    let any = 0;
    const a = d.addends;
    for (let k = 0; k < a.length; k++) {
      sum += eff[a[k]!]!;
      any |= effFilled[a[k]!]!;
    }
    eff[d.target] = sum;
    effFilled[d.target] = any;
  }
  return { values, filled, eff, effFilled };
}
