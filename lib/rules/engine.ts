// The rule engine: one pure function, the same in the browser, on the server, in the CLI and in tests.
//
// Principles (docs/interchange.md, "Cell values"):
// - Every rule compares the values AS REPORTED. A blank derived cell takes its computed value, so a
//   wrong leaf is reported once, where it breaks a sum, not again through every total built from it.
// - Blank (null) is not 0: in sums it counts as 0, but a blank input cell is only a warning, and a
//   total is checked only when it was filled in.
// - Messages are built only for failing checks; the happy path touches numbers only.

import { cellInfo, editionForYear, editionName, findEdition, getEdition, columnPhrase, plainLabel, type Edition, type NarrativeKey } from "../template";
import type { ReportDoc } from "../data";
import { importedMeta } from "./imported";
import { narrativeFigureMismatches, narrativeYearMismatches } from "./narrative-figures";
import type { PeerMatcher } from "./peer-similarity";
import { sectionSimilarity, SIMILARITY_THRESHOLD, withoutTemplateLines } from "./similarity";
import { RULES } from "./catalog";
import { planFor, readValues, type Plan, type Values } from "./plan";
import type { Issue, Severity, ValidationResult } from "./types";

export interface ValidateOptions {
  /** Last year's report of the same agency, for the cross-year checks (carry.*). */
  previous?: ReportDoc;
  /**
   * Last year as an archived legacy (old-style) report, when there is no statutory one: its
   * narrative by statutory section. Only 内容雷同 applies — it has no statutory tables to carry
   * over from. Ignored when `previous` is given (a statutory report wins).
   */
  previousArchive?: { year: number; narrative: Partial<Record<NarrativeKey, string>> };
  /** Other agencies' reports of the same year, for 内容雷同 with peers (the server supplies them). */
  peers?: PeerMatcher;
}

/** Numbers are equal when they agree to 6 decimals: sums of fractional input must not fail on float noise. */
function same(a: number, b: number): boolean {
  return Math.round(a * 1e6) === Math.round(b * 1e6);
}

/** A number for a message: integers as they are, fractions without float noise. */
export function fmt(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Math.round(x * 1e6) / 1e6);
}

function diff(a: number, b: number): string {
  return fmt(Math.abs(a - b));
}

/** Positions of issues that are not about a cell (cells are 0…n−1). */
const POS_DOCUMENT = -2;

export class Collector {
  /** The issues in the order they were added, and each one's sort position. */
  readonly issues: Issue[] = [];
  readonly pos: number[] = [];

  add(
    pos: number,
    rule: keyof typeof RULES,
    cell: string,
    cells: readonly string[],
    message: string,
    nums?: { reported: number; computed: number },
    severity?: Severity,
    extra?: Pick<Issue, "passages" | "peer">,
  ): void {
    const sev = severity ?? RULES[rule].severity;
    // Key order as in the contract's example (rule, severity, cell, cells, reported, computed, message).
    const issue: Issue = nums
      ? { rule, severity: sev, cell, cells: cells.slice(), reported: nums.reported, computed: nums.computed, message, ...extra }
      : { rule, severity: sev, cell, cells: cells.slice(), message, ...extra };
    this.issues.push(issue);
    this.pos.push(pos);
  }

  result(): ValidationResult {
    let issues = this.issues;
    if (issues.length > 1) {
      const order = issues.map((_, i) => i);
      order.sort((a, b) => this.pos[a]! - this.pos[b]! || a - b);
      issues = order.map((i) => this.issues[i]!);
    }
    let errors = 0;
    let warnings = 0;
    for (const i of issues) {
      if (i.severity === "error") errors++;
      else if (i.severity === "warning") warnings++;
    }
    return { ok: errors === 0, errors, warnings, issues };
  }
}

export function documentRules(report: ReportDoc, edition: Edition, out: Collector): void {
  const expected = editionForYear(report.year);
  if (expected !== undefined && expected !== edition.id) {
    out.add(
      POS_DOCUMENT,
      "document.editionYear",
      "edition",
      [],
      `${report.year} 年度报告应使用 ${editionName(getEdition(expected))}，本报告使用 ${editionName(edition)}`,
    );
  }
}

