// Legacy reports (report years before 2019, written under the 2008 Regulation, and later reports
// still written in that free style — seed 000): no statutory tables, free section headings,
// sometimes the 2014–2018 《政府信息公开情况统计表》 attached (docs/format-legacy.md §3).
// They cannot be mapped onto `nianbao/report@1`; they are archived in their own shape, to be shown
// and used as last year's reference.

import * as z from "zod";
import { MAX_YEAR, MIN_ANY_YEAR } from "../data/limits";
import { normalizeLabel, excerpt } from "./normalize";
import type { Notes } from "./notes";
import type { SourceTable } from "./source";
import { parseCellValue } from "./values";

export const LEGACY_FORMAT = "nianbao/legacy-report@1";

/** One row of the legacy statistics table: 「（一）收到申请数 | 件 | 0」. */
export interface LegacyStatisticsRow {
  /** 统计指标, as printed. */
  indicator: string;
  /** 单位, as printed (「——」 marks heading rows). */
  unit: string;
  /** The value as printed; null when blank. Heading rows may carry numbers (format-legacy.md L-HEAD): kept. */
  value: number | null;
}

export interface LegacyStatistics {
  /** The table's title line, e.g. 「政府信息公开情况统计表 (2018年度) 填报单位:…」. */
  title?: string;
  /** Header of the value column, e.g. 「年度累计数」. */
  valueLabel?: string;
  rows: LegacyStatisticsRow[];
}

export interface LegacySection {
  /** The heading as printed, e.g. 「一、概述」. */
  heading: string;
  /** Paragraphs joined with "\n". */
  text: string;
}

/** A legacy annual report, archived as published (text in the script it was published in). */
export interface LegacyReport {
  format: typeof LEGACY_FORMAT;
  year: number;
  agency: { name: string; [extra: string]: unknown };
  title?: string;
  /** The unnumbered opening paragraph(s). */
  preamble?: string;
  /** The numbered sections in printed order. */
  sections: LegacySection[];
  signature?: string;
  /** ISO date "YYYY-MM-DD". */
  date?: string;
  statistics?: LegacyStatistics;
}

const text = z.string();

export const legacyStatisticsSchema = z.strictObject({
  title: text.optional(),
  valueLabel: text.optional(),
  rows: z.array(z.strictObject({ indicator: text, unit: text, value: z.number().nullable() })),
});

/** The zod schema of `nianbao/legacy-report@1`. */
export const legacyReportSchema = z.strictObject({
  format: z.literal(LEGACY_FORMAT),
  year: z.number().int().min(MIN_ANY_YEAR).max(MAX_YEAR),
  agency: z.looseObject({ name: z.string().trim().min(1) }),
  title: text.optional(),
  preamble: text.optional(),
  sections: z.array(z.strictObject({ heading: text, text })),
  signature: text.optional(),
  date: z.iso.date().optional(),
  statistics: legacyStatisticsSchema.optional(),
});

// The schema and the interface must describe the same documents.
type SchemaOutput = z.infer<typeof legacyReportSchema>;
const _schemaMatchesType: (x: SchemaOutput) => LegacyReport = (x) => x;
const _typeMatchesSchema: (x: LegacyReport) => SchemaOutput = (x) => x;
void _schemaMatchesType;
void _typeMatchesSchema;

export type LegacyParseResult = { ok: true; legacy: LegacyReport } | { ok: false; errors: string[] };

/** Validates untrusted input as a `nianbao/legacy-report@1` document; errors name the JSON path, in Chinese. */
export function parseLegacyReport(input: unknown): LegacyParseResult {
  const r = legacyReportSchema.safeParse(input);
  if (r.success) return { ok: true, legacy: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => `${i.path.map(String).join(".") || "（根）"}：不是有效的 ${LEGACY_FORMAT} 内容（${i.code}）`),
  };
}

// ------------------------------------------------------------------------------- statistics table

const TABLE_TITLE = normalizeLabel("政府信息公开情况统计表");
const INDICATOR_HEADER = normalizeLabel("统计指标");
const UNIT_HEADER = normalizeLabel("单位");

/** True for the legacy 《政府信息公开情况统计表》: its title, or a 「统计指标 | 单位」 header row. */
export function isLegacyStatisticsTable(t: SourceTable): boolean {
  if (t.caption && normalizeLabel(t.caption).includes(TABLE_TITLE)) return true;
  return t.rows.some((row) => {
    const norms = row.map((c) => normalizeLabel(c.text));
    return norms.some((n) => n.includes(TABLE_TITLE)) || (norms.includes(INDICATOR_HEADER) && norms.includes(UNIT_HEADER));
  });
}

/**
 * The statistics table as rows {indicator, unit, value}. The title row and the header row are
 * recognised; a row with more value columns than one keeps the first and reports the others.
 */
export function readLegacyStatistics(t: SourceTable, notes: Notes): LegacyStatistics {
  const out: LegacyStatistics = { rows: [] };
  if (t.caption) out.title = t.caption.trim();
  for (const row of t.rows) {
    const cells = row.filter((c, i) => c.text.trim() !== "" || i < 3);
    const norms = cells.map((c) => normalizeLabel(c.text));
    const nonEmpty = cells.filter((c) => c.text.trim() !== "");
    if (nonEmpty.length === 0) continue;
    if (norms.some((n) => n.includes(TABLE_TITLE))) {
      out.title ??= nonEmpty.map((c) => c.text.trim()).join(" ");
      continue;
    }
    if (norms[0] === INDICATOR_HEADER) {
      const label = cells[2]?.text.trim();
      if (label) out.valueLabel = label;
      continue;
    }
    const [indicator, unit, value, ...rest] = cells;
    if (!indicator || indicator.text.trim() === "") {
      notes.unrecognize("legacy.table", nonEmpty[0]!.loc, `统计表中没有指标名称的一行未导入（${nonEmpty.map((c) => excerpt(c.text, 12)).join("、")}）`, {
        text: nonEmpty[0]!.text,
      });
      continue;
    }
    const parsed = value ? parseCellValue(value.text) : ({ type: "blank" } as const);
    let v: number | null = null;
    if (parsed.type === "number") v = parsed.value;
    else if (parsed.type === "text") {
      notes.unrecognize("value.notNumeric", value!.loc, `统计表「${excerpt(indicator.text)}」的数值「${excerpt(parsed.text, 12)}」${parsed.reason}，按空白导入`, {
        text: parsed.text,
      });
    }
    out.rows.push({ indicator: indicator.text.trim(), unit: unit?.text.trim() ?? "", value: v });
    const extra = rest.filter((c) => c.text.trim() !== "");
    if (extra.length > 0) {
      notes.unrecognize("legacy.table", extra[0]!.loc, `统计表「${excerpt(indicator.text)}」行多出的单元格未导入（${extra.map((c) => excerpt(c.text, 12)).join("、")}）`, {
        text: extra[0]!.text,
      });
    }
  }
  return out;
}

/** A table printed as text lines (cells joined by 「 | 」), to keep it in a legacy section's text. */
export function tableAsText(t: SourceTable): string {
  return t.rows
    .map((row) => row.map((c) => c.text.trim()).filter((x) => x !== "").join(" | "))
    .filter((line) => line !== "")
    .join("\n");
}
