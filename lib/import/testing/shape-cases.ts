// The shapes of issue 15 as test cases: a report, written in a shape, imported, measured.
import type { ReportDoc } from "../../data";
import type { ImportInput, ImportResult } from "../types";
import {
  appealsAsThree,
  appealsOneRow,
  bareNumbers,
  cellPerLine,
  labelThenValueRow,
  measureCells,
  reportAsText,
  runTogether,
  spacedRows,
  type CellScore,
  type ShapeOptions,
  type TableWriter,
} from "./shapes";

export interface Shape {
  name: string;
  writer: TableWriter;
  opts?: ShapeOptions;
  /** Hints given to the import (none: the document must name its agency and year). */
  hints?: boolean;
  /**
   * Narratives this shape cannot bring back in an edition's fixture, and why: a section whose
   * heading was lost and whose text has nothing to recognise it by (seed 2020's 六 is just 「无」)
   * stays in the section before it.
   */
  knownLoss?: { edition: string; narrative: "overview" | "problems" | "other"; why: string }[];
}

export const SHAPES: Shape[] = [
  { name: "label-lines+value-row", writer: labelThenValueRow },
  { name: "spaced-rows (行政许可 0)", writer: spacedRows },
  { name: "cell-per-line", writer: cellPerLine },
  { name: "run-together", writer: runTogether },
  { name: "appeals-as-three", writer: appealsAsThree },
  { name: "bare-175-numbers", writer: bareNumbers },
  { name: "page-chrome", writer: labelThenValueRow, opts: { chrome: true } },
  { name: "七、其他需要报告的事项", writer: spacedRows, opts: { otherHeading: "七、其他需要报告的事项" } },
  { name: "表四 one row of 15 numbers", writer: appealsOneRow },
  { name: "headings 二三四五 lost", writer: spacedRows, opts: { dropHeadings: ["二", "三", "四", "五"] } },
  {
    name: "headings 一、六 lost",
    writer: labelThenValueRow,
    opts: { dropHeadings: ["一", "六"] },
    knownLoss: [{ edition: "2019", narrative: "other", why: "六 is only 「无」: nothing marks where it starts, so it stays at the end of 五" }],
  },
];

/** Blank cells printed as 0 by shapes that cannot print a blank: the truth has them as 0 too. */
export function zeroFilled(r: ReportDoc): ReportDoc {
  const tables = JSON.parse(JSON.stringify(r.tables)) as Record<string, Record<string, Record<string, number | null>>>;
  for (const t of Object.values(tables)) for (const row of Object.values(t)) for (const k of Object.keys(row)) row[k] ??= 0;
  return { ...r, tables: tables as unknown as ReportDoc["tables"] };
}

export async function measureShape(
  shape: Shape,
  report: ReportDoc,
  run: (input: ImportInput) => Promise<ImportResult>,
): Promise<{ score: CellScore; result: ImportResult; text: string; error?: string }> {
  const truth = zeroFilled(report);
  const text = reportAsText(truth, shape.writer, shape.opts);
  const result = await run({ kind: "text", data: text, ...(shape.hints === false ? {} : { agencyHint: report.agency.name, yearHint: report.year }) });
  if (!result.ok) return { score: measureCells(truth, undefined), result, text, error: result.errors.map((e) => e.message).join("；") };
  if (result.type !== "report") return { score: measureCells(truth, undefined), result, text, error: `legacy: ${result.legacyReason}` };
  return { score: measureCells(truth, result.report), result, text };
}
