// Finding kinds of the quality check (年报质量检查, issue 18) and the rule ids behind them.
//
// A finding carries the rule id of the engine that produced it: the consistency engine's ids
// (lib/rules/catalog.ts, e.g. "applications.handledTotal") unchanged, plus the check's own ids for
// what only a published document can show (its date, its headings, what the importer could not
// read). The kind groups rules for the filter, the score and the 通报.
import { RULES, isRuleId, type Severity } from "../rules";

export const FINDING_KINDS = ["timeliness", "format", "structure", "arithmetic", "carryOver", "narrative", "blank", "similarity", "rollup", "import"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const KIND_LABELS: Record<FindingKind, string> = {
  timeliness: "发布时间",
  format: "格式版本与表格样式",
  structure: "章节结构",
  arithmetic: "数据勾稽",
  carryOver: "跨年度衔接",
  narrative: "叙述与数据",
  blank: "空白单元格",
  similarity: "内容雷同",
  rollup: "本级与下级合计",
  import: "无法读取的内容",
};

export function isFindingKind(x: string): x is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(x);
}

/** The check's own rules (ids not in the consistency engine). */
export const QUALITY_RULES = {
  "publication.late": { kind: "timeliness", severity: "error", title: "未在次年1月31日前发布年报", spec: "条例第四十九条" },
  "publication.dateMissing": { kind: "timeliness", severity: "warning", title: "年报未载明成文或发布日期", spec: "GB/T 9704 成文日期" },
  "document.legacy": { kind: "format", severity: "error", title: "年报未采用法定格式（无统计表格）", spec: "format-2021.md §1" },
  "template.drift": { kind: "format", severity: "warning", title: "表格保留了其他版本的栏目", spec: "format-2021.md §1" },
  "structure.sectionMissing": { kind: "structure", severity: "error", title: "缺少法定章节", spec: "format-2021.md §2" },
  "structure.sectionOrder": { kind: "structure", severity: "warning", title: "章节顺序与法定格式不符", spec: "format-2021.md §2" },
  "structure.tableMissing": { kind: "structure", severity: "error", title: "缺少法定统计表格", spec: "format-2021.md §2" },
  "rollup.sum": { kind: "rollup", severity: "error", title: "本级年报与下级单位年报合计不一致", spec: "docs/quality-check.md 本级与下级合计" },
  "rollup.incomplete": { kind: "rollup", severity: "info", title: "下级单位年报不全，未核对合计", spec: "docs/quality-check.md 本级与下级合计" },
  "import.failed": { kind: "import", severity: "error", title: "文件无法读取", spec: "lib/import" },
  "import.unread": { kind: "import", severity: "warning", title: "有内容未能按法定格式读取", spec: "lib/import" },
  "import.unmatched": { kind: "import", severity: "warning", title: "文件未对应到单位", spec: "lib/quality/match.ts" },
} as const satisfies Record<string, { kind: FindingKind; severity: Severity; title: string; spec: string }>;

export type QualityRuleId = keyof typeof QUALITY_RULES;

/** The kind of a rule of either engine. */
export function ruleKind(rule: string): FindingKind {
  if (Object.prototype.hasOwnProperty.call(QUALITY_RULES, rule)) return QUALITY_RULES[rule as QualityRuleId].kind;
  if (rule === "cell.blank") return "blank";
  if (rule === "document.editionYear") return "format";
  if (rule.startsWith("carry.")) return "carryOver";
  if (rule === "narrative.similarity" || rule === "narrative.peerSimilarity") return "similarity";
  if (rule.startsWith("narrative.")) return "narrative";
  return "arithmetic";
}

/** Short Chinese title of a rule of either engine. */
export function ruleTitle(rule: string): string {
  if (Object.prototype.hasOwnProperty.call(QUALITY_RULES, rule)) return QUALITY_RULES[rule as QualityRuleId].title;
  if (isRuleId(rule)) return RULES[rule].title;
  return rule;
}
