// One uploaded file through the check: its kind, the importer (injected: a worker thread on the
// server, in-process in the CLI and tests), the agency it belongs to, the checks. And the JSON of a
// finished run, the same from the page's data, the CLI and the downloads.
import { z } from "zod";
import type { ReportDoc } from "../data";
import { detectKind, type ImportInput, type ImportResult } from "../import";
import { checkImported, type CheckOptions } from "./check";
import { QUALITY_RULES } from "./kinds";
import { matchAgency, type AgencyMatch, type AgencyRef } from "./match";
import type { YearOverYear } from "./compare";
import { rollupFindings, type RollupCheckEntry, type ScopeAgency } from "./rollup-check";
import { peerFindings, peerFindingsYielding, type RunEntry } from "./run";
import { rank, scoreFindings, type ScoreLine, type ScoringScheme, DEFAULT_SCHEME } from "./score";
import type { CheckedReport, Finding } from "./types";

export type Importer = (input: ImportInput) => Promise<ImportResult>;

export interface ImportedFile {
  result: ImportResult;
  /** The agency the document names, if any. */
  documentAgency?: string;
}

/** Reads a file with the importer (never throws: an unreadable file is an ImportResult failure). */
export async function importFile(name: string, bytes: Uint8Array, year: number, importer: Importer): Promise<ImportedFile> {
  const kind = detectKind(name, bytes);
  if (!kind.kind) return { result: { ok: false, errors: [{ code: "input.unreadable", message: kind.reason }], warnings: [] } };
  const result = await importer({ kind: kind.kind, data: bytes, yearHint: year });
  const documentAgency = result.ok && result.type === "report" ? result.report.agency.name : result.ok ? result.legacy.agency?.name : undefined;
  return documentAgency ? { result, documentAgency } : { result };
}

/** The agency of an imported file. */
export function matchFile(agencies: readonly AgencyRef[], imported: ImportedFile, fileName: string): AgencyMatch {
  return matchAgency(agencies, imported.documentAgency, fileName);
}

export { checkImported };
export type { CheckOptions };

/** One report of a finished run, as the page, the downloads and `nianbao check --json` give it. */
export interface RunItemResult {
  /** The agency's name (or, unmatched, the file's). */
  agency: string;
  agencyId?: number;
  source: "nianbao" | "file";
  fileName?: string;
  match?: { confidence: AgencyMatch["confidence"]; reason: string };
  date?: string;
  edition?: string;
  score: number;
  rank: number;
  breakdown: ScoreLine[];
  findings: Finding[];
  /** Against the office's run of the previous report year, when there is one with this agency. */
  previous?: YearOverYear;
}

export interface RunResult {
  year: number;
  items: RunItemResult[];
}

export interface FinishInput {
  key: string;
  agency: string;
  agencyId?: number;
  source: "nianbao" | "file";
  fileName?: string;
  match?: AgencyMatch;
  checked: CheckedReport;
}

/** The unmatched-file finding (a file the office must assign before it counts for an agency). */
export function unmatchedFinding(m: AgencyMatch): Finding | undefined {
  if (m.confidence === "exact" || m.confidence === "likely") return undefined;
  const r = QUALITY_RULES["import.unmatched"];
  return { rule: "import.unmatched", kind: r.kind, severity: r.severity, message: `未能确定文件属于哪个单位：${m.reason}` };
}

/**
 * Adds 内容雷同 among the run's reports and, given the scope's hierarchy, 本级与下级合计; scores and
 * ranks: the result of a run (items in input order).
 */
export function finishRun(year: number, inputs: readonly FinishInput[], scheme: ScoringScheme = DEFAULT_SCHEME, scope: readonly ScopeAgency[] = []): RunResult {
  return scoreRun(year, inputs, scheme, peerFindings(inputs.map(entry)), scope);
}

/** finishRun, giving the event loop a turn now and then (the server's thread). */
export async function finishRunYielding(year: number, inputs: readonly FinishInput[], scheme: ScoringScheme = DEFAULT_SCHEME, scope: readonly ScopeAgency[] = []): Promise<RunResult> {
  return scoreRun(year, inputs, scheme, await peerFindingsYielding(inputs.map(entry)), scope);
}

