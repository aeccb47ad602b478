// Label helpers shared by the layout, the rule messages and the form: all text comes from the
// edition data, these functions only assemble it.

import type { RowDef, TableDef } from "./types";

/** A label without its in-cell note: "（二）部分公开（区分处理的…）" → "（二）部分公开". */
export function plainLabel(def: { label: string; note?: string }): string {
  return def.note && def.label.endsWith(def.note) && def.label.length > def.note.length
    ? def.label.slice(0, def.label.length - def.note.length)
    : def.label;
}

/**
 * How a data row is named outside the printed table. In table 四 the rows are printed as column
 * groups under a parent header, so the parent is part of the name: "行政诉讼·未经复议直接起诉".
 */
export function rowName(table: TableDef, row: RowDef): string {
  if (table.orientation === "columnGroups" && row.groups?.length) {
    return [...row.groups.map((g) => g.label), plainLabel(row)].join("·");
  }
  return plainLabel(row);
}

/** 「4.保护第三方合法权益」行 — or, for a column-group table, 「行政复议」. */
export function rowPhrase(table: TableDef, row: RowDef): string {
  return table.orientation === "columnGroups" ? `「${rowName(table, row)}」` : `「${rowName(table, row)}」行`;
}

/** 「自然人」列 — or, for a column-group table, 「总计」栏. */
export function columnPhrase(table: TableDef, column: { label: string; note?: string }): string {
  return table.orientation === "columnGroups" ? `「${plainLabel(column)}」栏` : `「${plainLabel(column)}」列`;
}
