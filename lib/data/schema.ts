// Zod schemas of `nianbao/report@1`, derived from the template: the row and column keys are read
// from the edition data, never written a second time.
//
// Strictness: unknown keys inside `tables` (a misspelt row or column must not be silently dropped),
// in `narrative` and at the top level are rejected; `agency` and `meta` accept extra fields
// (agency code, region, … as the contract allows). The schemas validate the INPUT shape; `parseReport`
// then normalises the result (every cell present, null when blank).

import * as z from "zod";
import { TABLE_KEYS, type Edition, type TableDef } from "../template";
import { REPORT_FORMAT } from "./types";

/** Largest magnitude accepted for a cell: far above any real count or 万元 amount, well inside safe integers. */
export const MAX_CELL_MAGNITUDE = 1e12;
export const MIN_YEAR = 2019;
export const MAX_YEAR = 2100;

/**
 * A cell: a finite number within ±1e12, or null (blank); a missing key means null.
 * Negative and fractional numbers pass: the rule engine reports them at the cell (cell.nonNegative,
 * cell.integer), where the user can see and fix them.
 */
export const cellValueSchema = z.number().min(-MAX_CELL_MAGNITUDE).max(MAX_CELL_MAGNITUDE).nullable().optional();

/**
 * A total (derived cell) may be larger: the server recomputes every total from the typed cells and
 * stores it, and what it stored must read back. No total adds up more than a few hundred typed
 * cells (parse.test.ts checks it per edition), so 1e15 — still an exact integer in a double — holds
 * any sum of cells within ±1e12.
 */
export const MAX_TOTAL_MAGNITUDE = 1e15;
const totalValueSchema = z.number().min(-MAX_TOTAL_MAGNITUDE).max(MAX_TOTAL_MAGNITUDE).nullable().optional();

function tableSchema(table: TableDef) {
  const rows: Record<string, z.ZodType> = {};
  for (const block of table.blocks) {
    for (const row of block.rows) {
      const columns = Object.fromEntries(block.columns.map((c) => [c.key, row.derived || c.derived ? totalValueSchema : cellValueSchema]));
      rows[row.key] = z.strictObject(columns).optional();
    }
  }
  return z.strictObject(rows);
}

const optionalText = z.string().nullable().optional();

function buildReportSchema(edition: Edition) {
  const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, tableSchema(edition.tables[k]).optional()]));
  return z.strictObject({
    format: z.literal(REPORT_FORMAT),
    edition: z.literal(edition.id),
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    agency: z.looseObject({ name: z.string().trim().min(1) }),
    meta: z
      .looseObject({ title: optionalText, preamble: optionalText, signature: optionalText, date: optionalText })
      .optional(),
    narrative: z.strictObject({ overview: optionalText, problems: optionalText, other: optionalText }).optional(),
    tables: z.strictObject(tables).optional(),
  });
}

export type ReportInputSchema = ReturnType<typeof buildReportSchema>;

const cache = new WeakMap<Edition, ReportInputSchema>();

/** The input schema of a report in this edition (cached per edition). */
export function reportSchema(edition: Edition): ReportInputSchema {
  let s = cache.get(edition);
  if (!s) {
    s = buildReportSchema(edition);
    cache.set(edition, s);
  }
  return s;
}
