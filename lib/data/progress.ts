// How far a report is: per section 一…六, how much is filled in and how many errors/warnings it has.
// Drives the editor's section navigation, the completion bar and the report lists.
import { allCells, getEdition, parseCellRef, type SectionDef, type SectionKey } from "../template";
import type { Issue } from "../rules/types";
import type { ReportDoc } from "./types";
import { getCell } from "./report";
import { narrativeSubstance } from "../rules/completeness";

export interface SectionProgress {
  key: SectionKey;
  number: SectionDef["number"];
  heading: string;
  kind: SectionDef["kind"];
  /** Input cells filled (tables) or 1/0 (narratives). */
  filled: number;
  total: number;
  errors: number;
  warnings: number;
}

/** The section an issue belongs to, or null for document-level issues (edition, year, agency). */
export function issueSection(report: ReportDoc, issue: Pick<Issue, "cell">): SectionKey | null {
  const sections = getEdition(report.edition).sections;
  if (issue.cell.startsWith("narrative.")) {
    const key = issue.cell.slice("narrative.".length);
    return sections.find((s) => s.narrativeKey === key)?.key ?? null;
  }
  const p = parseCellRef(issue.cell);
  return p ? (sections.find((s) => s.tableKey === p.table)?.key ?? null) : null;
}

export function sectionProgress(report: ReportDoc, issues: readonly Issue[]): SectionProgress[] {
  const edition = getEdition(report.edition);
  const counts = new Map<SectionKey, { errors: number; warnings: number }>();
  for (const i of issues) {
    const s = issueSection(report, i);
    if (!s) continue;
    const c = counts.get(s) ?? { errors: 0, warnings: 0 };
    if (i.severity === "error") c.errors++;
    else if (i.severity === "warning") c.warnings++;
    counts.set(s, c);
  }
  const cells = allCells(edition);
  return edition.sections.map((s) => {
    let filled = 0;
    let total = 0;
    if (s.kind === "narrative" && s.narrativeKey) {
      total = 1;
      // Only the inserted sub-headings is not "filled" (the submit gate would refuse it too).
      filled = narrativeSubstance(s, report.narrative[s.narrativeKey] ?? "") ? 1 : 0;
    } else {
      for (const c of cells) {
        if (c.table !== s.tableKey || c.derived) continue;
        total++;
        if (getCell(report, c.ref) !== null) filled++;
      }
    }
    const c = counts.get(s.key) ?? { errors: 0, warnings: 0 };
    return { key: s.key, number: s.number, heading: s.heading, kind: s.kind, filled, total, errors: c.errors, warnings: c.warnings };
  });
}

/** Share of the report filled in, 0…1: each section weighs the same, whatever its size. */
export function overallCompletion(progress: readonly SectionProgress[]): number {
  if (progress.length === 0) return 0;
  return progress.reduce((sum, p) => sum + (p.total ? p.filled / p.total : 1), 0) / progress.length;
}
