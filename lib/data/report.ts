// Building and transforming reports: empty drafts, recomputed totals, cell access, next year's draft.
// All functions are pure: they return new objects and never change their arguments.

import {
  TABLE_KEYS,
  allCells,
  derivationOrder,
  editionForYear,
  getEdition,
  isEditionId,
  narrativeRecord,
  parseCellRef,
  type CellRef,
  type Edition,
  type EditionId,
  type TableKey,
} from "../template";
import { REPORT_FORMAT, type CellValue, type ReportDoc, type ReportTables, type TableData } from "./types";

function blankTables(edition: EditionId): ReportTables {
  const tables = {} as ReportTables;
  for (const t of TABLE_KEYS) {
    const data: TableData = {};
    for (const block of getEdition(edition).tables[t].blocks) {
      for (const row of block.rows) data[row.key] = Object.fromEntries(block.columns.map((c) => [c.key, null]));
    }
    tables[t] = data;
  }
  return tables;
}

/**
 * A new report with every cell blank (null) and empty narratives.
 * `emptyReport(2024, "某局")` picks the edition that applies to 2024; `emptyReport("2019", "某局", 2022)`
 * forces an edition (real reports use the 2019 tables after 2020). Without a year, an edition's
 * report gets the last year it officially applies to (or its first, for the current edition).
 */
export function emptyReport(editionOrYear: EditionId | number, agencyName: string, year?: number): ReportDoc {
  let edition: EditionId;
  let reportYear: number;
  if (typeof editionOrYear === "number") {
    const e = editionForYear(editionOrYear);
    if (!e) throw new RangeError(`${editionOrYear} 年度没有统一的年度报告格式（格式自 2019 年度起施行）`);
    edition = e;
    reportYear = editionOrYear;
  } else {
    if (!isEditionId(editionOrYear)) throw new RangeError(`不支持的格式版本 ${String(editionOrYear)}`);
    edition = editionOrYear;
    const applies = getEdition(edition).appliesTo;
    reportYear = year ?? applies.toYear ?? applies.fromYear;
  }
  return {
    format: REPORT_FORMAT,
    edition,
    year: reportYear,
    agency: { name: agencyName },
    narrative: narrativeRecord(() => ""),
    tables: blankTables(edition),
  };
}

function copyTables(tables: ReportTables): ReportTables {
  const out = {} as ReportTables;
  for (const t of TABLE_KEYS) {
    const data: TableData = {};
    for (const [row, cols] of Object.entries(tables[t] ?? {})) data[row] = { ...cols };
    out[t] = data;
  }
  return out;
}

function read(tables: ReportTables, table: TableKey, row: string, column: string): CellValue {
  const v = tables[table]?.[row]?.[column];
  return typeof v === "number" ? v : null;
}

/** The value of a cell (null when blank or absent). */
export function getCell(report: ReportDoc, ref: CellRef): CellValue {
  const p = parseCellRef(ref);
  return p ? read(report.tables, p.table, p.row, p.column) : null;
}

/** A copy of the report with one cell set. Throws for a reference the report's edition does not have. */
export function withCell(report: ReportDoc, ref: CellRef, value: CellValue): ReportDoc {
  const p = parseCellRef(ref);
  const known = p && allCells(getEdition(report.edition)).some((c) => c.ref === ref);
  if (!p || !known) throw new RangeError(`${report.edition} 年版没有单元格 ${ref}`);
  const table = report.tables[p.table] ?? {};
  return {
    ...report,
    tables: { ...report.tables, [p.table]: { ...table, [p.row]: { ...table[p.row], [p.column]: value } } },
  };
}

/**
 * A copy of the report with every derived cell (总计 columns, （七）总计 row, table 四 总计)
 * recomputed from the input cells. A blank input counts as 0, but a total whose addends are ALL
 * blank stays blank: blank and 0 mean different things.
 */
export function computeDerived(report: ReportDoc): ReportDoc {
  const tables = copyTables(report.tables);
  for (const step of derivationPlan(getEdition(report.edition))) {
    let sum = 0;
    let any = false;
    for (const a of step.addends) {
      const v = read(tables, a.table, a.row, a.column);
      if (v !== null) {
        sum += v;
        any = true;
      }
    }
    const row = (tables[step.table][step.row] ??= {});
    row[step.column] = any ? sum : null;
  }
  return { ...report, tables };
}

type Place = { table: TableKey; row: string; column: string };
const plans = new WeakMap<Edition, readonly (Place & { addends: readonly Place[] })[]>();

/** derivationOrder with each first formula's addends parsed once per edition (computeDerived runs on every autosave). */
function derivationPlan(edition: Edition) {
  let plan = plans.get(edition);
  if (!plan) {
    plan = derivationOrder(edition).map((cell) => ({ table: cell.table, row: cell.row, column: cell.column, addends: cell.formulas[0]!.addends.map((ref) => parseCellRef(ref)!) }));
    plans.set(edition, plan);
  }
  return plan;
}

/**
 * A draft for the following year: same agency, the edition of that year, blank cells, except the
 * cells the template says are carried over (table 三 「二、上年结转」 ← last year's 「四、结转下年度」).
 * Totals of last year are used as reported, or computed when blank.
 */
export function startNextYear(previous: ReportDoc, year: number = previous.year + 1): ReportDoc {
  const edition = editionForYear(year) ?? previous.edition;
  const draft = emptyReport(edition, previous.agency.name, year);
  draft.agency = { ...previous.agency };
  const prev = computeDerivedWhereBlank(previous);
  let tables = draft.tables;
  for (const check of getEdition(edition).checks) {
    if (check.type !== "carryRow") continue;
    const target = tables[check.table][check.row];
    if (!target) continue;
    const row = { ...target };
    for (const column of Object.keys(row)) {
      const v = read(prev.tables, check.table, check.fromRow, column);
      row[column] = v;
    }
    tables = { ...tables, [check.table]: { ...tables[check.table], [check.row]: row } };
  }
  const carried = { ...draft, tables };
  return computeDerived(carried);
}

/** Reported values where given, computed totals where blank. */
function computeDerivedWhereBlank(report: ReportDoc): ReportDoc {
  const computed = computeDerived(report);
  const tables = copyTables(report.tables);
  for (const cell of derivationOrder(getEdition(report.edition))) {
    if (read(tables, cell.table, cell.row, cell.column) === null) {
      (tables[cell.table][cell.row] ??= {})[cell.column] = read(computed.tables, cell.table, cell.row, cell.column);
    }
  }
  return { ...report, tables };
}