const entry = (i: FinishInput): RunEntry => ({ key: i.key, agencyName: i.agency, checked: i.checked });

function scoreRun(year: number, inputs: readonly FinishInput[], scheme: ScoringScheme, peers: Map<string, Finding[]>, scope: readonly ScopeAgency[]): RunResult {
  const sums = scope.length ? rollupFindings(year, inputs.map(rollupEntry), scope, scheme.rollupRule ?? "equal") : new Map<string, Finding[]>();
  const items = inputs.map((i) => {
    const findings = [...i.checked.findings, ...(peers.get(i.key) ?? []), ...(sums.get(i.key) ?? [])];
    const s = scoreFindings(findings, scheme);
    const out: RunItemResult = { agency: i.agency, source: i.source, score: s.score, rank: 0, breakdown: s.breakdown, findings };
    if (i.agencyId !== undefined) out.agencyId = i.agencyId;
    if (i.fileName) out.fileName = i.fileName;
    if (i.match) out.match = { confidence: i.match.confidence, reason: i.match.reason };
    if (i.checked.date) out.date = i.checked.date;
    if (i.checked.edition) out.edition = i.checked.edition;
    return out;
  });
  const ranks = rank(items);
  items.forEach((it, k) => (it.rank = ranks[k]!));
  return { year, items };
}

/** An input counts for its agency when it is in nianbao or its file was matched with confidence. */
function rollupEntry(i: FinishInput): RollupCheckEntry {
  const sure = i.source === "nianbao" || !i.match || i.match.confidence === "exact" || i.match.confidence === "likely";
  const e: RollupCheckEntry = { key: i.key };
  if (sure && i.agencyId !== undefined) e.agencyId = i.agencyId;
  if (i.checked.report) e.report = i.checked.report;
  return e;
}

export type { ReportDoc };

export const QUALITY_FORMAT = "nianbao/quality@1";

/**
 * The run as JSON (`nianbao check --json` and the page's JSON download give the same): items in
 * rank order, then by agency name; only the fields of RunItemResult.
 */
export function runJson(result: RunResult): { format: typeof QUALITY_FORMAT; year: number; items: RunItemResult[] } {
  const items = [...result.items]
    .sort((a, b) => a.rank - b.rank || a.agency.localeCompare(b.agency, "zh-CN"))
    .map((i) => {
      const out: RunItemResult = { agency: i.agency, source: i.source, score: i.score, rank: i.rank, breakdown: i.breakdown, findings: i.findings };
      if (i.agencyId !== undefined) out.agencyId = i.agencyId;
      if (i.fileName !== undefined) out.fileName = i.fileName;
      if (i.match !== undefined) out.match = i.match;
      if (i.date !== undefined) out.date = i.date;
      if (i.edition !== undefined) out.edition = i.edition;
      if (i.previous !== undefined) out.previous = i.previous;
      return out;
    });
  return { format: QUALITY_FORMAT, year: result.year, items };
}

const previousRunSchema = z.object({
  format: z.literal(QUALITY_FORMAT),
  year: z.number().int(),
  items: z
    .array(
      z.object({
        agency: z.string().max(500),
        score: z.number(),
        findings: z.array(z.object({ rule: z.string().max(200), kind: z.string().max(50), message: z.string().max(20_000), cell: z.string().max(200).optional(), peer: z.object({ agency: z.string(), year: z.number() }).optional() }).loose()).max(100_000),
      }).loose(),
    )
    .max(100_000),
});

/** Last year's run as JSON (runJson's output): its items, or why it is not one. */
export function parsePreviousRun(text: string, year: number): { ok: true; year: number; items: { agency: string; score: number; findings: Finding[] }[] } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: "不是有效的 JSON" };
  }
  const r = previousRunSchema.safeParse(raw);
  if (!r.success) return { ok: false, error: `不是 ${QUALITY_FORMAT} 格式的检查结果（nianbao check --json 的输出）` };
  if (r.data.year !== year - 1) return { ok: false, error: `是 ${r.data.year} 年度的检查结果，应为 ${year - 1} 年度` };
  return { ok: true, year: r.data.year, items: r.data.items as unknown as { agency: string; score: number; findings: Finding[] }[] };
}
