// The run as an Excel workbook (exceljs, like the roll-up's): one row per agency with its score,
// rank and counts per finding kind (and last year's score where there is one), one sheet with every
// finding and its evidence, and the scoring scheme.
import ExcelJS from "exceljs";
import { FINDING_KINDS, KIND_LABELS, ruleTitle } from "./kinds";
import type { RunResult } from "./batch";
import { describeScheme, type ScoringScheme } from "./score";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FONT = { name: "宋体", size: 11 };
const SEVERITY: Record<string, string> = { error: "错误", warning: "警告", info: "提示" };

export interface RunXlsxOptions {
  title: string;
  scheme: ScoringScheme;
}

export async function renderRunXlsx(result: RunResult, opts: RunXlsxOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const items = [...result.items].sort((a, b) => a.rank - b.rank || a.agency.localeCompare(b.agency, "zh-CN"));
  const ws = wb.addWorksheet("单位得分", { views: [{ state: "frozen", ySplit: 2, xSplit: 2 }] });
  ws.getCell(1, 1).value = opts.title;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 14 };
  const head = ["排名", "单位", "来源", "文件", "发布日期", "格式版本", "得分", "上年得分", "较上年", "问题数", "新增问题", "已整改", "仍存在", ...FINDING_KINDS.map((k) => KIND_LABELS[k])];
  ws.addRow(head).font = { ...FONT, bold: true };
  for (const i of items) {
    const counts = new Map<string, number>();
    for (const f of i.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    const prev = i.previous;
    ws.addRow([
      i.rank,
      i.agency,
      i.source === "nianbao" ? "本系统发布" : "上传文件",
      i.fileName ?? "",
      i.date ?? "",
      i.edition ? `${i.edition} 年版` : "",
      i.score,
      prev?.previousScore ?? null,
      prev?.delta ?? null,
      i.findings.length,
      prev?.new.length ?? null,
      prev?.fixed.length ?? null,
      prev?.persisting.length ?? null,
      ...FINDING_KINDS.map((k) => counts.get(k) ?? 0),
    ]).font = FONT;
  }
  ws.getColumn(2).width = 28;
  ws.getColumn(4).width = 30;
  for (let c = 5; c <= head.length; c++) ws.getColumn(c).width = 12;
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: head.length } };

  const fs = wb.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  fs.addRow(["单位", "类别", "规则编号", "规则", "严重程度", "问题", "位置", "证据"]).font = { ...FONT, bold: true };
  for (const i of items) {
    for (const f of i.findings) {
      const evidence = f.passages?.length ? f.passages.join(" … ") : (f.text ?? (f.reported !== undefined ? `填报 ${f.reported}，应为 ${f.computed}` : ""));
      fs.addRow([i.agency, KIND_LABELS[f.kind], f.rule, ruleTitle(f.rule), SEVERITY[f.severity] ?? f.severity, f.message, f.cell ?? "", evidence.slice(0, 2000)]).font = FONT;
    }
  }
  [28, 14, 26, 30, 10, 80, 34, 60].forEach((w, k) => (fs.getColumn(k + 1).width = w));
  fs.getColumn(6).alignment = { wrapText: true, vertical: "top" };
  fs.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 8 } };

  // 同比: each agency's findings against last year's run (new, fixed, still there).
  const compared = items.filter((i) => i.previous);
  if (compared.length) {
    const ys = wb.addWorksheet("与上年对比", { views: [{ state: "frozen", ySplit: 1 }] });
    ys.addRow(["单位", "上年得分", "本年得分", "较上年", "情况", "规则编号", "规则", "问题", "位置"]).font = { ...FONT, bold: true };
    for (const i of compared) {
      const p = i.previous!;
      const lines: [string, typeof p.new][] = [["新增", p.new], ["已整改", p.fixed], ["仍存在", p.persisting]];
      if (!p.new.length && !p.fixed.length && !p.persisting.length) ys.addRow([i.agency, p.previousScore, i.score, p.delta, "两年均未发现问题"]).font = FONT;
      for (const [what, list] of lines) {
        for (const f of list) ys.addRow([i.agency, p.previousScore, i.score, p.delta, what, f.rule, ruleTitle(f.rule), f.message, f.cell ?? ""]).font = FONT;
      }
    }
    [28, 10, 10, 10, 10, 26, 30, 80, 34].forEach((w, k) => (ys.getColumn(k + 1).width = w));
    ys.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 9 } };
  }

  const ss = wb.addWorksheet("评分办法");
  ss.addRow([opts.scheme.description ?? ""]).font = FONT;
  ss.addRow([`满分 ${opts.scheme.base} 分；警告按 ${opts.scheme.warningFactor} 折算，提示不扣分。`]).font = FONT;
  for (const line of describeScheme(opts.scheme)) ss.addRow([line]).font = FONT;
  ss.getColumn(1).width = 100;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
