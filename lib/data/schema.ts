// Zod schemas of `nianbao/report@1`, derived from the template: the row and column keys are read
// from the edition data, never written a second time.
//
// Strictness: unknown keys inside `tables` (a misspelt row or column must not be silently dropped),
// in `narrative` and at the top level are rejected; `agency` and `meta` accept extra fields
// (agency code, region, … as the contract allows). The schemas validate the INPUT shape; `parseReport`
// then normalises the result (every cell present, null when blank).

import * as z from "zod";
import { TABLE_KEYS, narrativeRecord, type Edition, type TableDef } from "../template";
import { MAX_CELL_MAGNITUDE, MAX_NARRATIVE_CHARS, MAX_META_CHARS, MAX_TOTAL_MAGNITUDE, MAX_YEAR, MIN_YEAR } from "./limits";
import { REPORT_FORMAT } from "./types";
import { MAX_HEADER_FIELD_CHARS } from "./header-fields";

// The limits live in ./limits (no zod): the browser's editor needs them without the schema library.
export { MAX_CELL_MAGNITUDE, MAX_NARRATIVE_CHARS, MAX_META_CHARS, MAX_TOTAL_MAGNITUDE, MAX_YEAR, MIN_YEAR };


/**
 * A cell: a finite number within ±1e12, or null (blank); a missing key means null.
 * Negative and fractional numbers pass: the rule engine reports them at the cell (cell.nonNegative,
 * cell.integer), where the user can see and fix them.
 */
export const cellValueSchema = z.number().min(-MAX_CELL_MAGNITUDE).max(MAX_CELL_MAGNITUDE).nullable().optional();

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

function buildReportSchema(edition: Edition, textLimits = true) {
  const narrativeText = textLimits ? z.string().max(MAX_NARRATIVE_CHARS).nullable().optional() : optionalText;
  const metaText = textLimits ? z.string().max(MAX_META_CHARS).nullable().optional() : optionalText;
  // 单位负责人, 联系人, 联系电话 (lib/data/header-fields.ts): optional, short.
  const headerText = textLimits ? z.string().max(MAX_HEADER_FIELD_CHARS).nullable().optional() : optionalText;
  const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, tableSchema(edition.tables[k]).optional()]));
  return z.strictObject({
    format: z.literal(REPORT_FORMAT),
    edition: z.literal(edition.id),
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    agency: z.looseObject({ name: z.string().trim().min(1) }),
    meta: z
      .looseObject({ title: metaText, preamble: metaText, signature: metaText, date: metaText, principal: headerText, contact: headerText, phone: headerText })
      .optional(),
    narrative: z.strictObject(narrativeRecord(() => narrativeText)).optional(),
    tables: z.strictObject(tables).optional(),
  });
}

export type ReportInputSchema = ReturnType<typeof buildReportSchema>;

const cache = new WeakMap<Edition, ReportInputSchema>();
const storedCache = new WeakMap<Edition, ReportInputSchema>();

/**
 * The input schema of a report in this edition (cached per edition). `textLimits: false` is for
 * documents already stored before the text caps existed: they must stay readable (and editable, so
 * that the drafter can shorten them); every save is checked with the limits.
 */
export function reportSchema(edition: Edition, opts: { textLimits?: boolean } = {}): ReportInputSchema {
  const limits = opts.textLimits ?? true;
  const c = limits ? cache : storedCache;
  let s = c.get(edition);
  if (!s) {
    s = buildReportSchema(edition, limits);
    c.set(edition, s);
  }
  return s;
}
