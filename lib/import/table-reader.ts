// One template table being filled from printed tables (see tables.ts for the overview): row
// labels, value placement, notes, and the decisions that need the whole table (finish()).
// Nothing is fixed up: printed totals are kept; whatever cannot be placed is reported.

import { EDITIONS, cellRef, plainLabel, type BlockDef, type CheckDef, type ColumnDef, type Edition, type RowDef, type TableKey } from "../template";
import type { TableData } from "../data";
import { labelIndex, matchLabel, type LabelIndex, type LabelMatch, type LabelTarget } from "./labels";
import { excerpt } from "./normalize";
import { describeLocation, type Notes } from "./notes";
import type { SourceCell } from "./source";
import { parseCellValue, type ParsedValue } from "./values";

export type CellClass =
  | { kind: "empty" }
  | { kind: "value"; parsed: ParsedValue }
  | { kind: "label"; match: LabelMatch }
  | { kind: "text" };

type RowTarget = Extract<LabelTarget, { type: "row" }>;
type GroupTarget = Extract<LabelTarget, { type: "rowGroup" }>;

/** What a printed row label stands for. */
export type RowStart =
  | { kind: "row"; label: SourceCell; target: RowTarget; match: LabelMatch }
  | { kind: "group"; label: SourceCell; target: GroupTarget }
  /** A row of another edition that this edition prints as one row (2021's three （六） rows → 2019 「（六）其他处理」). */
  | { kind: "foreign"; label: SourceCell; row: RowDef; block: BlockDef; from: RowDef; fromEdition: Edition }
  | { kind: "unknown"; label: SourceCell; otherEdition?: Edition };

/**
 * A short row read by meaning (issue 15 §3): with a stock column (现行有效件数, the template's
 * cross-year `carryStock` check) and one value missing, the last value is the stock only when it
 * is plainly one — at least this many, and at least STOCK_RATIO times every value before it (a
 * year's issued or repealed documents do not approach the number in force).
 */
const STOCK_MIN = 100;
const STOCK_RATIO = 10;

export interface Assigned {
  column: ColumnDef;
  cell: SourceCell;
}

export function isRowStartClass(c: CellClass | undefined): boolean {
  return c?.kind === "label" && (c.match.entry.target.type === "row" || c.match.entry.target.type === "rowGroup");
}

export function isHeaderClass(c: CellClass | undefined): boolean {
  if (c?.kind !== "label") return false;
  const t = c.match.entry.target.type;
  return t === "column" || t === "columnGroup" || t === "corner";
}

/** A short non-numeric text where a value is expected (「无」「暂无」) is a bad value, not a new row. */
export function isValueLikeText(text: string): boolean {
  return [...text.trim()].length <= 6;
}

export function describeValues(cells: readonly SourceCell[]): string {
  const shown = cells.filter((c) => c.text.trim() !== "").map((c) => excerpt(c.text, 12));
  return shown.length ? `（数值：${shown.join("、")}）` : "";
}

/**
 * The cells of one template table, filled from its printed tables: the state shared by the text
 * reader (text/read-table.ts) and the grid reader (grid-table.ts), and what both do with a row
 * once they know its label and its value cells — place the values, report what does not fit,
 * and, at the end, resolve un-split groups and other editions' rows. Internal to lib/import.
 */
export class TableReader {
  readonly data: TableData = {};
  private readonly index: LabelIndex;
  private readonly classes = new Map<SourceCell, CellClass>();
  /** Rows already read (row key → its label cell): a second occurrence is a duplicate. */
  readonly seen = new Map<string, SourceCell>();
  /** Where each placed value was printed (template cell ref → its source cell): the import's evidence. */
  readonly filled = new Map<string, SourceCell>();
  /** Row groups printed with values (decided in finish()). */
  readonly groups = new Map<string, { target: GroupTarget; label: SourceCell; values: Assigned[] }>();
  private readonly foreign = new Map<string, { row: RowDef; parts: { start: Extract<RowStart, { kind: "foreign" }>; values: Assigned[] }[] }>();
  /** Set once a printed table has been read into it (a table not found at all is reported once). */
  found = false;
  /**
   * Template cells the print did not give (rows not found, values that could not be placed or were
   * not numbers): unknown, not 0 — recorded in the document for the rules (issue 15 §7).
   */
  readonly unknown = new Set<string>();
  /** Why an unknown cell is blank (its first reason), in Chinese, for the import summary. */
  readonly unknownWhy = new Map<string, string>();
  /** Amount cells printed with more than 4 decimals, as printed (the rules then do not warn). */
  readonly amountsAsPrinted: Record<string, string> = {};