/**
 * 1 for the cells whose value is unknown: blank cells an import did not find in the published file
 * (`meta.imported.unknownCells`), and blank totals computed from one of them. A check involving an
 * unknown cell is not made — the printed totals are not blamed for what the import lost.
 */
export function unknownCells(plan: Plan, v: Values, listed: ReadonlySet<string>): Uint8Array {
  const unk = new Uint8Array(plan.cells.length);
  if (listed.size === 0) return unk;
  for (let i = 0; i < plan.cells.length; i++) if (!v.filled[i] && listed.has(plan.cells[i]!.ref)) unk[i] = 1;
  for (const d of plan.derivations) {
    if (v.filled[d.target]) continue;
    for (let k = 0; k < d.addends.length; k++) if (unk[d.addends[k]!]) unk[d.target] = 1;
  }
  return unk;
}

function anyUnknown(unknown: Uint8Array, cells: ArrayLike<number>): boolean {
  for (let k = 0; k < cells.length; k++) if (unknown[cells[k]!]) return true;
  return false;
}

export function integerCheck(plan: Plan, i: number, v: Values, out: Collector): void {
  if (v.filled[i] && !Number.isInteger(v.values[i]!)) {
    const c = plan.cells[i]!;
    out.add(i, "cell.integer", c.ref, [c.ref], `${c.label}：应为整数，填报 ${String(v.values[i])}`);
  }
}

export function nonNegativeCheck(plan: Plan, i: number, v: Values, out: Collector): void {
  if (v.filled[i] && v.values[i]! < 0) {
    const c = plan.cells[i]!;
    out.add(i, "cell.nonNegative", c.ref, [c.ref], `${c.label}：不能为负数，填报 ${String(v.values[i])}`);
  }
}

export function amountCheck(plan: Plan, i: number, v: Values, out: Collector, asPrinted: ReadonlyMap<string, number>): void {
  if (!v.filled[i]) return;
  // More than 4 decimals of 万元 = finer than 1 元. Tolerance covers the binary representation of
  // decimals such as 59237.2449 (×10⁴ is not exactly an integer in floating point).
  const y = v.values[i]! * 1e4;
  if (Math.abs(y - Math.round(y)) > 1e-9 + Math.abs(y) * 1e-12) {
    const c = plan.cells[i]!;
    // Printed so in the published file the report was imported from (e.g. 6 decimals): kept as printed.
    if (asPrinted.get(c.ref) === v.values[i]) return;
    out.add(i, "amount.precision", c.ref, [c.ref], `${c.label}：金额以${c.unit ?? "万元"}为单位，最多保留 4 位小数（精确到 1 元），填报 ${String(v.values[i])}`);
  }
}

function cellRules(plan: Plan, v: Values, out: Collector, asPrinted: ReadonlyMap<string, number>): void {
  for (const i of plan.integerCells) integerCheck(plan, i, v, out);
  for (const i of plan.nonNegativeCells) nonNegativeCheck(plan, i, v, out);
  for (const i of plan.amountCells) amountCheck(plan, i, v, out, asPrinted);
}

function sumRules(plan: Plan, v: Values, out: Collector, unknown: Uint8Array): void {
  for (const s of plan.sums) sumCheck(plan, s, v, out, unknown);
}

export function sumCheck(plan: Plan, s: Plan["sums"][number], v: Values, out: Collector, unknown: Uint8Array): void {
  const { values, filled, eff } = v;
  {
    if (!filled[s.target]) return; // a blank total is computed, not checked
    if (anyUnknown(unknown, s.addends)) return;
    let sum = 0;
    const a = s.addends;
    for (let k = 0; k < a.length; k++) sum += eff[a[k]!]!;
    const reported = values[s.target]!;
    if (!same(reported, sum)) {
      out.add(
        s.target,
        s.rule as keyof typeof RULES,
        plan.cells[s.target]!.ref,
        s.cells,
        `${s.prefix}${fmt(reported)}${s.middle}${fmt(sum)}（差 ${diff(reported, sum)}）`,
        { reported, computed: sum },
      );
    }
  }
}

