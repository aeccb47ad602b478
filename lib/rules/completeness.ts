// Is the report filled in? The gate of the app's workflow (submit, approve, publish), not a rule of
// the engine: `validateReport` — and so `nianbao validate` of a published document — keeps judging
// blank cells as a warning, because real published reports contain blanks. Here a blank input cell
// or a statutory narrative without real content blocks the step.
//
// Everything comes from the template: the statutory narratives are the edition's sections of kind
// "narrative", their inserted sub-headings are its `subBlocks`, the cells to fill are the input
// (non-derived) cells of its tables, and the names are the template's labels with their full path.
import type { ReportDoc } from "../data";
import { allCells, findEdition, plainLabel, type CellInfo, type Edition, type SectionDef } from "../template";
import { withoutTemplateLines } from "./template-lines";

export interface CompletenessGap {
  kind: "narrative" | "cell";
  /** Where to jump: `narrative.<key>` or the cell reference `table.row.column`. */
  ref: string;
  /** The section's number and heading, e.g. 「三、收到和处理政府信息公开申请情况」. */
  section: string;
  /** Chinese, naming the section or the cell with its full label path. */
  message: string;
}

/**
 * A cell named by its full label path, so that no leaf is ambiguous:
 * 表三「（三）不予公开 / 3.危及“三安全一稳定”」行「自然人」列. Row and column paths name every group
 * below the outermost one (the outermost — 「三、本年度办理结果」, 「申请人情况」 — is implied by the
 * inner ones). Table 四 prints its rows as column groups: there every group is named.
 */
export function cellPathLabel(edition: Edition, ref: string): string {
  const c = allCells(edition).find((x) => x.ref === ref);
  return c ? pathOf(c) : ref;
}

/** The groups below the outermost one (the outermost — 「三、本年度办理结果」, 「申请人情况」 — is implied). */
function inner(groups: readonly { label: string }[] | undefined): string[] {
  return (groups ?? []).slice(1).map((g) => g.label);
}

function pathOf(c: CellInfo): string {
  const t = c.tableDef;
  const col = [...inner(c.columnDef.groups), plainLabel(c.columnDef)].join(" / ");
  if (t.orientation === "columnGroups") {
    const row = [...(c.rowDef.groups ?? []).map((g) => g.label), plainLabel(c.rowDef)].join(" / ");
    return `${t.name}「${row}」「${col}」栏`;
  }
  const row = [...inner(c.rowDef.groups), plainLabel(c.rowDef)].join(" / ");
  return `${t.name}「${row}」行「${col}」列`;
}

const pathCache = new WeakMap<Edition, Map<string, string>>();
function pathsOf(edition: Edition): Map<string, string> {
  let m = pathCache.get(edition);
  if (!m) {
    m = new Map(allCells(edition).map((c) => [c.ref, pathOf(c)]));
    pathCache.set(edition, m);
  }
  return m;
}

/** How an anchor (a cell, a section, `narrative.<key>`, or `report`) is named to a person. */
export function anchorLabel(edition: Edition, anchor: string): string {
  if (anchor === "report") return "整份报告";
  const section = edition.sections.find((s) => (s.narrativeKey ? `narrative.${s.narrativeKey}` : s.key) === anchor || s.key === anchor);
  if (section) return section.heading;
  return pathsOf(edition).get(anchor) ?? anchor;
}

// Punctuation, symbols and spaces do not count as content.
const NOT_CONTENT = /[\s\p{P}\p{S}]/gu;
/**
 * A bare denial is not a section's content: 「无」「暂无」「暂无问题」「没有」… (with or without
 * punctuation). Section 五 must name problems and improvements; a report with none still says so in
 * a sentence (e.g. 「本年度未发现……，下一步将……」).
 */
const BARE_DENIAL = /^(无|暂无|没有|暂没有|目前暂无|本年度无|本年度暂无)?(问题|情况|内容|事项|相关情况|需要报告的事项)?$/u;

/** The text of a narrative section without the template's sub-headings, punctuation and spaces. */
export function narrativeSubstance(section: SectionDef, text: string): string {
  const labels = (section.subBlocks ?? []).map((b) => b.label);
  return withoutTemplateLines(text, labels).replace(NOT_CONTENT, "");
}

function narrativeGap(section: SectionDef, text: string): string | null {
  if (text.trim() === "") return `「${section.heading}」未填写`;
  const substance = narrativeSubstance(section, text);
  if (substance === "") return `「${section.heading}」只有小标题，没有内容`;
  if (BARE_DENIAL.test(substance)) return `「${section.heading}」只写了「${text.trim()}」，没有实际内容：请写明具体情况`;
  return null;
}

function isFilled(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * What is not filled in yet, in document order: statutory narratives without real content, and every
 * blank input cell of 表二/表三/表四 (0 is a value; a blank is not). Empty = complete.
 */
export function completenessGaps(report: ReportDoc): CompletenessGap[] {
  const edition = findEdition(report.edition);
  if (!edition) return [];
  const paths = pathsOf(edition);
  const gaps: CompletenessGap[] = [];
  for (const section of edition.sections) {
    if (section.kind === "narrative" && section.narrativeKey) {
      const msg = narrativeGap(section, report.narrative?.[section.narrativeKey] ?? "");
      if (msg) gaps.push({ kind: "narrative", ref: `narrative.${section.narrativeKey}`, section: section.heading, message: msg });
    } else if (section.kind === "table" && section.tableKey) {
      const table = report.tables?.[section.tableKey] as Record<string, Record<string, unknown> | undefined> | undefined;
      for (const c of allCells(edition)) {
        if (c.table !== section.tableKey || c.derived) continue;
        if (isFilled(table?.[c.row]?.[c.column])) continue;
        gaps.push({ kind: "cell", ref: c.ref, section: section.heading, message: `${paths.get(c.ref)}未填写` });
      }
    }
  }
  return gaps;
}

/** Blank input cells of the tables only (the roll-up reads no narrative). */
export function blankInputCells(edition: Edition, tables: Partial<Record<string, Record<string, Record<string, unknown> | undefined> | undefined>>): string[] {
  const out: string[] = [];
  for (const c of allCells(edition)) if (!c.derived && !isFilled(tables[c.table]?.[c.row]?.[c.column])) out.push(c.ref);
  return out;
}

/** One line for a list of gaps: 「一、总体情况」未填写；表三 150 个单元格未填写 … */
export function summarizeGaps(gaps: readonly CompletenessGap[]): string {
  const parts: string[] = [];
  const cellsBySection = new Map<string, number>();
  for (const g of gaps) {
    if (g.kind === "narrative") parts.push(g.message);
    else cellsBySection.set(g.section, (cellsBySection.get(g.section) ?? 0) + 1);
  }
  for (const [section, n] of cellsBySection) parts.push(`「${section}」${n} 个单元格未填写`);
  return parts.join("；");
}
