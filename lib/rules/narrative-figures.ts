// Figures the narrative states about the tables (「共收到政府信息公开申请32件」, 「行政复议2件」 …)
// compared with the tables. A heuristic (format-2021.md §6 X-PROSE / X-FEE): prose is free, so a
// mismatch is a warning that links both places, never an error. Which cells hold each figure is
// edition data (`Edition.narrativeFigures`); here are only the ways sentences state them.
import { computeDerived, getCell } from "../data/report";
import type { ReportDoc } from "../data/types";
import { findEdition, type FigureKey } from "../template";
import { isPlausibleYear } from "../data/limits";

export interface FigureStatement {
  /** What the sentence says, for the message. */
  what: string;
  pattern: RegExp;
  /** The figure it states: the edition names the cells whose (effective) values add up to it. */
  figure: FigureKey;
}

const N = "(\\d[\\d,，]*)";

/** Common ways reports state the key figures. Group 1 is the number. */
export const FIGURE_STATEMENTS: readonly FigureStatement[] = [
  {
    what: "本年新收政府信息公开申请",
    pattern: new RegExp(`(?:新收|收到|受理)(?:各类)?(?:政府信息公开)?申请(?:共|共计|合计)?${N}(?:件|份|条)`, "g"),
    figure: "received",
  },
  // 「办结32件」「答复申请人 30 件」: the applications handled this year, （七）总计.
  {
    what: "本年度办结（答复）申请",
    pattern: new RegExp(`(?:办结|答复)(?:了)?(?:政府信息公开)?(?:申请)?(?:人)?(?:共|共计|合计)?${N}件`, "g"),
    figure: "handled",
  },
  { what: "上年结转申请", pattern: new RegExp(`上年(?:度)?结转(?:的)?(?:政府信息公开)?申请?${N}件`, "g"), figure: "carriedOver" },
  { what: "结转下年度继续办理", pattern: new RegExp(`结转(?:至|到)?下(?:一)?年度(?:继续办理)?(?:的)?(?:申请)?${N}件`, "g"), figure: "carriedForward" },
  { what: "行政复议", pattern: new RegExp(`行政复议(?:案件|申请)?(?:共|共计)?${N}(?:件|起)`, "g"), figure: "review" },
  {
    what: "行政诉讼",
    pattern: new RegExp(`行政诉讼(?:案件)?(?:共|共计)?${N}(?:件|起)`, "g"),
    figure: "litigation",
  },
];

const NO_APPLICATIONS = /(?:未|没有|暂无|无)(?:收到|受理)(?:任何)?(?:政府信息公开)?申请/;
const FEE = /收取(?:政府信息公开)?(?:信息)?处理费(?:共计|合计|共)?(\d+(?:\.\d+)?)(?:元|万元)/;

/**
 * Years a narrative names as its own that are not the report year (issue 15 §9) — a text carried
 * over from another year's report: a paragraph opening with 「2023年，」「2023年度，」, or the
 * statistics period 「统计期限为2023年1月1日」. Years named in passing (「较2023年增长」) are not.
 */
export function narrativeYearMismatches(year: number, printed: string): { statement: string; named: number }[] {
  const out: { statement: string; named: number }[] = [];
  for (const line of readText(printed).unspaced.split("\n")) {
    const t = line.trim();
    const m = /^(\d{4})年度?[,，]/u.exec(t) ?? /统计(?:期限|期|时限|时间|区间)(?:为|是|：|:)?(?:自|从)?(\d{4})年1月1日/u.exec(t);
    if (!m) continue;
    const named = Number(m[1]);
    if (named !== year && isPlausibleYear(named)) out.push({ statement: m[0], named });
  }
  return out;
}

export interface FigureMismatch {
  /**
   * `figure`: the narrative states a figure the tables contradict (also 「未收到申请」 against a
   * table with applications); `feeWithoutApplications`: it states a fee while the tables have no
   * application at all.
   */
  kind: "figure" | "feeWithoutApplications";
  statement: string;
  stated: number;
  table: number;
  cells: string[];
  what: string;
}

