// Human-readable validation output for the terminal: errors first, then warnings, then notes;
// within each, grouped by table and by the row/column the issue is about, in document order.

import type { ReportDoc } from "../data";
import type { Issue, Severity, ValidationResult } from "../rules";
import { cellInfo, editionName, getEdition, parseCellRef, type Edition } from "../template";

const SEVERITY_TITLES: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
const SEVERITY_MARKS: Record<Severity, string> = { error: "✗", warning: "!", info: "·" };

/** The group (table) and subgroup (row/column) an issue is listed under. */
function placeOf(edition: Edition, issue: Issue): { group: string; place: string } {
  const parsed = parseCellRef(issue.cell);
  const info = parsed ? cellInfo(edition, issue.cell) : undefined;
  if (parsed && info) {
    const table = edition.tables[parsed.table];
    const group = `${table.name} ${table.title}`;
    // A table-wide issue (one warning listing all blank cells) is not about its first cell only.
    if (issue.rule === "cell.blank" && issue.cells.length > 1) return { group, place: "多个单元格" };
    return { group, place: info.label.slice(table.name.length) };
  }
  if (issue.cell.startsWith("narrative.")) {
    const section = edition.sections.find((s) => `narrative.${s.narrativeKey}` === issue.cell);
    return { group: section ? section.heading : issue.cell, place: "" };
  }
  return { group: "报告", place: "" };
}

function countLine(result: ValidationResult): string {
  const infos = result.issues.length - result.errors - result.warnings;
  return `${result.errors} 个错误，${result.warnings} 个警告，${infos} 个提示`;
}

export function formatValidation(report: ReportDoc, result: ValidationResult, source: string): string {
  const edition = getEdition(report.edition);
  const lines: string[] = [];
  lines.push(`${report.agency.name} ${report.year} 年度报告 · ${editionName(edition)}`);
  lines.push(`文件：${source}`);
  for (const severity of ["error", "warning", "info"] as const) {
    const issues = result.issues.filter((i) => i.severity === severity);
    if (issues.length === 0) continue;
    lines.push("", `${SEVERITY_TITLES[severity]}（${issues.length}）`);
    let group = "";
    let place = "";
    for (const issue of issues) {
      const where = placeOf(edition, issue);
      if (where.group !== group) {
        lines.push(`  ${where.group}`);
        group = where.group;
        place = "";
      }
      if (where.place && where.place !== place) {
        lines.push(`    ${where.place}`);
        place = where.place;
      }
      const pad = where.place ? "      " : "    ";
      lines.push(`${pad}${SEVERITY_MARKS[severity]} ${issue.message} [${issue.rule}]`);
    }
  }
  lines.push("", `结果：${result.ok ? "通过" : "未通过"}——${countLine(result)}`);
  return `${lines.join("\n")}\n`;
}
