// What needs every report of a run: 内容雷同 between the reports checked together (issue 18 §2),
// and the score and ranking of each (score.ts). Pure; the job in db/quality.ts feeds it.
//
// 内容雷同 among peers is directional where the dates tell: the report published later is the one
// that repeats the earlier one, so only it is flagged. With equal or unknown dates both are.

import { PeerCorpus, SIMILARITY_THRESHOLD, validateReport, type PeerMatcher } from "../rules";
import type { CheckedReport, Finding } from "./types";

export interface RunEntry {
  /** Stable key of the item (its id in the run). */
  key: string;
  agencyName: string;
  checked: CheckedReport;
}

/** Findings of 内容雷同 with the other reports of the run, per entry key (entries without any are absent). */
export function peerFindings(entries: readonly RunEntry[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const step = peerSteps(entries, out);
  while (!step.next().done);
  return out;
}

/**
 * The same, giving the event loop a turn every `every` reports: on the server this runs on the
 * thread that answers every request, and 2,000 reports take seconds.
 */
export async function peerFindingsYielding(entries: readonly RunEntry[], every = 20): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  const step = peerSteps(entries, out);
  for (let k = 1; !step.next().done; k++) if (k % every === 0) await new Promise((r) => setImmediate(r));
  return out;
}

function* peerSteps(entries: readonly RunEntry[], out: Map<string, Finding[]>): Generator<void> {
  const withReport = entries.filter((e) => e.checked.report);
  if (withReport.length < 2) return;
  const corpus = new PeerCorpus(
    withReport.map((e, i) => ({ agencyId: i, agency: e.agencyName, year: e.checked.report!.year, kind: "report" as const, narrative: e.checked.report!.narrative })),
  );
  for (let i = 0; i < withReport.length; i++) {
    yield;
    const e = withReport[i]!;
    const mine = e.checked.date;
    const matcher: PeerMatcher = {
      matches: (key, text) =>
        corpus.matches(key, text, { excludeAgencyId: i, min: SIMILARITY_THRESHOLD }).filter((m) => {
          const theirs = withReport[m.peer.agencyId]!.checked.date;
          return !mine || !theirs || mine >= theirs;
        }),
    };
    const issues = validateReport(e.checked.report!, { peers: matcher }).issues.filter((x) => x.rule === "narrative.peerSimilarity");
    if (!issues.length) continue;
    out.set(
      e.key,
      issues.map((x) => {
        const f: Finding = { rule: x.rule, kind: "similarity", severity: x.severity, message: x.message, cell: x.cell };
        if (x.passages?.length) f.passages = x.passages;
        if (x.peer) f.peer = { agency: x.peer.agency, year: x.peer.year };
        if (x.reported !== undefined) f.reported = x.reported;
        if (x.computed !== undefined) f.computed = x.computed;
        return f;
      }),
    );
  }
}
