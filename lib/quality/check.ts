// The checks of one report (issue 18 §2): everything that can be decided from the report itself,
// its import and last year's report. What needs the other reports of the run (内容雷同 between
// them) is in run.ts. Pure and bounded: one import result + the rule engine, linear in its size.

import type { ReportDoc } from "../data";
import type { ImportNote, ImportResult } from "../import";
import { formatReportDate } from "../render/dates";
import { validateReport, type Issue } from "../rules";
import { getEdition, type SectionNumber, type TableKey } from "../template";
import { QUALITY_RULES, ruleKind, type QualityRuleId } from "./kinds";
import type { CheckedReport, Finding } from "./types";

export interface CheckOptions {
  /** The report year of the run. */
  year: number;
  /** Last year's report of the same agency (in nianbao or imported), for carry-over and 雷同 with last year. */
  previous?: ReportDoc;
  /** A publication date the office entered, or the date nianbao published the report (ISO or 2025年1月20日). */
  publishedOn?: { date: string; source: "entered" | "published" };
}

/** Import notes of page furniture (site chrome) are not losses of report content. */
const NOT_A_LOSS = new Set<ImportNote["code"]>(["furniture", "edition.differsFromYear", "table.missing", "row.otherEdition", "section.missing"]);
/** At most this many import-loss findings per report; the rest are counted in one more finding. */
export const MAX_LOSS_FINDINGS = 20;

function own(rule: QualityRuleId, message: string, extra: Partial<Finding> = {}): Finding {
  const def = QUALITY_RULES[rule];
  return { rule, kind: def.kind, severity: def.severity, message, ...extra };
}

/** The last day of publication: 31 January of the following year (条例第四十九条). */
export function deadlineIso(year: number): string {
  return `${year + 1}-01-31`;
}

export function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return formatReportDate(text).iso;
}

function dateFindings(report: ReportDoc | undefined, year: number, opts: CheckOptions, out: CheckedReport): void {
  let iso: string | undefined;
  if (opts.publishedOn) {
    iso = isoDate(opts.publishedOn.date);
    if (iso) out.dateSource = opts.publishedOn.source;
  }
  if (!iso && report?.meta?.date) {
    iso = isoDate(report.meta.date);
    if (iso) out.dateSource = "document";
  }
  if (!iso) {
    out.findings.push(own("publication.dateMissing", "年报未载明成文日期，也未录入发布日期，无法核对是否按时发布", { cell: "meta.date" }));
    return;
  }
  out.date = iso;
  const deadline = deadlineIso(year);
  if (iso > deadline) {
    const printed = formatReportDate(iso).text;
    const how = out.dateSource === "document" ? "成文日期" : "发布日期";
    out.findings.push(
      own("publication.late", `${how}为${printed}，晚于法定期限${year + 1}年1月31日`, { cell: "meta.date", text: printed }),
    );
  }
}

function issueFinding(i: Issue): Finding {
  const f: Finding = { rule: i.rule, kind: ruleKind(i.rule), severity: i.severity, message: i.message, cell: i.cell };
  if (i.cells.length) f.cells = i.cells;
  if (i.reported !== undefined) f.reported = i.reported;
  if (i.computed !== undefined) f.computed = i.computed;
  if (i.passages?.length) f.passages = i.passages;
  if (i.peer) f.peer = { agency: i.peer.agency, year: i.peer.year };
  return f;
}

/**
 * The engine's issues as findings (the engine already gives one blank-cell issue per table, naming
 * every blank cell). Nothing is said about the cells of a table or the narrative of a section that
 * is missing altogether: its own finding says so.
 */
function engineFindings(report: ReportDoc, opts: CheckOptions, skipTables: ReadonlySet<TableKey>, skipNarrative: ReadonlySet<string>): Finding[] {
  const result = validateReport(report, opts.previous ? { previous: opts.previous } : {});
  const out: Finding[] = [];
  for (const i of result.issues) {
    if (i.rule === "cell.blank" && skipTables.has(i.cell.split(".")[0] as TableKey)) continue;
    if (i.rule.startsWith("narrative.") && skipNarrative.has(i.cell)) continue;
    out.push(issueFinding(i));
  }
  return out;
}