  constructor(
    readonly edition: Edition,
    readonly key: TableKey,
    readonly notes: Notes,
  ) {
    this.index = labelIndex(edition, key);
    for (const block of edition.tables[key].blocks) {
      for (const row of block.rows) this.data[row.key] = Object.fromEntries(block.columns.map((c) => [c.key, null]));
    }
  }

  get table() {
    return this.edition.tables[this.key];
  }

  private get tableName(): string {
    return `${this.table.name}（${this.table.title}）`;
  }

  classify(cell: SourceCell): CellClass {
    let c = this.classes.get(cell);
    if (c) return c;
    const p = parseCellValue(cell.text);
    if (p.type === "blank") c = { kind: "empty" };
    else if (p.type !== "text") c = { kind: "value", parsed: p };
    else {
      const m = matchLabel(this.index, cell.text);
      c = m ? { kind: "label", match: m } : { kind: "text" };
    }
    this.classes.set(cell, c);
    return c;
  }

  // ----------------------------------------------------------------------------- row starts

  startFor(cell: SourceCell): RowStart {
    const c = this.classify(cell);
    if (c.kind === "label") {
      const t = c.match.entry.target;
      if (t.type === "row") return { kind: "row", label: cell, target: t, match: c.match };
      if (t.type === "rowGroup") return { kind: "group", label: cell, target: t };
    }
    // Not a label of this edition: maybe a row of another edition of the same table.
    for (const other of EDITIONS) {
      if (other === this.edition) continue;
      const m = matchLabel(labelIndex(other, this.key), cell.text, { fuzzy: false });
      if (m?.entry.target.type !== "row") continue;
      const from = m.entry.target.row;
      // The same row under the other edition's name (2019's 「规范性文件」 in a 2021 table is
      // 「行政规范性文件」): that row, with a note.
      for (const block of this.table.blocks) {
        const same = block.rows.find((r) => r.key === from.key);
        if (same) {
          this.notes.warn("label.otherEdition", cell.loc, `${this.table.name}的行名「${excerpt(cell.text)}」是 ${other.id} 年版的写法，按 ${this.edition.id} 年版的「${plainLabel(same)}」导入`, {
            table: this.key,
            text: cell.text,
          });
          const target: RowTarget = { type: "row", row: same, block };
          return { kind: "row", label: cell, target, match: { entry: { ...m.entry, target, label: same.label }, quality: "exact", candidates: [] } };
        }
      }
      const groupKey = from.groups?.at(-1)?.key;
      for (const block of this.table.blocks) {
        const row = block.rows.find((r) => r.key === groupKey);
        if (row) return { kind: "foreign", label: cell, row, block, from, fromEdition: other };
      }
      return { kind: "unknown", label: cell, otherEdition: other };
    }
    return { kind: "unknown", label: cell };
  }

  columnsOf(start: RowStart): ColumnDef[] | undefined {
    switch (start.kind) {
      case "row":
        return start.target.block.columns;
      case "group":
        return start.target.block.columns;
      case "foreign":
        return start.block.columns;
      case "unknown":
        return undefined;
    }
  }

  // ----------------------------------------------------------------------------- committing

  put(row: RowDef, column: ColumnDef, cell: SourceCell): void {
    const ref = cellRef(this.key, row.key, column.key);
    const p = parseCellValue(cell.text, column.kind);
    if (p.type === "blank" || p.type === "filler") return;
    if (p.type === "text") {
      this.addUnknown(ref, `内容「${excerpt(p.text, 20)}」不是数字`);
      this.notes.unrecognize("value.notNumeric", cell.loc, `${this.cellName(row, column)}的内容「${excerpt(p.text, 20)}」${p.reason}，按空白导入`, {
        table: this.key,
        cell: ref,
        text: p.text,
      });
      return;
    }
    const before = this.filled.get(ref);
    const rowData = this.data[row.key]!;
    if (before && rowData[column.key] !== p.value) {
      this.notes.unrecognize(
        "value.conflict",
        cell.loc,
        `${this.cellName(row, column)}已从${describeLocation(before.loc)}读入 ${String(rowData[column.key])}，此处的「${excerpt(cell.text, 12)}」未导入`,
        { table: this.key, cell: ref, text: cell.text },
      );
      return;
    }
    rowData[column.key] = p.value;
    this.filled.set(ref, cell);
    const decimals = /\.(\d+)/.exec(cell.text.normalize("NFKC"))?.[1]?.length ?? 0;
    if (column.kind === "amount" && decimals > 4) this.amountsAsPrinted[ref] = String(p.value);
  }

