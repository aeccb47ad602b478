// The 通报 draft (issue 18 §4): the office's circular on the quality of its subordinates' reports,
// as content (title, paragraphs, per-agency problem lists) and as a .docx in the official layout
// of the report renderer (GB/T 9704 page, fonts, headings, page numbers: lib/render/docx).
import { Document, Packer, Paragraph, TextRun } from "docx";
import { runFormat, fontTableXml } from "../render/docx/fonts";
import { pageNumberFooters } from "../render/docx/footers";
import { FOOTER_DISTANCE, HEADER_DISTANCE, LINE_PITCH, MARGIN, PAGE } from "../render/docx/geometry";
import { BODY_PARAGRAPH, HEADING1_PARAGRAPH, HEADING2_PARAGRAPH, TITLE_PARAGRAPH, documentStyles, signoffParagraph } from "../render/docx/styles";
import { formatReportDate } from "../render/dates";
import { FINDING_KINDS, KIND_LABELS } from "./kinds";
import type { RunResult } from "./batch";
import { deadlineIso } from "./check";

export interface NoticeOptions {
  officeName: string;
  /** The date line, ISO. */
  date: string;
}

export interface NoticeAgency {
  heading: string;
  problems: string[];
}

export interface NoticeContent {
  title: string;
  opening: string[];
  overview: string[];
  agencies: NoticeAgency[];
  requirements: string[];
  signature: string;
  date: string;
}

const CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 一, 二 … 十, 十一 … 九十九 for the 0-based index `i`. */
export function cnIndex(i: number): string {
  const n = i + 1;
  if (n <= 10) return n === 10 ? "十" : CN_NUM[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : CN_NUM[tens - 1]!}十${ones ? CN_NUM[ones - 1]! : ""}`;
}

/** The 通报's text: agencies in rank order, each with its problems as the findings say them. */
export function noticeContent(result: RunResult, opts: NoticeOptions): NoticeContent {
  const items = [...result.items].sort((a, b) => a.rank - b.rank || a.agency.localeCompare(b.agency, "zh-CN"));
  const n = items.length;
  const avg = n ? Math.round((items.reduce((s, i) => s + i.score, 0) / n) * 10) / 10 : 0;
  const late = items.filter((i) => i.findings.some((f) => f.rule === "publication.late")).length;
  const clean = items.filter((i) => i.findings.length === 0).length;
  const counts = new Map<string, number>();
  for (const i of items) for (const k of new Set(i.findings.map((f) => f.kind))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const common = FINDING_KINDS.filter((k) => counts.get(k)).sort((a, b) => counts.get(b)! - counts.get(a)!);
  const deadline = formatReportDate(deadlineIso(result.year)).text;
  const overview = [
    `本次共检查 ${n} 个单位的${result.year}年政府信息公开工作年度报告，平均得分 ${avg} 分；${clean} 个单位未发现问题，${late} 个单位未在${deadline}前发布。`,
  ];
  if (common.length) overview.push(`问题较多的方面依次为：${common.slice(0, 5).map((k) => `${KIND_LABELS[k]}（${counts.get(k)} 个单位）`).join("、")}。`);
  const ranking = items.map((i) => `${i.agency} ${i.score} 分`).join("，");
  if (n) overview.push(`各单位得分（由高到低）：${ranking}。`);
  const agencies = items
    .filter((i) => i.findings.length)
    .map((i, k) => ({
      heading: `（${cnIndex(k)}）${i.agency}（得分 ${i.score} 分）`,
      problems: i.findings.map((f, j) => `${j + 1}. ${f.message}`),
    }));
  return {
    title: `关于${result.year}年政府信息公开工作年度报告质量检查情况的通报`,
    opening: [
      `各有关单位：`,
      `根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》，${opts.officeName}对所属单位${result.year}年政府信息公开工作年度报告进行了检查，重点检查发布时间、格式版本、章节结构、数据勾稽、跨年度衔接和内容雷同等情况。现将有关情况通报如下。`,
    ],
    overview,
    agencies,
    requirements: [
      "请存在问题的单位对照本通报逐项核实整改，按规定更正已发布的年度报告，并于通报印发之日起 15 个工作日内将整改情况报送" + opts.officeName + "。",
      "各单位要严格按照法定格式编制年度报告，认真核对表格数据的勾稽关系和与上年报告的衔接，结合本单位实际撰写，避免内容雷同，并在每年1月31日前向社会公布。",
    ],
    signature: opts.officeName,
    date: formatReportDate(opts.date).text,
  };
}

function para(text: string, role: "body" | "heading1" | "heading2" = "body"): Paragraph {
  const format = role === "heading1" ? HEADING1_PARAGRAPH : role === "heading2" ? HEADING2_PARAGRAPH : BODY_PARAGRAPH;
  return new Paragraph({ ...format, children: [new TextRun({ ...runFormat(role), text })] });
}

/** The 通报 as a .docx in the report renderer's official layout. */
export async function renderNoticeDocx(content: NoticeContent): Promise<Uint8Array> {
  const children: Paragraph[] = [new Paragraph({ ...TITLE_PARAGRAPH, children: [new TextRun({ ...runFormat("title"), text: content.title })] })];
  children.push(new Paragraph({ ...BODY_PARAGRAPH, indent: { firstLine: 0 }, children: [new TextRun({ ...runFormat("body"), text: content.opening[0]! })] }));
  for (const t of content.opening.slice(1)) children.push(para(t));
  children.push(para("一、总体情况", "heading1"));
  for (const t of content.overview) children.push(para(t));
  children.push(para("二、各单位存在的问题", "heading1"));
  if (!content.agencies.length) children.push(para("本次检查未发现问题。"));
  for (const a of content.agencies) {
    children.push(para(a.heading, "heading2"));
    for (const p of a.problems) children.push(para(p));
  }
  children.push(para("三、有关要求", "heading1"));
  content.requirements.forEach((t, i) => children.push(para(`（${cnIndex(i)}）${t}`)));
  children.push(new Paragraph({ ...signoffParagraph(4, true), children: [new TextRun({ ...runFormat("body"), text: content.signature })] }));
  children.push(new Paragraph({ ...signoffParagraph(4, false), children: [new TextRun({ ...runFormat("body"), text: content.date })] }));
  const doc = new Document({
    title: content.title,
    creator: content.signature,
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(),
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGIN, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 } },
          grid: { linePitch: LINE_PITCH },
        },
        footers: pageNumberFooters(),
        children,
      },
    ],
  });
  return Packer.pack(doc, "uint8array", false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
}

/** The 通报 as plain text (tests, the CLI). */
export function noticeText(content: NoticeContent): string {
  const lines = [content.title, ...content.opening, "一、总体情况", ...content.overview, "二、各单位存在的问题"];
  for (const a of content.agencies) lines.push(a.heading, ...a.problems);
  lines.push("三、有关要求", ...content.requirements, content.signature, content.date);
  return lines.join("\n");
}