function balanceRules(plan: Plan, v: Values, out: Collector, unknown: Uint8Array): void {
  for (const b of plan.balances) balanceCheck(plan, b, v, out, unknown);
}

export function balanceCheck(plan: Plan, b: Plan["balances"][number], v: Values, out: Collector, unknown: Uint8Array): void {
  const { filled, eff } = v;
  {
    if (anyUnknown(unknown, b.left) || anyUnknown(unknown, b.right)) return;
    // When none of the involved cells is filled there is nothing reported to compare: an empty
    // column, or a total column that is computed throughout (its balance then follows from the others).
    let anyFilled = 0;
    let left = 0;
    let right = 0;
    for (let k = 0; k < b.left.length; k++) {
      left += eff[b.left[k]!]!;
      anyFilled |= filled[b.left[k]!]!;
    }
    for (let k = 0; k < b.right.length; k++) {
      right += eff[b.right[k]!]!;
      anyFilled |= filled[b.right[k]!]!;
    }
    if (!anyFilled || same(left, right)) return;
    out.add(
      b.anchor,
      b.rule as keyof typeof RULES,
      plan.cells[b.anchor]!.ref,
      b.cells,
      `${b.prefix}${b.leftLabel}为 ${fmt(left)}，${b.rightLabel}为 ${fmt(right)}（差 ${diff(left, right)}）`,
      { reported: right, computed: left },
    );
  }
}

function atLeastRules(plan: Plan, v: Values, out: Collector, unknown: Uint8Array): void {
  for (const c of plan.atLeasts) atLeastCheck(plan, c, v, out, unknown);
}

export function atLeastCheck(plan: Plan, c: Plan["atLeasts"][number], v: Values, out: Collector, unknown: Uint8Array): void {
  const { filled, eff } = v;
  {
    if (anyUnknown(unknown, c.sum) || anyUnknown(unknown, c.atLeast)) return;
    let anyFilled = 0;
    let sum = 0;
    for (let k = 0; k < c.sum.length; k++) {
      sum += eff[c.sum[k]!]!;
      anyFilled |= filled[c.sum[k]!]!;
    }
    if (!anyFilled) return;
    let bound = 0;
    for (let k = 0; k < c.atLeast.length; k++) bound += eff[c.atLeast[k]!]!;
    if (sum >= bound || same(sum, bound)) return;
    const boundText = c.atLeastLabel ? `${c.atLeastLabel} ${fmt(bound)}` : ` ${fmt(bound)}`;
    out.add(
      c.anchor,
      c.rule as keyof typeof RULES,
      plan.cells[c.anchor]!.ref,
      c.cells,
      `${c.prefix}${c.sumLabel}为 ${fmt(sum)}，小于${boundText}（${c.explanation}）`,
      { reported: sum, computed: bound },
    );
  }
}

/** One warning per table listing its blank input cells: a new, empty report gets three lines, not two hundred. */
function blankRules(plan: Plan, v: Values, out: Collector, unknown: Uint8Array): void {
  for (const t of plan.inputCellsByTable) blankCheck(plan, t, v, out, unknown);
}

export function blankCheck(plan: Plan, { table, cells }: Plan["inputCellsByTable"][number], v: Values, out: Collector, unknown: Uint8Array): void {
  const { filled } = v;
  {
    let count = 0;
    for (let k = 0; k < cells.length; k++) if (!filled[cells[k]!]) count++;
    if (count === 0) return;
    const blank: number[] = [];
    for (let k = 0; k < cells.length; k++) if (!filled[cells[k]!]) blank.push(cells[k]!);
    const first = blank[0]!;
    const refs = blank.map((i) => plan.cells[i]!.ref);
    const detail =
      count === cells.length
        ? `全部 ${count} 个填报单元格均未填写`
        : `${count} 个单元格未填写：${blank
            .slice(0, 3)
            .map((i) => plan.localLabels[i])
            .join("、")}${count > 3 ? " 等" : ""}`;
    const lost = blank.filter((i) => unknown[i]).length;
    const why = lost ? `（其中 ${lost} 个在导入的原文中未找到，按未知处理，相关合计不作核对）` : "";
    out.add(first, "cell.blank", refs[0]!, refs, `${table.name}（${table.title}）：${detail}${why}。空白不等于 0，没有发生的请填 0`);
  }
}