/** The table value as reported, or computed where the total is blank. */
function effective(report: ReportDoc, computed: () => ReportDoc, ref: string): number {
  return getCell(report, ref) ?? getCell(computed(), ref) ?? 0;
}

/**
 * Spaces around figures removed (「申请 99 件」「749\u2009件」, as PDF conversions and portals print
 * them), so that the statements match however the figure was spaced.
 */
export function unspaceFigures(text: string): string {
  return text.replace(/(?<=[\p{Script=Han}])[\s\u00a0\u2009\u202f\u3000]+(?=\d)|(?<=\d)[\s\u00a0\u2009\u202f\u3000]+(?=[\p{Script=Han}])/gu, "");
}

/** What a narrative's text states, read once per text (the editor checks the same text again on every keystroke in a table). */
interface TextReading {
  unspaced: string;
  /** Per FIGURE_STATEMENTS entry: its first statement in the text, with the number stated. */
  statements?: ({ statement: string; stated: number } | null)[];
  none?: string | null;
  fee?: { statement: string; amount: number } | null;
}

/** The last few texts read (a handful of narratives; bounded, whatever their length). */
const readings = new Map<string, TextReading>();
const MAX_READINGS = 16;

function readText(printed: string): TextReading {
  let r = readings.get(printed);
  if (!r) {
    if (readings.size >= MAX_READINGS) readings.delete(readings.keys().next().value!);
    r = { unspaced: unspaceFigures(printed) };
    readings.set(printed, r);
  }
  return r;
}

function readFigures(printed: string): Required<TextReading> {
  const r = readText(printed);
  if (!r.statements) {
    const text = r.unspaced;
    r.statements = FIGURE_STATEMENTS.map((s) => {
      // The first statement of each kind is the one that counts.
      for (const m of text.matchAll(s.pattern)) return { statement: m[0], stated: Number(m[1]!.replace(/[,，]/g, "")) };
      return null;
    });
    r.none = text.match(NO_APPLICATIONS)?.[0] ?? null;
    const fee = text.match(FEE);
    r.fee = fee ? { statement: fee[0], amount: Number(fee[1]) } : null;
  }
  return r as Required<TextReading>;
}

export function narrativeFigureMismatches(report: ReportDoc, printed: string): FigureMismatch[] {
  if (!/\d/.test(printed) && !NO_APPLICATIONS.test(printed)) return [];
  const figures = findEdition(report.edition)?.narrativeFigures ?? {};
  const text = readFigures(printed);
  let derived: ReportDoc | undefined;
  const computed = () => (derived ??= computeDerived(report));
  const total = (cells: readonly string[]) => cells.reduce((sum, ref) => sum + effective(report, computed, ref), 0);
  const out: FigureMismatch[] = [];
  FIGURE_STATEMENTS.forEach((s, k) => {
    const cells = figures[s.figure];
    if (!cells?.every((ref) => ref.split(".")[1]! in (report.tables[ref.split(".")[0] as keyof ReportDoc["tables"]] ?? {}))) return;
    const m = text.statements[k];
    if (!m) return;
    const table = total(cells);
    if (m.stated !== table) out.push({ kind: "figure", statement: m.statement, stated: m.stated, table, cells: [...cells], what: s.what });
  });
  const receivedCells = figures.received ?? [];
  const received = total(receivedCells);
  if (text.none && received > 0) out.push({ kind: "figure", statement: text.none, stated: 0, table: received, cells: [...receivedCells], what: "本年新收政府信息公开申请" });
  const fee = text.fee;
  if (fee && fee.amount > 0 && receivedCells.length) {
    const anyCells = [...receivedCells, ...(figures.carriedOver ?? [])];
    if (total(anyCells) === 0) out.push({ kind: "feeWithoutApplications", statement: fee.statement, stated: fee.amount, table: 0, cells: anyCells, what: "信息处理费（有收费则应有申请）" });
  }
  return out;
}
