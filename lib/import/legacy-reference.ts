// An archived legacy report as last year's reference for a statutory report. Legacy reports have
// free section headings (format-legacy.md §2: 概述 · 主动公开 · 依申请公开 · 收费 · 复议诉讼 ·
// 问题及改进 · 工作思路 …); each is assigned to the statutory narrative section that now covers its
// subject, so the drafter sees it beside that section and the 内容雷同 check compares like with like:
//   五、存在的主要问题及改进情况 ← 问题、困难、不足、改进、下一步、工作思路/打算/计划
//   六、其他需要报告的事项       ← 其他需要报告的事项、收费及减免 (the fee statement lives in 六 since 2021)
//   一、总体情况                 ← everything else (概述, 主动公开, 依申请公开, 复议诉讼, 机构建设 …)
// Attachments (附件/附表, the statistics table printed as text) are not narrative: left out.

import { NARRATIVE_KEYS, type NarrativeKey } from "../template";
import type { LegacyReport, LegacySection } from "./legacy";
import { normalizeLabel, splitNumbering } from "./normalize";

const ATTACHMENT = /^(附件|附表|附:|统计表|政府信息公开情况统计表)/;
const PROBLEMS = /问题|困难|不足|改进|整改|下一步|工作思路|工作打算|工作计划|工作建议|努力方向|工作重点/;
const OTHER = /其他需要报告|其它需要报告|其他事项|其它事项|收费|费用|减免/;

/** The statutory narrative section a legacy section's subject belongs to, or null for an attachment. */
export function narrativeKeyOfLegacyHeading(heading: string): NarrativeKey | null {
  // The numbering (「六、」) is not part of the subject; headings may be in traditional script.
  const norm = splitNumbering(normalizeLabel(heading)).core;
  if (ATTACHMENT.test(norm)) return null;
  if (PROBLEMS.test(norm)) return "problems";
  if (OTHER.test(norm)) return "other";
  return "overview";
}

/** Last year's narrative when last year exists only as an archived legacy report. */
export interface ArchiveReference {
  year: number;
  /** The archived sections by the statutory section that covers their subject, as published. */
  parts: Record<NarrativeKey, LegacySection[]>;
  /**
   * The same texts joined per section, for the 内容雷同 comparison. Compared as published: the
   * traditional-script tables of the importer cover labels only, and folding just one side (or
   * half the characters) would hide verbatim copies of a traditional-script scrape.
   */
  narrative: Record<NarrativeKey, string>;
}

export function archiveReference(legacy: LegacyReport): ArchiveReference {
  const parts: Record<NarrativeKey, LegacySection[]> = { overview: [], problems: [], other: [] };
  for (const s of legacy.sections) {
    const key = narrativeKeyOfLegacyHeading(s.heading);
    if (key && s.text.trim()) parts[key].push(s);
  }
  const narrative = {} as Record<NarrativeKey, string>;
  for (const key of NARRATIVE_KEYS) narrative[key] = parts[key].map((s) => s.text).join("\n");
  return { year: legacy.year, parts, narrative };
}