function narrativeRules(plan: Plan, report: ReportDoc, out: Collector): void {
  for (const n of plan.narratives) {
    narrativeTextCheck(n, report, out);
    narrativeFiguresCheck(plan, n, report, out);
  }
}

/** A narrative's checks of its own text (filled in, the required statements, the year it names). */
export function narrativeTextCheck(n: Plan["narratives"][number], report: ReportDoc, out: Collector): void {
  {
    const text = report.narrative?.[n.key] ?? "";
    const path = `narrative.${n.key}`;
    if (text.trim() === "") {
      out.add(n.pos, "narrative.missing", path, [], `「${n.section.heading}」未填写`);
    }
    for (const req of n.required) {
      if (!req.anyOf.some((w) => text.includes(w))) {
        out.add(n.pos, req.rule as keyof typeof RULES, path, [], `「${n.section.heading}」未说明${req.what}（${req.explanation}）`);
      }
    }
    for (const y of narrativeYearMismatches(report.year, text)) {
      out.add(n.pos, "narrative.year", path, [path], `「${n.section.heading}」写明“${y.statement}”，而本报告是 ${report.year} 年度报告：请核对是否沿用了其他年度的文字`, {
        reported: y.named,
        computed: report.year,
      });
    }
  }
}

/** A narrative's figures compared with the tables: the only narrative check that reads table cells. */
export function narrativeFiguresCheck(plan: Plan, n: Plan["narratives"][number], report: ReportDoc, out: Collector): void {
  {
    const text = report.narrative?.[n.key] ?? "";
    const path = `narrative.${n.key}`;
    for (const m of narrativeFigureMismatches(report, text)) {
      const where = m.cells.map((ref) => cellInfo(plan.edition, ref)?.label ?? ref).join(" + ");
      out.add(
        n.pos,
        "narrative.figures",
        path,
        [path, ...m.cells],
        m.kind === "feeWithoutApplications"
          ? `「${n.section.heading}」写明“${m.statement}”，但${cellInfo(plan.edition, m.cells[0]!)?.tableDef.name ?? ""}没有任何申请（${where} 均为 0）`
          : `「${n.section.heading}」写明“${m.statement}”，${where}为 ${fmt(m.table)}（差 ${fmt(Math.abs(m.stated - m.table))}）`,
        { reported: m.stated, computed: m.table },
      );
    }
  }
}

/** `what`: how the other text is named in the message, e.g. 「上年报告同一部分」. */
function similarityRules(plan: Plan, report: ReportDoc, previous: Partial<Record<NarrativeKey, string>>, what: string, out: Collector): void {
  for (const n of plan.narratives) {
    const s = sectionSimilarity(n.section, report.narrative?.[n.key] ?? "", previous[n.key] ?? "");
    if (s.ratio < SIMILARITY_THRESHOLD) continue;
    const pct = Math.round(s.ratio * 100);
    out.add(
      n.pos,
      "narrative.similarity",
      `narrative.${n.key}`,
      [],
      `「${n.section.heading}」与${what}重复 ${pct}%（${s.passages.length} 处重复段落），请结合本年度工作重新撰写，避免内容雷同`,
      { reported: pct, computed: Math.round(SIMILARITY_THRESHOLD * 100) },
    );
  }
}

/** How a peer's report is named in messages and in the editor. */
export function peerReportName(peer: { agency: string; year: number; kind: "report" | "archive" }): string {
  return `${peer.agency} ${peer.year} 年度${peer.kind === "archive" ? "年报（旧式归档）" : "已公开年报"}`;
}

