// Warnings must be verified before a report is submitted: each acknowledgement carries a reason and
// a fingerprint of the values involved, so it lapses by itself as soon as any involved cell (or the
// narrative it is about) changes.
import { getCell } from "../data/report";
import type { ReportDoc } from "../data/types";
import type { Issue } from "../rules/types";

export function issueKey(issue: Pick<Issue, "rule" | "cell">): string {
  return `${issue.rule}|${issue.cell}`;
}

/** cyrb53: a small, fast, well-distributed 53-bit string hash (no crypto needed for this purpose). */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Identifies the situation a warning describes: its rule, cell, numbers and every involved value. */
export function warningFingerprint(report: ReportDoc, issue: Issue): string {
  const parts: unknown[] = [issue.rule, issue.cell, issue.reported ?? null, issue.computed ?? null];
  for (const ref of issue.cells) parts.push(getCell(report, ref));
  if (issue.cell.startsWith("narrative.")) {
    const key = issue.cell.slice("narrative.".length) as keyof ReportDoc["narrative"];
    parts.push(report.narrative[key] ?? "");
  }
  return hash53(JSON.stringify(parts));
}

export interface Acknowledgement {
  rule: string;
  cell: string;
  fingerprint: string;
  reason: string;
  kind: string;
}

/** The acknowledgement that still applies to this warning, if any (latest first wins). */
export function validAcknowledgement(report: ReportDoc, issue: Issue, acks: readonly Acknowledgement[]): Acknowledgement | undefined {
  const fp = warningFingerprint(report, issue);
  for (let i = acks.length - 1; i >= 0; i--) {
    const a = acks[i]!;
    if (a.rule === issue.rule && a.cell === issue.cell && a.fingerprint === fp) return a;
  }
  return undefined;
}

/** Warnings that still need an acknowledgement. */
export function unacknowledgedWarnings(report: ReportDoc, issues: readonly Issue[], acks: readonly Acknowledgement[]): Issue[] {
  return issues.filter((i) => i.severity === "warning" && !validAcknowledgement(report, i, acks));
}

/**
 * The least a reason for a warning (the drafter's) or a confirmation (the reviewer's) must say, in
 * characters of content: spaces and punctuation do not count, so 「好」「。。。」 or 「ok」 are not reasons.
 */
export const MIN_REASON_LENGTH = 5;
/** The least a review comment or a correction reason must say (same counting). */
export const MIN_COMMENT_LENGTH = 2;

/** Characters of content: without spaces, punctuation and symbols. */
export function reasonLength(text: string): number {
  return [...text.replace(/[\s\p{P}\p{S}]/gu, "")].length;
}

/** The rule, as the forms and refusals state it. */
export const REASON_RULE = `每条理由至少 ${MIN_REASON_LENGTH} 个字（标点和空格不计）`;