function noteFinding(n: ImportNote, rule: QualityRuleId): Finding {
  const f = own(rule, n.message);
  if (n.cell) f.cell = n.cell;
  if (n.text) f.text = n.text;
  if (n.at) f.at = n.at;
  return f;
}

/** Checks one report read from a published file (issue 18 §1b). */
export function checkImported(result: ImportResult, opts: CheckOptions): CheckedReport {
  const out: CheckedReport = { findings: [] };
  if (!result.ok) {
    const why = result.errors.map((e) => e.message).join("；");
    out.findings.push(own("import.failed", `文件无法作为年报读取：${why}`));
    return out;
  }
  if (result.type === "legacy") {
    out.findings.push(own("document.legacy", `未采用法定格式：${result.legacyReason}`));
    return out;
  }
  const report = result.report;
  out.report = report;
  out.edition = result.edition;
  dateFindings(report, opts.year, opts, out);

  // Sections: the six statutory headings, in order.
  const edition = getEdition(result.edition);
  const found = result.findings.sections;
  const skipTables = new Set<TableKey>();
  const skipNarrative = new Set<string>();
  for (const s of edition.sections) {
    if (found.includes(s.number)) continue;
    const hasTable = s.tableKey ? result.findings.tables.includes(s.tableKey) : false;
    if (hasTable) {
      out.findings.push(own("structure.sectionMissing", `未找到法定章节标题「${s.heading}」（表格在，标题缺失或不规范）`, { cell: `section.${s.number}` }));
      continue;
    }
    out.findings.push(own("structure.sectionMissing", `缺少法定章节「${s.heading}」`, { cell: `section.${s.number}` }));
    if (s.tableKey) skipTables.add(s.tableKey);
    if (s.narrativeKey) skipNarrative.add(`narrative.${s.narrativeKey}`);
  }
  const order = edition.sections.map((s) => s.number);
  const idx = found.map((n: SectionNumber) => order.indexOf(n));
  if (idx.some((v, k) => k > 0 && v < idx[k - 1]!)) {
    out.findings.push(own("structure.sectionOrder", `章节顺序为${found.join("、")}，应为${order.join("、")}`));
  }
  // A statutory table missing under a heading that is there.
  for (const key of Object.keys(edition.tables) as TableKey[]) {
    if (result.findings.tables.includes(key) || skipTables.has(key)) continue;
    skipTables.add(key);
    out.findings.push(own("structure.tableMissing", `未找到法定统计表「${edition.tables[key].title}」`, { cell: `tables.${key}` }));
  }

  // Template drift, then what the importer could not read.
  const notes = [...result.warnings, ...result.unrecognized];
  for (const n of notes) if (n.code === "row.otherEdition") out.findings.push(noteFinding(n, "template.drift"));
  const losses = result.unrecognized.filter((n) => !NOT_A_LOSS.has(n.code));
  for (const n of losses.slice(0, MAX_LOSS_FINDINGS)) out.findings.push(noteFinding(n, "import.unread"));
  if (losses.length > MAX_LOSS_FINDINGS) {
    out.findings.push(own("import.unread", `另有 ${losses.length - MAX_LOSS_FINDINGS} 处内容未能按法定格式读取`));
  }

  out.findings.push(...engineFindings(report, opts, skipTables, skipNarrative));
  return out;
}

/** Checks one report made and published in nianbao (issue 18 §1a). */
export function checkStored(report: ReportDoc, opts: CheckOptions): CheckedReport {
  const out: CheckedReport = { findings: [], report, edition: report.edition };
  dateFindings(report, opts.year, opts, out);
  out.findings.push(...engineFindings(report, opts, new Set(), new Set()));
  return out;
}