function peerRules(plan: Plan, report: ReportDoc, peers: PeerMatcher, out: Collector): void {
  for (const n of plan.narratives) {
    const labels = (n.section.subBlocks ?? []).map((b) => b.label);
    const text = withoutTemplateLines(report.narrative?.[n.key] ?? "", labels);
    const over = peers.matches(n.key, text).filter((m) => m.ratio >= SIMILARITY_THRESHOLD);
    const best = over[0];
    if (!best) continue;
    const pct = Math.round(best.ratio * 100);
    const more = over.length > 1 ? `；另有 ${over.length - 1} 份同年度报告也超过 ${Math.round(SIMILARITY_THRESHOLD * 100)}%` : "";
    out.add(
      n.pos,
      "narrative.peerSimilarity",
      `narrative.${n.key}`,
      [],
      `「${n.section.heading}」与${peerReportName(best.peer)}的同一部分重复 ${pct}%（${best.passages.length} 处重复段落${more}），请结合本单位实际撰写，避免内容雷同`,
      { reported: pct, computed: Math.round(SIMILARITY_THRESHOLD * 100) },
      undefined,
      {
        passages: best.passages.map((p) => p.text),
        peer: { agency: best.peer.agency, year: best.peer.year, kind: best.peer.kind, ...(best.peer.href ? { href: best.peer.href } : {}) },
      },
    );
  }
}

function sameAgency(a: ReportDoc["agency"], b: ReportDoc["agency"]): boolean {
  // An agency code, where both reports carry one, survives renaming; otherwise compare names
  // ignoring whitespace (scraped names often contain stray spaces).
  if (typeof a.code === "string" && a.code && typeof b.code === "string" && b.code) return a.code === b.code;
  return a.name.replace(/\s+/g, "") === b.name.replace(/\s+/g, "");
}

/** Last year's report as the cross-year checks read it. */
export interface PreviousYear {
  edition: Edition;
  values: Values;
}

/**
 * The start of the cross-year checks: an issue (and null) when last year's report cannot be
 * compared with this one; else last year's edition and values.
 */
export function crossYearStart(report: ReportDoc, previous: ReportDoc, out: Collector): PreviousYear | null {
  if (!sameAgency(report.agency, previous.agency)) {
    out.add(POS_DOCUMENT, "carry.agency", "agency.name", [], `上年报告的机关为「${previous.agency.name}」，与本报告「${report.agency.name}」不同，未作跨年度核对`);
    return null;
  }
  if (previous.year !== report.year - 1) {
    out.add(
      POS_DOCUMENT,
      "carry.year",
      "year",
      [],
      `上年报告为 ${previous.year} 年度，本报告为 ${report.year} 年度，应提供 ${report.year - 1} 年度的报告；未作跨年度核对`,
    );
    return null;
  }
  const prevEdition = findEdition(previous.edition);
  if (!prevEdition) return null;
  return { edition: prevEdition, values: readValues(planFor(prevEdition), previous.tables) };
}

function notComparable(out: Collector, prevEdition: Edition, pos: number, rule: keyof typeof RULES, ref: string, what: string): void {
  out.add(pos, rule, ref, [], `${what}：上年报告为 ${editionName(prevEdition)}，没有可对应的栏目，未作跨年度核对`, undefined, "info");
}

export function carryRowCheck(plan: Plan, c: Plan["carryRows"][number], v: Values, prev: PreviousYear, out: Collector): void {
  const { values, filled } = v;
  const pv = prev.values;
  let missing = -1;
  for (const p of c.pairs) {
    if (!filled[p.cell]) continue;
    const prevCell = cellInfo(prev.edition, p.fromRef);
    if (!prevCell) {
      if (missing < 0) missing = p.cell;
      continue;
    }
    if (!pv.effFilled[prevCell.index]) continue;
    const now = values[p.cell]!;
    const before = pv.eff[prevCell.index]!;
    if (same(now, before)) continue;
    const ref = plan.cells[p.cell]!.ref;
    out.add(p.cell, c.rule as keyof typeof RULES, ref, [ref], `${p.prefix}${c.rowLabel}填报 ${fmt(now)}，上年报告${c.fromRowLabel}为 ${fmt(before)}（差 ${diff(now, before)}）`, {
      reported: now,
      computed: before,
    });
  }
  if (missing >= 0) notComparable(out, prev.edition, missing, c.rule as keyof typeof RULES, plan.cells[missing]!.ref, `${c.table.name}「${c.rowLabel}」`);
}

