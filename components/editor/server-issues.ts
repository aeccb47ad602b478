// Issues only the server can find: 内容雷同 with other agencies' reports (their texts never reach
// the browser). The editor keeps the latest server result for these rules and shows it together
// with its own live validation until the next save brings a new one.
import type { Issue, ValidationResult } from "@/lib/rules";
// (Merging them into the live result, withServerIssues, comes with the engine: live-rules.ts.)

export const SERVER_ONLY_RULES: ReadonlySet<string> = new Set(["narrative.peerSimilarity"]);

export function serverOnlyIssues(v: ValidationResult | null | undefined): Issue[] {
  return v ? v.issues.filter((i) => SERVER_ONLY_RULES.has(i.rule)) : [];
}
