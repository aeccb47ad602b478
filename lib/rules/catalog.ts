// Every rule of the engine with its stable id, default severity and basis. Ids are part of the
// public contract (they appear in validation results, review comments and the CLI's --json output).

import type { Basis } from "../template";
import type { Severity } from "./types";

export interface RuleDef {
  severity: Severity;
  /** Short Chinese title for lists and help pages. */
  title: string;
  /** Where the rule comes from (format-2021.md §6 / format-2019.md §4), or "input" for cell hygiene. */
  basis: Basis | "input";
  /** Spec reference. */
  spec: string;
  /** When the rule reports with another severity than its default. */
  note?: string;
}

export const RULES = {
  "document.editionYear": {
    severity: "warning",
    title: "格式版本与报告年度不符",
    basis: "official",
    spec: "format-2021.md §1, format-2019.md §1 (2019–2020 → 2019 年版, 2021 起 → 2021 年版)",
  },
  "cell.integer": { severity: "error", title: "件数应为整数", basis: "derived", spec: "T3-NN, T4-NN, T2-NN" },
  "cell.nonNegative": {
    severity: "error",
    title: "数值不能为负",
    basis: "derived",
    spec: "T3-NN, T4-NN, T2-NN (2019 年版「本年增/减」可为负)",
  },
  "cell.blank": { severity: "warning", title: "单元格未填写", basis: "input", spec: "interchange.md Cell values" },
  "amount.precision": {
    severity: "warning",
    title: "金额精度超过 1 元",
    basis: "derived",
    spec: "T2-NN (万元, 4 位小数 = 1 元)",
  },
  "applications.rowTotal": {
    severity: "error",
    title: "表三各行总计 = 各申请人类型之和",
    basis: "derived",
    spec: "T3-ROW",
  },
  "applications.handledTotal": {
    severity: "error",
    title: "表三（七）总计 = 各办理结果之和",
    basis: "derived",
    spec: "T3-SUM",
  },
  "applications.balance": {
    severity: "error",
    title: "表三勾稽关系：第一项加第二项 = 第三项加第四项",
    basis: "official",
    spec: "T3-BAL (表头注)",
  },
  "appeals.total": {
    severity: "error",
    title: "表四总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    basis: "derived",
    spec: "T4-SUM",
  },
  "proactive.publishedTotal": {
    severity: "warning",
    title: "对外公开总数量不小于本年新公开数量（2019 年版）",
    basis: "heuristic",
    spec: "T2-2019-a",
  },
  "proactive.itemCount": {
    severity: "warning",
    title: "上一年项目数量加本年增/减不为负（2019 年版）",
    basis: "heuristic",
    spec: "T2-2019-b",
  },
  "narrative.missing": { severity: "warning", title: "叙述部分未填写", basis: "law", spec: "条例第五十条" },
  "narrative.figures": {
    severity: "warning",
    title: "叙述中的数字与表格不一致",
    basis: "heuristic",
    spec: "format-2021.md §6 X-PROSE, X-FEE",
  },
  "narrative.year": {
    // A hint, not a warning: a heuristic on free prose (issue 15 §9), shown without counting.
    severity: "info",
    title: "叙述中写明的年度与报告年度不一致",
    basis: "heuristic",
    spec: "issue 15 §9 (a paragraph opening with another year, or another statistics period)",
  },
  "narrative.similarity": {
    severity: "warning",
    title: "叙述内容与上年雷同",
    basis: "official",
    spec: "format-2021.md §3.6 (内容雷同 is sanctioned); threshold SIMILARITY_THRESHOLD in lib/rules/similarity.ts",
  },
  "narrative.peerSimilarity": {
    severity: "warning",
    title: "叙述内容与同年度其他单位的年报雷同",
    basis: "official",
    spec: "format-2021.md §3.6 (内容雷同 is sanctioned); compared with other agencies' published reports and archives of the same year (server only); same threshold",
  },
  "narrative.feeStatement": {
    severity: "warning",
    title: "第六部分未说明信息处理费收取情况（2021 年版）",
    basis: "practice",
    spec: "format-2021.md §3.5",
  },
  "carry.agency": {
    severity: "warning",
    title: "上年报告不是同一机关的报告",
    basis: "heuristic",
    spec: "X-CARRY 前提",
  },
  "carry.archive": {
    severity: "info",
    title: "上年只有旧式归档年报，不作跨年度表格核对",
    basis: "heuristic",
    spec: "format-legacy.md §3.3 (the legacy table has no carry-over rows)",
  },
  "carry.year": { severity: "warning", title: "上年报告的年度不是上一年", basis: "heuristic", spec: "X-CARRY 前提" },
  "carry.applications": {
    severity: "warning",
    title: "表三上年结转 = 上年报告的结转下年度",
    basis: "heuristic",
    spec: "X-CARRY",
  },
  "carry.inForce": {
    severity: "warning",
    title: "现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
    basis: "heuristic",
    spec: "X-VALID",
    note: "上年报告的格式版本没有对应栏目（2019 年版只有对外公开总数量，含义不同）时，不核对，只给一条提示（info）。",
  },
} as const satisfies Record<string, RuleDef>;

export type RuleId = keyof typeof RULES;

export function isRuleId(x: string): x is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, x);
}