export function carryStockCheck(plan: Plan, c: Plan["carryStocks"][number], v: Values, prev: PreviousYear, out: Collector): void {
  const { values, filled, eff } = v;
  const pv = prev.values;
  let missing = -1;
  const columnLabel = plainLabel(c.column);
  for (const r of c.rows) {
    if (!filled[r.cell]) continue;
    const prevCell = cellInfo(prev.edition, plan.cells[r.cell]!.ref);
    if (!prevCell) {
      if (missing < 0) missing = r.cell;
      continue;
    }
    if (!pv.effFilled[prevCell.index]) continue;
    const before = pv.eff[prevCell.index]!;
    let expected = before;
    for (let k = 0; k < r.plus.length; k++) expected += eff[r.plus[k]!]!;
    for (let k = 0; k < r.minus.length; k++) expected -= eff[r.minus[k]!]!;
    const now = values[r.cell]!;
    if (same(now, expected)) continue;
    const terms =
      c.plusLabels.map((l, k) => `加${l} ${fmt(eff[r.plus[k]!]!)}`).join(" ") +
      (c.minusLabels.length ? " " : "") +
      c.minusLabels.map((l, k) => `减${l} ${fmt(eff[r.minus[k]!]!)}`).join(" ");
    out.add(
      r.cell,
      c.rule as keyof typeof RULES,
      plan.cells[r.cell]!.ref,
      r.cells,
      `${r.prefix}${fmt(now)}，按上年${columnLabel} ${fmt(before)} ${terms} 应为 ${fmt(expected)}（差 ${diff(now, expected)}）`,
      { reported: now, computed: expected },
    );
  }
  if (missing >= 0) notComparable(out, prev.edition, missing, c.rule as keyof typeof RULES, plan.cells[missing]!.ref, `${c.table.name}${columnPhrase(c.table, c.column)}`);
}

function crossYearRules(plan: Plan, report: ReportDoc, v: Values, previous: ReportDoc, out: Collector): void {
  const prev = crossYearStart(report, previous, out);
  if (!prev) return;
  for (const c of plan.carryRows) carryRowCheck(plan, c, v, prev, out);
  for (const c of plan.carryStocks) carryStockCheck(plan, c, v, prev, out);
}

/**
 * 内容雷同 with last year (its report or its archived narrative) and with peers: rules that read the
 * narrative and the options only, never a table cell.
 */
export function textComparisonRules(plan: Plan, report: ReportDoc, opts: ValidateOptions, out: Collector): void {
  if (opts.previous) {
    similarityRules(plan, report, opts.previous.narrative ?? {}, "上年报告同一部分", out);
  } else if (opts.previousArchive) {
    const a = opts.previousArchive;
    out.add(
      POS_DOCUMENT,
      "carry.archive",
      "year",
      [],
      `上年（${a.year} 年度）只有旧式归档年报，没有法定统计表格：上年结转、现行有效件数等跨年度表格核对不适用，只比较叙述内容是否雷同`,
    );
    similarityRules(plan, report, a.narrative, ` ${a.year} 年度归档年报（旧式）的相应内容`, out);
  }
  if (opts.peers) peerRules(plan, report, opts.peers, out);
}

/**
 * Validates a report against every rule of its edition (and, with `previous`, the cross-year
 * checks). Pure and synchronous; the report is not changed. Issues come in document order.
 */
export function validateReport(report: ReportDoc, opts: ValidateOptions = {}): ValidationResult {
  const edition = findEdition(report.edition);
  if (!edition) throw new RangeError(`validateReport: unknown edition ${String(report.edition)}`);
  const plan = planFor(edition);
  const v = readValues(plan, report.tables);
  const imported = importedMeta(report);
  const unknown = unknownCells(plan, v, imported.unknown);
  const out = new Collector();
  documentRules(report, edition, out);
  cellRules(plan, v, out, imported.asPrinted);
  sumRules(plan, v, out, unknown);
  balanceRules(plan, v, out, unknown);
  atLeastRules(plan, v, out, unknown);
  blankRules(plan, v, out, unknown);
  narrativeRules(plan, report, out);
  if (opts.previous) crossYearRules(plan, report, v, opts.previous, out);
  textComparisonRules(plan, report, opts, out);
  return out.result();
}
