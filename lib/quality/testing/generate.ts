// Test documents for the quality check (unit tests, the e2e and the benchmark; not app code):
// statutory reports with agency-specific narratives, printed as .docx, HTML or plain text by the
// app's own renderers, with problems planted on purpose.
import { computeDerived, parseReport, withCell, type ReportDoc } from "../../data";
import example2024 from "../../fixtures/example-2021-shifan-2024.json";
import seed2020Json from "../../fixtures/seed-001-nantong-2020.json";
import { renderDocx, renderHtml } from "../../render";

// JSON imports, not lib/fixtures/load.ts (import.meta.url): Playwright loads e2e files as CommonJS.
function fixture(x: unknown): ReportDoc {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture invalid");
  return r.report;
}
const clean2024 = () => fixture(example2024);
const seed2020 = () => fixture(seed2020Json);

/** A small deterministic PRNG (mulberry32), so generated documents are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "加强 完善 推进 落实 规范 深化 健全 优化 统筹 提升 聚焦 围绕 坚持 强化 拓展 创新 细化 压实 " +
  "政策 解读 公开 平台 栏目 目录 制度 流程 机制 队伍 培训 考核 监督 回应 关切 咨询 依申请 主动 " +
  "数据 服务 窗口 热线 网站 政务 新媒体 专栏 清单 标准 指南 事项 领域 信息 文件 资料 档案 台账 " +
  "年度 季度 月度 全年 累计 同比 环比 及时 准确 全面 有序 扎实 持续 稳步 切实 有效"
).split(" ");

/**
 * A paragraph of about `chars` characters, different for every seed: every clause carries a
 * four-digit figure, so that no 10-character passage (the 内容雷同 shingle) recurs by chance even
 * among thousands of generated reports.
 */
export function prose(rand: () => number, chars: number, subject: string): string {
  const parts: string[] = [`${subject}`];
  let n = subject.length;
  const units = ["项", "次", "个", "条"];
  while (n < chars) {
    const k = 1 + Math.floor(rand() * 2);
    let s = "";
    for (let i = 0; i < k; i++) s += WORDS[Math.floor(rand() * WORDS.length)]!;
    s += `${Math.floor(rand() * 9000) + 1000}${units[Math.floor(rand() * units.length)]}`;
    parts.push(s);
    n += s.length + 1;
  }
  return `${parts.join("，")}。`;
}

export interface Variant {
  agency: string;
  year?: number;
  seed: number;
  /** "2025-01-20". */
  date?: string;
  /** Use the 2019 edition's tables (template drift: a 2019 table in a 2021+ year). */
  edition2019?: boolean;
  /** Cell changes after the totals are computed (a wrong total). */
  cells?: Record<string, number | null>;
  /** Narrative overrides (a copied section). */
  narrative?: Partial<ReportDoc["narrative"]>;
}

/** A consistent report for the variant (totals computed), then its planted changes. */
export function variantReport(v: Variant): ReportDoc {
  const rand = prng(v.seed);
  const base = v.edition2019 ? seed2020() : clean2024();
  const year = v.year ?? 2024;
  let doc: ReportDoc = {
    ...base,
    year,
    agency: { name: v.agency },
    meta: {
      title: `${v.agency}${year}年政府信息公开工作年度报告`,
      preamble: `本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为${year}年1月1日至12月31日。`,
      signature: v.agency,
      date: v.date ?? `${year + 1}-01-20`,
    },
    narrative: {
      overview: prose(rand, 400, `${year}年，${v.agency}`),
      problems: prose(rand, 300, `${v.agency}存在的主要问题是`),
      other: `${v.agency}本年度未收取信息处理费。${prose(rand, 150, "其他事项")}`,
      ...v.narrative,
    },
  };
  // Keep the fixture's leaves, recompute every total (the fixtures may carry printed errors).
  doc = balanced(computeDerived(doc));
  for (const [ref, value] of Object.entries(v.cells ?? {})) doc = withCell(doc, ref, value);
  return doc;
}

/**
 * Table 三's printed 勾稽关系 (一 + 二 = 三(七) + 四) made to hold, column by column, by setting
 * 四「结转下年度」: the 2019 seed carries the errors it was printed with.
 */