  private cellName(row: RowDef, column: ColumnDef): string {
    return `${this.table.name}「${plainLabel(row)}」行「${plainLabel(column)}」列`;
  }

  private noteLabelQuality(start: RowStart): void {
    if (start.kind !== "row") return;
    const { quality, entry } = start.match;
    if (quality === "truncated" || quality === "fuzzy") {
      const how = quality === "truncated" ? "不完整" : "与模板文字不同";
      this.notes.warn(quality === "truncated" ? "label.truncated" : "label.fuzzy", start.label.loc, `${this.table.name}的行名「${excerpt(start.label.text)}」${how}，按模板的「${entry.label}」导入`, {
        table: this.key,
        text: start.label.text,
      });
    }
  }

  commit(start: RowStart, assigned: Assigned[], leftovers: SourceCell[]): void {
    switch (start.kind) {
      case "row": {
        const row = start.target.row;
        const earlier = this.seen.get(row.key);
        if (earlier) {
          this.notes.unrecognize(
            "row.duplicate",
            start.label.loc,
            `${this.table.name}「${plainLabel(row)}」行重复出现（已从${describeLocation(earlier.loc)}导入），此处未导入${describeValues(assigned.map((a) => a.cell))}`,
            { table: this.key, text: start.label.text },
          );
          return;
        }
        this.seen.set(row.key, start.label);
        this.noteLabelQuality(start);
        for (const a of assigned) this.put(row, a.column, a.cell);
        if (assigned.length === 0 && leftovers.length === 0) {
          this.notes.warn("row.noValues", start.label.loc, `${this.table.name}「${plainLabel(row)}」行没有找到数值，按空白导入`, { table: this.key });
        }
        return;
      }
      case "group": {
        if (assigned.every((a) => a.cell.text.trim() === "")) return; // a group label on its own: context only
        const g = this.groups.get(start.target.key);
        if (g) g.values.push(...assigned);
        else this.groups.set(start.target.key, { target: start.target, label: start.label, values: assigned });
        return;
      }
      case "foreign": {
        const f = this.foreign.get(start.row.key) ?? { row: start.row, parts: [] };
        f.parts.push({ start, values: assigned });
        this.foreign.set(start.row.key, f);
        return;
      }
      case "unknown": {
        const values = [...assigned.map((a) => a.cell), ...leftovers];
        const hasValues = values.some((c) => c.text.trim() !== "");
        const why = start.otherEdition
          ? `属于 ${start.otherEdition.id} 年版格式，${this.edition.id} 年版没有此行`
          : `不是 ${this.edition.id} 年版格式中的行`;
        if (hasValues || start.otherEdition) {
          this.notes.unrecognize("row.unknown", start.label.loc, `${this.table.name}中的行「${excerpt(start.label.text)}」${why}，未导入${describeValues(values)}`, {
            table: this.key,
            text: start.label.text,
          });
        } else {
          this.strayText(start.label);
        }
      }
    }
  }

  private addUnknown(ref: string, why: string): void {
    this.unknown.add(ref);
    if (!this.unknownWhy.has(ref)) this.unknownWhy.set(ref, why);
  }

  /** Every cell of the row that is still blank is unknown, for the reason given. */
  markUnknown(row: RowDef, why: string): void {
    const data = this.data[row.key];
    if (!data) return;
    for (const [col, v] of Object.entries(data)) if (v === null) this.addUnknown(cellRef(this.key, row.key, col), why);
  }

