// The roll-up as a printable document: the summed tables with a title, an opening paragraph that
// says what was summed, and the office's signature and date. The .docx and HTML renderers print it
// with `tablesOnly` (no narrative sections).

import type { ReportDoc } from "../data";
import { ROLLUP_STATE_LABELS, type RollupResult, type RollupState } from "./rollup";

export interface RollupDocOptions {
  officeName: string;
  states: readonly RollupState[];
  /** When the roll-up was made (its date line). */
  generatedAt: Date;
}

export function rollupTitle(officeName: string, year: number): string {
  return `${officeName}所属单位${year}年政府信息公开工作年度报告统计数据汇总`;
}

/** 2026-11-21 in China time (UTC+8). */
function chinaDate(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`;
}

export function rollupStatesText(states: readonly RollupState[]): string {
  return states.map((s) => ROLLUP_STATE_LABELS[s]).join("或");
}

export function rollupPreamble(result: RollupResult, opts: RollupDocOptions): string {
  const n = result.included.length;
  let text =
    `本表汇总${opts.officeName}所属 ${n} 个单位${result.year}年度政府信息公开工作年度报告中的统计数据` +
    `（计入状态为${rollupStatesText(opts.states)}的最新版本），统计期限为${result.year}年1月1日至12月31日。`;
  if (result.excluded.length) {
    text += `另有 ${result.excluded.length} 个单位的年报因${result.excluded[0]!.reason}等原因未计入：${result.excluded.map((e) => e.agencyName).join("、")}。`;
  }
  if (result.incomplete.length) {
    text += `其中 ${result.incomplete.length} 个单位的年报未填写完整（${result.incomplete.map((m) => `${m.agencyName} ${m.blankCells} 个单元格空白`).join("、")}），空白单元格未计入。`;
  }
  return text;
}

export function rollupDocument(result: RollupResult, opts: RollupDocOptions): ReportDoc {
  return {
    ...result.doc,
    agency: { name: opts.officeName },
    meta: {
      title: rollupTitle(opts.officeName, result.year),
      preamble: rollupPreamble(result, opts),
      signature: opts.officeName,
      date: chinaDate(opts.generatedAt),
    },
  };
}
