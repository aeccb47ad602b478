// What the user checks before an import is saved (issue 15 §6): for every template row, the
// printed rows its values came from beside the values placed in the template's columns, and a
// summary — cells imported, cells blank as printed, cells left blank because the file did not
// give them (and why). Derived from the import result and the template only; bounded by the
// template's size (a few hundred cells), whatever the file.

import { TABLE_KEYS, getEdition, plainLabel, rowName, type TableKey } from "../template";
import type { CellEvidence, ImportResult } from "./types";

export interface CheckValue {
  /** The template column's printed label. */
  column: string;
  value: number | null;
  /** Where the value was printed (absent when blank). */
  where?: string;
  /** Why the cell is blank when the file did not give it (absent: imported, or blank as printed). */
  unknown?: string;
}

export interface CheckRow {
  /** The template row's name (「（一）予以公开」, 「行政复议·结果维持」). */
  label: string;
  /** The printed rows (place and text) the row's values came from, in document order, de-duplicated. */
  sources: { where: string; text: string }[];
  values: CheckValue[];
}

export interface CheckTable {
  key: TableKey;
  /** 「表二」. */
  name: string;
  title: string;
  found: boolean;
  rows: CheckRow[];
}

export interface CheckView {
  counts: { imported: number; blankAsPrinted: number; unknown: number };
  /** Cells left blank because the file did not give them, grouped by reason. */
  unknown: { why: string; cells: string[] }[];
  tables: CheckTable[];
}

/** Source rows shown per template row (a value's own printed row is always among the first). */
const MAX_SOURCES_PER_ROW = 6;
/** Cell names listed per reason (the rest are counted). */
const MAX_NAMES_PER_REASON = 12;

export function checkView(result: Extract<ImportResult, { ok: true; type: "report" }>): CheckView {
  const edition = getEdition(result.report.edition);
  const byCell = new Map<string, CellEvidence>(result.evidence.cells.map((c) => [c.cell, c]));
  const whyOf = new Map(result.evidence.unknown.map((u) => [u.cell, u.why]));
  const counts = { imported: 0, blankAsPrinted: 0, unknown: 0 };
  const reasons = new Map<string, { cells: string[]; count: number }>();
  const tables: CheckTable[] = TABLE_KEYS.map((key) => {
    const t = edition.tables[key];
    const data = result.report.tables[key] as Record<string, Record<string, number | null>>;
    const rows: CheckRow[] = t.blocks.flatMap((block) =>
      block.rows.map((row) => {
        const sources: { where: string; text: string }[] = [];
        const values = block.columns.map((column): CheckValue => {
          const ref = `${key}.${row.key}.${column.key}`;
          const value = data[row.key]?.[column.key] ?? null;
          const ev = byCell.get(ref);
          const why = whyOf.get(ref);
          if (value !== null) counts.imported++;
          else if (why) {
            counts.unknown++;
            const r = reasons.get(why) ?? { cells: [], count: 0 };
            r.count++;
            if (r.cells.length < MAX_NAMES_PER_REASON) r.cells.push(`${t.name}「${rowName(t, row)}」${t.orientation === "columnGroups" ? "" : "行"}「${plainLabel(column)}」`);
            reasons.set(why, r);
          } else counts.blankAsPrinted++;
          if (ev && sources.length < MAX_SOURCES_PER_ROW && !sources.some((s) => s.where === ev.sourceWhere && s.text === ev.source)) {
            sources.push({ where: ev.sourceWhere, text: ev.source });
          }
          const v: CheckValue = { column: plainLabel(column), value };
          if (ev && value !== null) v.where = ev.where;
          if (why && value === null) v.unknown = why;
          return v;
        });
        return { label: rowName(t, row), sources, values };
      }),
    );
    return { key, name: t.name, title: t.title, found: result.findings.tables.includes(key), rows };
  });
  const unknown = [...reasons].map(([why, r]) => ({ why, cells: r.count > r.cells.length ? [...r.cells, `等 ${r.count} 格`] : r.cells }));
  return { counts, unknown, tables };
}