  strayText(cell: SourceCell): void {
    this.notes.unrecognize("text.stray", cell.loc, `${this.table.name}表格中的文字「${excerpt(cell.text)}」不是模板中的栏目，未导入`, {
      table: this.key,
      text: cell.text,
    });
  }

  strayValue(cell: SourceCell): void {
    this.notes.unrecognize("value.extra", cell.loc, `${this.table.name}中的数值「${excerpt(cell.text, 12)}」无法对应到任何栏目，未导入`, {
      table: this.key,
      text: cell.text,
    });
  }

  /**
   * Values of a row taken in template column order. `strict` (text read cell by cell): with too
   * few values nothing is placed — a missing value could be any of them. Otherwise (one printed
   * row per line or grid row) missing cells at the end are blank.
   */
  byOrder(start: RowStart, values: SourceCell[], strict: boolean): void {
    const columns = this.columnsOf(start);
    if (!columns) {
      this.commit(start, [], values);
      return;
    }
    const vals = [...values];
    while (vals.length > columns.length && vals.at(-1)!.text.trim() === "") vals.pop();
    const filled = vals.filter((v) => v.text.trim() !== "");
    if (vals.length < columns.length && strict && filled.length > 0) {
      if (start.kind === "row" && this.placeByMeaning(start, filled, columns)) return;
      const name = start.kind === "row" ? plainLabel(start.target.row) : excerpt(start.label.text);
      this.notes.unrecognize(
        "value.count",
        start.label.loc,
        `${this.table.name}「${name}」行只找到 ${filled.length} 个数值，应为 ${columns.length} 个，无法确定各数值所在的列，未导入${describeValues(filled)}`,
        { table: this.key, text: start.label.text },
      );
      if (start.kind === "row") {
        this.seen.set(start.target.row.key, start.label);
        this.markUnknown(start.target.row, `该行只找到 ${filled.length} 个数值（应为 ${columns.length} 个），无法确定所在的列`);
      }
      return;
    }
    if (vals.length < columns.length && filled.length > 0) {
      const name = start.kind === "row" ? plainLabel(start.target.row) : excerpt(start.label.text);
      this.notes.warn("value.count", start.label.loc, `${this.table.name}「${name}」行只有 ${vals.length} 个单元格，应为 ${columns.length} 个，缺少的按空白导入`, {
        table: this.key,
      });
    }
    const assigned = columns.slice(0, vals.length).map((column, i) => ({ column, cell: vals[i]! }));
    for (const extra of vals.slice(columns.length)) if (extra.text.trim() !== "") this.strayValue(extra);
    this.commit(start, assigned, []);
  }

  /**
   * A row missing one value (a blank cell dropped by the conversion) whose columns are flows and a
   * stock (规章 「22 | 235」 under 本年制发 / 本年废止 / 现行有效): when the last value is plainly the
   * stock, it is placed there; the values before it could be either flow and stay blank (unknown),
   * with a note. Returns false when the meaning does not decide (nothing placed).
   */
  private placeByMeaning(start: Extract<RowStart, { kind: "row" }>, values: SourceCell[], columns: ColumnDef[]): boolean {
    const row = start.target.row;
    if (this.seen.has(row.key) || values.length !== columns.length - 1) return false;
    const stock = this.edition.checks.find((c): c is Extract<CheckDef, { type: "carryStock" }> => c.type === "carryStock" && c.table === this.key && c.rows.includes(row.key));
    const stockColumn = columns.at(-1);
    if (!stock || stockColumn?.key !== stock.column) return false;
    const flows = columns.slice(0, -1);
    if (!flows.every((c) => stock.plus.includes(c.key) || stock.minus.includes(c.key))) return false;
    const nums = values.map((v) => parseCellValue(v.text, "count"));
    if (!nums.every((n) => n.type === "number")) return false;
    const numbers = nums.map((n) => (n.type === "number" ? n.value : 0));
    const last = numbers.at(-1)!;
    if (last < STOCK_MIN || last < STOCK_RATIO * Math.max(1, ...numbers.slice(0, -1))) return false;
    this.commit(start, [{ column: stockColumn, cell: values.at(-1)! }], []);
    const flowNames = flows.map((c) => `「${plainLabel(c)}」`).join("还是");
    const before = values.slice(0, -1).map((v) => `「${excerpt(v.text, 12)}」`).join("、");
    this.markUnknown(row, `该行只有 ${values.length} 个数值，${before}是${flowNames}无法确定`);
    this.notes.warn(
      "value.byMeaning",
      start.label.loc,
      `${this.table.name}「${plainLabel(row)}」行只有 ${values.length} 个数值（应为 ${columns.length} 个）：「${excerpt(values.at(-1)!.text, 12)}」远大于其余数值，是「${plainLabel(stockColumn)}」，已填入；${before}是${flowNames}无法确定，留空，请核对`,
      { table: this.key, cell: cellRef(this.key, row.key, stockColumn.key) },
    );
    return true;
  }

