// Issues only the server can find: 内容雷同 with other agencies' reports (their texts never reach
// the browser). The editor keeps the latest server result for these rules and shows it together
// with its own live validation until the next save brings a new one.
import type { Issue, ValidationResult } from "@/lib/rules";

export const SERVER_ONLY_RULES: ReadonlySet<string> = new Set(["narrative.peerSimilarity"]);

export function serverOnlyIssues(v: ValidationResult | null | undefined): Issue[] {
  return v ? v.issues.filter((i) => SERVER_ONLY_RULES.has(i.rule)) : [];
}

/** The live result with the server-only issues added, each after the live issues of its own field. */
export function withServerIssues(live: ValidationResult, extra: readonly Issue[]): ValidationResult {
  if (extra.length === 0) return live;
  const issues = live.issues.slice();
  for (const x of extra) {
    let at = issues.length;
    for (let k = issues.length - 1; k >= 0; k--) {
      if (issues[k]!.cell === x.cell) {
        at = k + 1;
        break;
      }
    }
    issues.splice(at, 0, x);
  }
  const errors = live.errors + extra.filter((i) => i.severity === "error").length;
  const warnings = live.warnings + extra.filter((i) => i.severity === "warning").length;
  return { ok: errors === 0, errors, warnings, issues };
}