function balanced(doc: ReportDoc): ReportDoc {
  const t = doc.tables.applications;
  const cols = Object.keys(t.carriedForward ?? {});
  let out = doc;
  for (const c of cols) {
    const v = (t.received?.[c] ?? 0) + (t.carriedOver?.[c] ?? 0) - (t.handledTotal?.[c] ?? 0);
    out = withCell(out, `applications.carriedForward.${c}`, Math.max(0, v));
    if (v < 0) out = withCell(out, `applications.received.${c}`, (t.received?.[c] ?? 0) - v);
  }
  return computeDerived(out);
}

export type FileKind = "docx" | "html" | "txt";

/** Plain text as a crawler saves a page: one paragraph per line, table cells separated by tabs. */
export function htmlToText(html: string): string {
  const body = html.replace(/^[\s\S]*<body[^>]*>/i, "").replace(/<\/body>[\s\S]*$/i, "");
  return body
    .replace(/<(script|style|caption)[\s\S]*?<\/\1>/gi, "")
    // A crawler's copy keeps the rows with figures, not a table's one-cell group headings.
    .replace(/<tr[^>]*>\s*<t[hd][^>]*>[^<]*<\/t[hd]>\s*<\/tr>/gi, "")
    .replace(/<\/t[dh]>/gi, "\t")
    .replace(/<\/(tr|p|h[1-6]|div|caption|li)>/gi, "\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .split("\n")
    .map((l) => l.replace(/\t+$/, "").trim())
    .filter((l) => l !== "")
    .join("\n");
}

export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
}

/** The report printed as a file of the kind; `dropSection` removes one section (by key) with its heading. */
export async function renderFile(doc: ReportDoc, kind: FileKind, name: string, opts: { dropSection?: string } = {}): Promise<RenderedFile> {
  if (kind === "docx") return { name, bytes: await renderDocx(doc) };
  let html = renderHtml(doc);
  if (opts.dropSection) html = dropSection(html, opts.dropSection);
  const text = kind === "html" ? html : htmlToText(html);
  return { name, bytes: new TextEncoder().encode(text) };
}

/** Removes a section (its heading and content) from the app's HTML page: key "other", "problems" … */
function dropSection(html: string, key: string): string {
  const start = html.indexOf(`<section class="nb-section" data-section="${key}">`);
  if (start < 0) throw new Error(`no section ${key}`);
  const end = html.indexOf("</section>", start) + "</section>".length;
  return html.slice(0, start) + html.slice(end);
}

/** The planted problems of the "Done when", for the demo hierarchy's three agencies (2024). */
export const PLANTED_AGENCIES = { yingji: "示范市应急管理局", shengtai: "示范市生态环境局", jiaotong: "示范市交通运输局" } as const;

/** A wrong total: 表四 行政复议「总计」one more than its parts (a total no other rule reads). */
export const WRONG_TOTAL_CELL = "appeals.review.total";

/**
 * The mixed files of the e2e and the CLI test, with what each must be found to have:
 * - 应急管理局 (.docx): a wrong total (appeals.total);
 * - 生态环境局 (.html): section 六 missing, and section 一 copied from 应急管理局's (published later);
 * - 交通运输局 (.txt): the 2019 tables in a 2024 report, published after 31 January.
 */
export async function plantedFiles(): Promise<{ files: RenderedFile[]; expected: Record<string, string[]> }> {
  const yingji = variantReport({ agency: PLANTED_AGENCIES.yingji, seed: 11, date: "2025-01-15" });
  const wrong = withCell(yingji, WRONG_TOTAL_CELL, (yingji.tables.appeals.review!.total ?? 0) + 1);
  const shengtai = variantReport({ agency: PLANTED_AGENCIES.shengtai, seed: 12, date: "2025-01-28", narrative: { overview: yingji.narrative.overview.replace(PLANTED_AGENCIES.yingji, PLANTED_AGENCIES.shengtai) } });
  const jiaotong = variantReport({ agency: PLANTED_AGENCIES.jiaotong, seed: 13, date: "2025-02-20", edition2019: true });
  return {
    files: [
      await renderFile(wrong, "docx", "应急管理局2024年政府信息公开工作年度报告.docx"),
      await renderFile(shengtai, "html", "生态环境局年报.html", { dropSection: "other" }),
      await renderFile(jiaotong, "txt", "交通运输局.txt"),
    ],
    expected: {
      [PLANTED_AGENCIES.yingji]: ["appeals.total"],
      [PLANTED_AGENCIES.shengtai]: ["structure.sectionMissing", "narrative.peerSimilarity"],
      [PLANTED_AGENCIES.jiaotong]: ["publication.late", "document.editionYear"],
    },
  };
}