  /** Resolves a header match (choosing among truncated candidates by position) and notes doubtful ones. */
  noteHeaderMatch(cell: SourceCell, m: LabelMatch, taken: Set<string>): string | undefined {
    const t = m.entry.target;
    if (t.type !== "column") return undefined;
    let key = t.key;
    let label = t.label;
    if (m.candidates.length > 1) {
      const free = m.candidates.find((c) => c.target.type === "column" && !taken.has(c.target.key));
      if (free && free.target.type === "column") {
        key = free.target.key;
        label = free.target.label;
      }
    }
    taken.add(key);
    if (m.quality === "truncated" || m.quality === "fuzzy") {
      const how = m.quality === "truncated" ? (m.candidates.length > 1 ? "不完整，按位置识别为" : "不完整，识别为") : "与模板文字不同，识别为";
      this.notes.warn(m.quality === "truncated" ? "label.truncated" : "label.fuzzy", cell.loc, `${this.table.name}表头「${excerpt(cell.text)}」${how}「${label}」`, {
        table: this.key,
        text: cell.text,
      });
    }
    return key;
  }

  /** Table 四: one printed row of values, in template order (rows × columns) unless placed by headers. */
  placeColumnGroups(values: SourceCell[], strict: boolean): void {
    const block = this.table.blocks[0];
    if (!block) return;
    const slots = block.rows.flatMap((row) => block.columns.map((column) => ({ row, column })));
    const vals = [...values];
    while (vals.length > slots.length && vals.at(-1)!.text.trim() === "") vals.pop();
    const filled = vals.filter((v) => v.text.trim() !== "");
    if (filled.length === 0) return;
    const first = vals[0]!;
    if (vals.length < slots.length && strict) {
      for (const row of block.rows) this.markUnknown(row, `该表只找到 ${filled.length} 个数值（应为 ${slots.length} 个），无法确定所在的栏目`);
      this.notes.unrecognize("value.count", first.loc, `${this.tableName}只找到 ${filled.length} 个数值，应为 ${slots.length} 个，无法确定各数值所在的栏目，未导入${describeValues(filled)}`, {
        table: this.key,
      });
      return;
    }
    vals.slice(0, slots.length).forEach((cell, i) => {
      const s = slots[i]!;
      this.seen.set(s.row.key, this.seen.get(s.row.key) ?? cell);
      this.put(s.row, s.column, cell);
    });
    for (const extra of vals.slice(slots.length)) if (extra.text.trim() !== "") this.strayValue(extra);
  }

  /**
   * Numbers printed without any row label (issue 15 §9: 175 numbers that are exactly 表三, 25 × 7):
   * placed in template order only when their count is exactly the table's cell count and no row
   * of the table was read otherwise; any other count is reported, never guessed.
   */
  placeUnlabelled(values: SourceCell[]): void {
    const slots = this.table.blocks.flatMap((block) => block.rows.flatMap((row) => block.columns.map((column) => ({ row, column }))));
    if (values.length !== slots.length || this.seen.size > 0 || this.groups.size > 0) {
      for (const v of values) this.strayValue(v);
      return;
    }
    values.forEach((cell, i) => {
      const s = slots[i]!;
      if (!this.seen.has(s.row.key)) this.seen.set(s.row.key, cell);
      this.put(s.row, s.column, cell);
    });
    this.notes.warn(
      "table.unlabelled",
      values[0]!.loc,
      `${this.tableName}的 ${values.length} 个数值没有行名，数量恰好等于模板的 ${slots.length} 个单元格，已按模板的行列顺序填入，请核对`,
      { table: this.key },
    );
  }

  // ----------------------------------------------------------------------------- finishing

  /**
   * Resolves what could only be decided after reading everything, and reports missing rows:
   * - a row group printed with values but without its rows (2021 「（六）其他处理」 on one row,
   *   format-2021.md §8) → its values go to the group's LAST row, the catch-all 「3.其他」; the
   *   other rows stay blank. Printed WITH its rows, the group row is a subtotal: not imported.
   * - rows of another edition summed into the row this edition prints instead.
   * Returns whether the table was found at all.
   */
  finish(): boolean {
    for (const g of this.groups.values()) {
      const leaves = g.target.rows;
      const printed = leaves.filter((r) => this.seen.has(r.key));
      const values = g.values.filter((v) => v.cell.text.trim() !== "");
      if (printed.length > 0) {
        this.notes.unrecognize("row.subtotal", g.label.loc, `${this.table.name}「${excerpt(g.label.text)}」行是小计（其下各行已单独填报），未导入${describeValues(values.map((v) => v.cell))}`, {
          table: this.key,
          text: g.label.text,
        });
        continue;
      }
      const last = leaves.at(-1);
      if (!last) continue;
      const others = leaves.slice(0, -1).map((r) => `「${plainLabel(r)}」`);
      this.seen.set(last.key, g.label);
      for (const r of leaves) this.seen.set(r.key, this.seen.get(r.key) ?? g.label);
      for (const v of g.values) this.put(last, v.column, v.cell);
      this.notes.warn(
        "row.unsplitGroup",
        g.label.loc,
        `${this.table.name}「${g.target.label}」未按 ${this.edition.id} 年版拆分填报，整行数值已填入「${plainLabel(last)}」行${others.length ? `；${others.join("、")}留空` : ""}，请核对`,
        { table: this.key, text: g.label.text },
      );
    }
    for (const f of this.foreign.values()) {
      const names = f.parts.map((p) => `「${plainLabel(p.start.from)}」`).join("、");
      const first = f.parts[0]!;
      if (this.seen.has(f.row.key)) {
        this.notes.unrecognize(
          "row.otherEdition",
          first.start.label.loc,
          `${this.table.name}${names}属于 ${first.start.fromEdition.id} 年版格式；「${plainLabel(f.row)}」行已单独填报，这些行未导入`,
          { table: this.key, text: first.start.label.text },
        );
        continue;
      }
      this.seen.set(f.row.key, first.start.label);
      const sums = new Map<string, number>();
      for (const part of f.parts) {
        for (const a of part.values) {
          const p = parseCellValue(a.cell.text, a.column.kind);
          if (p.type === "number") sums.set(a.column.key, (sums.get(a.column.key) ?? 0) + p.value);
          else if (p.type === "text") this.put(f.row, a.column, a.cell); // reports the bad value
        }
      }
      const rowData = this.data[f.row.key]!;
      for (const [k, v] of sums) {
        rowData[k] = v;
        const from = f.parts.flatMap((p) => p.values).find((a) => a.column.key === k);
        if (from) this.filled.set(cellRef(this.key, f.row.key, k), from.cell);
      }
      this.notes.warn(
        "row.otherEdition",
        first.start.label.loc,
        `${this.table.name}${names}属于 ${first.start.fromEdition.id} 年版格式，${this.edition.id} 年版只有「${plainLabel(f.row)}」一行，已将其数值相加后填入该行，请核对`,
        { table: this.key, text: first.start.label.text },
      );
    }
    for (const row of this.table.blocks.flatMap((b) => b.rows)) {
      if (!this.found) this.markUnknown(row, "文件中未找到该表");
      else if (!this.seen.has(row.key)) this.markUnknown(row, "表格中未找到该行");
    }
    if (this.found) {
      const missing = this.table.blocks.flatMap((b) => b.rows).filter((r) => !this.seen.has(r.key));
      if (missing.length > 0) {
        this.notes.warn(
          "row.missing",
          undefined,
          `${this.tableName}中未找到${missing
            .slice(0, 5)
            .map((r) => `「${plainLabel(r)}」`)
            .join("、")}${missing.length > 5 ? ` 等 ${missing.length} 行` : "行"}，其单元格留空`,
          { table: this.key },
        );
      }
    }
    return this.found;
  }
}
