// importReport: a published report (text, HTML, .docx) → `nianbao/report@1`, or, for a legacy
// report, → `nianbao/legacy-report@1`.
//
// Pipeline: read (text/ html/ docx/ → paragraphs and tables) → for HTML, keep the article
// (html/content.ts) → outline (title, signature, date, page furniture) → statutory headings and
// tables → year and agency → legacy or statutory → build and validate the document.
//
// What counts as legacy: report year before 2019 (no statutory format existed — format-legacy.md),
// OR no statutory table found AND fewer than four of the six statutory section headings (a report
// written in the old free style after 2019, seed 000). A 2019+ report with the six headings but
// without tables (五常市民意乡 2021, format-2021.md §8) is a statutory report with blank tables.

import { REPORT_FORMAT, parseReport, type ReportDoc, type ReportMeta, type ReportTables } from "../data";
import { MAX_YEAR, MIN_ANY_YEAR, isPlausibleYear } from "../data/limits";
import type { ImportedMeta } from "../rules/imported";
import { EDITIONS, TABLE_KEYS, editionForYear, editionName, getEdition, type SectionNumber, type TableKey } from "../template";
import { decodeBytes } from "./detect";
import { DocxError, readDocx } from "./docx/read-docx";
import { PdfError, readPdf } from "./pdf/read-pdf";
import { selectContent } from "./html/content";
import { HtmlTooDeepError, MAX_HTML_DEPTH, readHtml } from "./html/read-html";
import {
  LEGACY_FORMAT,
  isLegacyStatisticsTable,
  legacyReportSchema,
  readLegacyStatistics,
  tableAsText,
  type LegacyReport,
  type LegacySection,
  type LegacyStatistics,
} from "./legacy";
import {
  agencyFromPreamble,
  agencyFromTitle,
  mostMentionedYear,
  plausibleAgency,
  statedYear,
  statisticsPeriodYear,
  yearFromTitle,
} from "./meta";
import { excerpt, foldText, normalizeLabel } from "./normalize";
import { Notes, describeLocation, inDocumentOrder } from "./notes";
import { isFurnitureLine, looksLikeAgencyName, outline, type Outline } from "./outline";
import { looksLikeValue } from "./values";
import { findLegacyHeadings, findStatutoryHeadings, type FoundHeading } from "./sections";
import type { Block, Paragraph, SourceDoc, SourceTable } from "./source";
import { classifyTable, continuesTable, detectEdition, readTable, type ClassifiedTable, type PlacedCell } from "./tables";
import { readText } from "./text/read-text";
import { isPageNumberLine, sectionStream } from "./text/stream";
import type { ImportInput, ImportResult } from "./types";

/** First report year of the statutory formats (2019 edition). */
const FIRST_STATUTORY_YEAR = Math.min(...EDITIONS.map((e) => e.appliesTo.fromYear));

function failure(notes: Notes): ImportResult {
  return { ok: false, errors: inDocumentOrder(notes.errors), warnings: inDocumentOrder(notes.warnings) };
}

async function readSource(input: ImportInput, notes: Notes): Promise<SourceDoc | undefined> {
  if (input.kind === "pdf") {
    if (typeof input.data === "string") {
      notes.error("input.unreadable", undefined, "PDF 文件须以二进制数据读取，不能作为文本传入");
      return undefined;
    }
    try {
      return await readPdf(input.data);
    } catch (e) {
      if (e instanceof PdfError) {
        notes.error("input.unreadable", undefined, e.message);
        return undefined;
      }
      throw e;
    }
  }
  if (input.kind === "docx") {
    if (typeof input.data === "string") {
      notes.error("input.unreadable", undefined, ".docx 文件须以二进制数据读取，不能作为文本传入");
      return undefined;
    }
    try {
      return await readDocx(input.data);
    } catch (e) {
      if (e instanceof DocxError) {
        notes.error("input.unreadable", undefined, e.message);
        return undefined;
      }
      throw e;
    }
  }
  let text: string;
  if (typeof input.data === "string") text = input.data;
  else {
    const d = decodeBytes(input.data);
    if (!d.ok) {
      notes.error("input.unreadable", undefined, d.reason);
      return undefined;
    }
    if (d.encoding === "GB18030") notes.warn("input.encoding", undefined, "文件不是 UTF-8 编码，已按 GB18030（GBK）解码");
    text = d.text;
  }
  if (input.kind !== "html") return readText(text);
  try {
    return readHtml(text);
  } catch (e) {
    if (e instanceof HtmlTooDeepError) {
      notes.error("input.unreadable", undefined, `网页的元素嵌套超过 ${MAX_HTML_DEPTH} 层，无法读取：请只保存年报正文部分（或导入 Word 文件）后重试`);
      return undefined;
    }
    throw e;
  }
}

/** One note for a group of blocks that are not part of the report (page furniture). */
function noteFurniture(blocks: readonly Block[], notes: Notes, what: string): void {
  if (blocks.length === 0) return;
  const texts = blocks.map((b) => (b.type === "paragraph" ? b.text : `表格：${b.table.rows.flat().map((c) => c.text).join(" ")}`));
  const shown = texts.slice(0, 5).map((t) => `「${excerpt(t, 20)}」`).join("");
  notes.unrecognize("furniture", blocks[0]!.loc, `${what}未导入（${blocks.length} 处：${shown}${blocks.length > 5 ? "等" : ""}）`, {
    text: texts.join(" "),
  });
}

function paragraphsOf(blocks: readonly Block[]): Paragraph[] {
  return blocks.filter((b): b is Paragraph => b.type === "paragraph");
}

/**
 * Narrative text: paragraphs joined with "\n". Whitespace decision: each paragraph is trimmed
 * (indentation with full-width spaces or NBSP is layout, not text) and empty paragraphs are
 * dropped; whitespace inside a paragraph is kept as printed (for HTML, as a browser shows it:
 * collapsed). Characters are never changed — a traditional-script report stays traditional.
 */
function joinParagraphs(ps: readonly Paragraph[]): string {
  return ps
    .map((p) => p.text.trim())
    .filter((t) => t !== "")
    .join("\n");
}

interface Context {
  input: ImportInput;
  notes: Notes;
  outline: Outline;
  headings: FoundHeading[];
  year: number;
  agency: string;
}

/**
 * Imports a published report. Never throws: an unusable input gives `{ ok: false, errors }`, every
 * note in Chinese and starting with where it is in the source. A statutory result has passed
 * `parseReport`; a legacy result has passed `legacyReportSchema`.
 */
export async function importReport(input: ImportInput): Promise<ImportResult> {
  const notes = new Notes();
  try {
    const doc = await readSource(input, notes);
    if (!doc) return failure(notes);
    return analyse(doc, input, notes);
  } catch (e) {
    // The user reads a Chinese sentence; the engine's (English) exception text is kept apart, in
    // `text`, for whoever investigates the file.
    notes.error("internal", undefined, "导入时发生内部错误，无法读取该文件，请将文件提供给技术支持", { text: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    return failure(notes);
  }
}

function analyse(doc: SourceDoc, input: ImportInput, notes: Notes): ImportResult {
  let blocks = doc.blocks;
  if (doc.kind === "html") {
    const sel = selectContent(blocks);
    blocks = sel.blocks;
    noteFurniture(sel.outside, notes, "网页中报告正文以外的内容（导航、栏目、页脚等）");
  }
  const hasText = blocks.some((b) => (b.type === "paragraph" ? b.text.trim() !== "" : b.table.rows.some((r) => r.some((c) => c.text.trim() !== ""))));
  if (!hasText) {
    notes.error("input.empty", undefined, "文档中没有文字内容");
    return failure(notes);
  }
  // 「- 1 -」「第 2 页」: page numbers a PDF conversion leaves between paragraphs (reported, not text).
  const pageNumbers = blocks.filter((b): b is Paragraph => b.type === "paragraph" && isPageNumberLine(b.text));
  if (pageNumbers.length) {
    noteFurniture(pageNumbers, notes, "页码");
    blocks = blocks.filter((b) => !(b.type === "paragraph" && isPageNumberLine(b.text)));
  }
  const o = outline({ ...doc, blocks });
  noteFurniture(o.furniture, notes, "网页附加内容（导航、链接、登录等）");
  const headings = findStatutoryHeadings(o.body);

  const year = resolveYear(input, o, headings, notes);
  const agency = resolveAgency(input, o, headings, notes);
  if (year === undefined || agency === undefined) return failure(notes);
  const ctx: Context = { input, notes, outline: o, headings, year, agency };

  const tables = findStatutoryTables(ctx);
  if (year < FIRST_STATUTORY_YEAR) {
    return buildLegacy(ctx, `${year} 年度报告早于统一的年度报告格式（2019 年版自 2019 年度起施行），按旧式报告存档`);
  }
  if (input.asArchive) return buildLegacy(ctx, "按要求将该文件存为往年归档（只读保存原文的章节和文字，表格按文字保存）");
  // Only printed headings count here: a section found by its content is no evidence of the statutory format.
  const printedHeadings = headings.filter((h) => !h.inferred).length;
  if (tables.classified.length === 0 && printedHeadings < 4) {
    return buildLegacy(
      ctx,
      `报告中没有法定表格，章节也不是法定的六个部分（只识别到 ${printedHeadings} 个），按旧式（2019 年以前的自由格式）报告存档`,
    );
  }
  return buildStatutory(ctx, tables);
}

// ------------------------------------------------------------------------------- year and agency

function preambleParagraphs(o: Outline, headings: readonly FoundHeading[]): Paragraph[] {
  const first = headings[0]?.index ?? findLegacyHeadings(o.body)[0]?.index ?? Math.min(3, o.body.length);
  return paragraphsOf(o.body.slice(0, first));
}

function resolveYear(input: ImportInput, o: Outline, headings: readonly FoundHeading[], notes: Notes): number | undefined {
  const preamble = preambleParagraphs(o, headings);
  const all = paragraphsOf(o.body);
  const fromDoc =
    (o.title ? yearFromTitle(o.title.text) : undefined) ??
    preamble.map((p) => statedYear(p.text)).find((y) => y !== undefined) ??
    all.map((p) => statisticsPeriodYear(p.text)).find((y) => y !== undefined);
  if (input.yearHint !== undefined) {
    const hint = input.yearHint;
    if (!isPlausibleYear(hint)) {
      notes.error("meta.year.missing", undefined, `指定的年度 ${String(hint)} 无效，应为 ${MIN_ANY_YEAR} 到 ${MAX_YEAR} 之间的整数`);
      return undefined;
    }
    if (fromDoc !== undefined && fromDoc !== hint) {
      notes.warn("meta.year.hintDiffers", o.title?.loc, `报告写明的是 ${fromDoc} 年度，按指定的 ${hint} 年度导入`);
    }
    return hint;
  }
  if (fromDoc !== undefined) return fromDoc;
  const inferred = mostMentionedYear(all.map((p) => p.text));
  if (inferred !== undefined) {
    notes.warn("meta.year.inferred", undefined, `报告的标题和开头没有写明年度，根据正文中最常提到的年份推断为 ${inferred} 年度，请核对`);
    return inferred;
  }
  notes.error("meta.year.missing", undefined, "无法确定报告年度：标题、开头和正文都没有写明，请指定年度（命令行：--year <年度>）");
  return undefined;
}

function resolveAgency(input: ImportInput, o: Outline, headings: readonly FoundHeading[], notes: Notes): string | undefined {
  const preamble = preambleParagraphs(o, headings);
  const fromTitle = o.title ? agencyFromTitle(o.title.text) : undefined;
  const fromPreamble = preamble.map((p) => agencyFromPreamble(p.text)).find((a) => a !== undefined);
  const signature = o.signature?.text.trim();
  const fromSignature = signature && plausibleAgency(signature) && looksLikeAgencyName(foldText(signature)) ? signature : undefined;
  const fromDoc = fromTitle ?? fromPreamble;
  const hint = input.agencyHint?.trim();
  if (input.agencyHint !== undefined) {
    if (!hint) {
      notes.error("meta.agency.missing", undefined, "指定的机关名称为空");
      return undefined;
    }
    const printed = fromDoc ?? fromSignature;
    if (printed !== undefined && printed.replace(/\s+/g, "") !== hint.replace(/\s+/g, "")) {
      notes.warn("meta.agency.hintDiffers", o.title?.loc ?? o.signature?.loc, `报告中的机关名称为「${printed}」，按指定的「${hint}」导入`);
    }
    return hint;
  }
  if (fromDoc !== undefined) return fromDoc;
  if (fromSignature !== undefined) {
    notes.warn("meta.agency.fromSignature", o.signature?.loc, `报告标题和开头没有写明机关名称，取落款「${fromSignature}」作为机关名称，请核对`);
    return fromSignature;
  }
  if (input.agencyMayBeBlank) {
    notes.warn("meta.agency.missing", undefined, "无法确定报告的机关名称：标题、开头和落款都没有写明，机关名称留空导入，使用前请填写（命令行：--agency <机关名称>）");
    return "";
  }
  notes.error(
    "meta.agency.missing",
    undefined,
    "无法确定报告的机关名称：标题、开头和落款都没有写明，请指定机关名称（命令行：--agency <机关名称>）",
  );
  return undefined;
}

/**
 * The documents' schemas require an agency name; an agency left blank (`agencyMayBeBlank`) is
 * validated under this stand-in and written out blank.
 */
const BLANK_AGENCY_STAND_IN = "（机关名称未知）";

// ------------------------------------------------------------------------------- statutory tables

interface StatutoryTables {
  classified: ClassifiedTable[];
  /** Paragraphs read as a table (a table printed without separators). */
  consumed: Set<Paragraph>;
  unclassified: SourceTable[];
}

const TABLE_SECTIONS: Partial<Record<SectionNumber, TableKey>> = { 二: "proactive", 三: "applications", 四: "appeals" };

function regionOf(o: Outline, headings: readonly FoundHeading[], i: number): Block[] {
  const h = headings[i]!;
  const next = headings[i + 1]?.index ?? o.body.length;
  return o.body.slice(h.inferred ? h.index : h.index + 1, next);
}

function findStatutoryTables(ctx: Context): StatutoryTables {
  const { outline: o, headings } = ctx;
  const classified: ClassifiedTable[] = [];
  const unclassified: SourceTable[] = [];
  let previous: TableKey | undefined;
  for (const b of [...o.body, ...o.tail]) {
    if (b.type !== "table") continue;
    const continued = previous && !isLegacyStatisticsTable(b.table) && continuesTable(b.table, previous) ? previous : undefined;
    const key = classifyTable(b.table)?.key ?? continued;
    if (key) classified.push({ table: b.table, key });
    else unclassified.push(b.table);
    previous = key;
  }
  // A section that must hold a table and holds no grid table: everything printed in it — text
  // tables, bare value rows, label lines, rows typed as 「行政许可 0」 — is read as one stream of
  // cells (text/stream.ts), in place of the pieces classified one by one.
  const consumed = new Set<Paragraph>();
  headings.forEach((h, i) => {
    const key = TABLE_SECTIONS[h.number];
    if (!key) return;
    const region = regionOf(o, headings, i);
    if (region.some((b) => b.type === "table" && b.table.grid)) return;
    const inRegion = region.filter((b): b is Extract<Block, { type: "table" }> => b.type === "table").map((b) => b.table);
    // A table of another statutory table in this section (a heading lost): keep the pieces.
    if (classified.some((c) => c.key !== key && inRegion.includes(c.table))) return;
    const elsewhere = classified.some((c) => c.key === key && !inRegion.includes(c.table));
    if (elsewhere) return;
    const ps = paragraphsOf(region);
    const streamed = sectionStream(region, key, inRegion[0]?.index ?? 0);
    if (!streamed) return;
    const stream = streamed.table;
    const kind = classifyTable(stream)?.key;
    // Unlabelled numbers under the section's heading (「表三」 and 175 numbers): the section says
    // which table they are; the table reader places them only if they are exactly that table.
    const values = stream.rows.flat().filter((c) => looksLikeValue(c.text)).length;
    if (kind !== key && !(kind === undefined && (values >= 5 || (values >= 1 && continuesTable(stream, key))))) return;
    for (let k = classified.length - 1; k >= 0; k--) if (inRegion.includes(classified[k]!.table)) classified.splice(k, 1);
    for (let k = unclassified.length - 1; k >= 0; k--) if (inRegion.includes(unclassified[k]!)) unclassified.splice(k, 1);
    classified.push({ table: stream, key });
    for (const p of ps) if (streamed.used.has(p)) consumed.add(p);
  });
  return { classified, consumed, unclassified };
}

function buildStatutory(ctx: Context, found: StatutoryTables): ImportResult {
  const { outline: o, headings, notes, year } = ctx;
  const det = detectEdition(found.classified, year);
  const edition = getEdition(det.edition);
  const expected = editionForYear(year);
  if (expected !== undefined && expected !== det.edition) {
    notes.warn(
      "edition.differsFromYear",
      found.classified[0]?.table.loc,
      `报告的表格使用 ${editionName(edition)}，而 ${year} 年度应使用 ${editionName(getEdition(expected))}；已按表格实际使用的 ${det.edition} 年版导入，校验时会提示格式版本`,
    );
  }

  const tables = {} as ReportTables;
  const tablesFound: TableKey[] = [];
  const unknownCells: string[] = [];
  const blankWhy: Record<string, string> = {};
  const placed: PlacedCell[] = [];
  const amountsAsPrinted: Record<string, string> = {};
  for (const key of TABLE_KEYS) {
    const sources = found.classified.filter((c) => c.key === key).map((c) => c.table);
    const r = readTable(edition, key, sources, notes);
    tables[key] = r.data;
    unknownCells.push(...r.unknown);
    Object.assign(blankWhy, r.unknownWhy);
    placed.push(...r.placed);
    Object.assign(amountsAsPrinted, r.amountsAsPrinted);
    if (r.found) tablesFound.push(key);
    else {
      const t = edition.tables[key];
      notes.warn("table.missing", undefined, `未找到${t.name}（${t.title}），该表各单元格留空`, { table: key });
    }
  }

  // Narratives and what else the sections hold.
  const narrative = { overview: "", problems: "", other: "" };
  const sectionsFound = headings.map((h) => h.number);
  for (const s of edition.sections) {
    if (!sectionsFound.includes(s.number)) notes.warn("section.missing", undefined, `未找到「${s.heading}」部分的标题`);
  }
  for (const h of headings) {
    if (h.inferred) {
      notes.warn("section.inferred", h.paragraph.loc, `未找到「${h.heading}」的标题；从「${excerpt(h.inferred.by, 20)}」起按内容识别为该部分，请核对`);
    }
  }
  headings.forEach((h, i) => {
    const section = edition.sections.find((s) => s.number === h.number);
    const region = section?.narrativeKey ? asText(regionOf(o, headings, i), found) : regionOf(o, headings, i);
    // The next section's heading lost after a table section (「五、存在的主要问题…」 after 表四): the
    // text after the section's last table line is that narrative section's text.
    const next = edition.sections[edition.sections.findIndex((s) => s.number === h.number) + 1];
    const lostNext = section?.tableKey && next?.narrativeKey && !sectionsFound.includes(next.number) ? next : undefined;
    const lastTableAt = region.findLastIndex((b) => b.type === "table" || found.consumed.has(b));
    const carried: Paragraph[] = [];
    region.forEach((b, at) => {
      if (b.type === "table") {
        if (found.unclassified.includes(b.table)) noteUnclassifiedTable(b.table, notes);
        return;
      }
      if (section?.narrativeKey || found.consumed.has(b)) return;
      if (lostNext && lastTableAt >= 0 && at > lastTableAt) {
        carried.push(b);
        return;
      }
      notes.unrecognize("section.textOutsideTable", b.loc, `「${h.heading}」部分中表格以外的文字「${excerpt(b.text)}」未导入`, { text: b.text });
    });
    if (lostNext?.narrativeKey && carried.length > 0) {
      narrative[lostNext.narrativeKey] = joinParagraphs(carried);
      notes.warn("section.inferred", carried[0]!.loc, `未找到「${lostNext.heading}」的标题；${section?.tableKey ? edition.tables[section.tableKey].name : "表格"}之后的文字按位置识别为该部分，请核对`);
    }
    if (section?.narrativeKey) narrative[section.narrativeKey] = joinParagraphs(paragraphsOf(region));
  });

  const firstHeading = headings[0]?.index ?? o.body.length;
  const preambleBlocks = withoutFurniture(asText(o.body.slice(0, firstHeading), found), notes);
  for (const b of preambleBlocks) if (b.type === "table" && found.unclassified.includes(b.table)) noteUnclassifiedTable(b.table, notes);
  for (const b of o.tail) {
    if (b.type === "table") {
      if (found.unclassified.includes(b.table)) noteUnclassifiedTable(b.table, notes);
    } else if (!isAttachmentMarker(b.text)) noteAfterDate(b, notes);
  }

  const meta: ReportMeta = {};
  if (o.title) meta.title = o.title.text.trim();
  const preamble = joinParagraphs(paragraphsOf(preambleBlocks));
  if (preamble) meta.preamble = preamble;
  if (o.signature) meta.signature = o.signature.text.trim();
  if (o.date) meta.date = o.date.iso;
  // What the print did not give (unknown, not 0) and amounts printed finer than 1 元: the rules
  // read these (lib/rules, issue 15 §7 §8). Editing a cell makes it known again.
  const imported: ImportedMeta = {};
  if (unknownCells.length) imported.unknownCells = unknownCells;
  if (Object.keys(amountsAsPrinted).length) imported.amountsAsPrinted = amountsAsPrinted;
  if (Object.keys(imported).length) meta.imported = imported;

  const raw: ReportDoc = {
    format: REPORT_FORMAT,
    edition: det.edition,
    year,
    agency: { name: ctx.agency || BLANK_AGENCY_STAND_IN },
    narrative,
    tables,
  };
  if (Object.keys(meta).length > 0) raw.meta = meta;
  const parsed = parseReport(raw);
  if (!parsed.ok) {
    for (const e of parsed.errors) notes.error("internal", undefined, `导入结果不是有效的 nianbao/report@1 报告：${e.message}`);
    return failure(notes);
  }
  return {
    ok: true,
    type: "report",
    report: ctx.agency === "" ? { ...parsed.report, agency: { ...parsed.report.agency, name: "" } } : parsed.report,
    edition: det.edition,
    findings: { tables: tablesFound, sections: sectionsFound, editionBasis: det.basis },
    evidence: {
      cells: placed.map((p) => ({ ...p, where: describeLocation(p.at), sourceWhere: describeLocation(p.sourceAt) })),
      unknown: unknownCells.map((cell) => ({ cell, why: blankWhy[cell] ?? "原文未给出" })),
    },
    warnings: inDocumentOrder(notes.warnings),
    unrecognized: inDocumentOrder(notes.unrecognized),
  };
}

function noteUnclassifiedTable(t: SourceTable, notes: Notes): void {
  const first = t.rows.flat().find((c) => c.text.trim() !== "");
  const what = isLegacyStatisticsTable(t) ? "旧式《政府信息公开情况统计表》" : "不是年度报告格式中的表格";
  notes.unrecognize("table.unrecognized", t.loc, `表格${first ? `（首格「${excerpt(first.text, 20)}」）` : ""}${what}，未导入`, {
    text: first?.text ?? "",
  });
}

/**
 * Text regions (preamble, narratives): a text "table" that is no statutory table — a sentence with
 * a 「|」 in it — is text again, its lines as printed.
 */
function asText(blocks: readonly Block[], found: StatutoryTables | undefined): Block[] {
  return blocks.flatMap((b): Block[] => {
    if (b.type !== "table" || !b.table.lines || (found && !found.unclassified.includes(b.table)) || isLegacyStatisticsTable(b.table)) return [b];
    return b.table.lines.map((l) => ({ type: "paragraph", text: l.text, loc: l.loc }));
  });
}

/** The opening blocks without page metadata lines (「发布日期：… 来源：… 浏览次数：…」), which are reported. */
function withoutFurniture(blocks: readonly Block[], notes: Notes): Block[] {
  const furniture = blocks.filter((b): b is Paragraph => b.type === "paragraph" && isFurnitureLine(b.text));
  noteFurniture(furniture, notes, "网页附加内容（发布信息等）");
  return blocks.filter((b) => !furniture.includes(b as Paragraph));
}

function noteAfterDate(p: Paragraph, notes: Notes): void {
  const what = isFurnitureLine(p.text) ? "网页附加内容" : "落款日期之后的文字";
  notes.unrecognize("furniture", p.loc, `${what}「${excerpt(p.text)}」未导入`, { text: p.text });
}

/** 「附件」「附件：政府信息公开情况统计表」: announces the attached table. */
function isAttachmentMarker(text: string): boolean {
  return /^附件\d*(?::|$)/u.test(normalizeLabel(text));
}

// ------------------------------------------------------------------------------- legacy

function buildLegacy(ctx: Context, reason: string): ImportResult {
  const { outline: o, notes } = ctx;
  const lh = findLegacyHeadings(o.body);
  if (lh.length === 0 && !o.title) {
    notes.error(
      "structure.none",
      undefined,
      "未识别到年度报告的结构：既没有法定的六个部分和表格，也没有「一、」「二、」…编号的章节标题或「…年度报告」标题",
    );
    return failure(notes);
  }
  let statistics: LegacyStatistics | undefined;
  const textOf = (blocks: readonly Block[]): string => {
    const parts: string[] = [];
    for (const b of asText(blocks, undefined)) {
      if (b.type === "paragraph") {
        if (b.text.trim()) parts.push(b.text.trim());
        continue;
      }
      if (isLegacyStatisticsTable(b.table) && !statistics) {
        statistics = readLegacyStatistics(b.table, notes);
        continue;
      }
      notes.warn("legacy.table", b.loc, "章节中的表格按文字保存（各单元格以「 | 」分隔）");
      parts.push(tableAsText(b.table));
    }
    return parts.join("\n");
  };
  const firstHeading = lh[0]?.index ?? o.body.length;
  const preamble = textOf(withoutFurniture(o.body.slice(0, firstHeading), notes));
  const sections: LegacySection[] = lh.map((h, i) => {
    const next = lh[i + 1]?.index ?? o.body.length;
    return { heading: h.paragraph.text.trim(), text: textOf(o.body.slice(h.index + 1, next)) };
  });
  for (const b of o.tail) {
    if (b.type === "table") {
      if (isLegacyStatisticsTable(b.table) && !statistics) statistics = readLegacyStatistics(b.table, notes);
      else noteUnclassifiedTable(b.table, notes);
    } else if (!isAttachmentMarker(b.text)) noteAfterDate(b, notes);
  }
  const legacy: LegacyReport = { format: LEGACY_FORMAT, year: ctx.year, agency: { name: ctx.agency }, sections };
  if (o.title) legacy.title = o.title.text.trim();
  if (preamble) legacy.preamble = preamble;
  if (o.signature) legacy.signature = o.signature.text.trim();
  if (o.date) legacy.date = o.date.iso;
  if (statistics) legacy.statistics = statistics;
  const checked = legacyReportSchema.safeParse(ctx.agency === "" ? { ...legacy, agency: { name: BLANK_AGENCY_STAND_IN } } : legacy);
  if (!checked.success) {
    notes.error("internal", undefined, `导入结果不是有效的 ${LEGACY_FORMAT} 文档：${checked.error.issues.map((i) => i.path.join(".")).join("、")}`);
    return failure(notes);
  }
  return {
    ok: true,
    type: "legacy",
    legacy,
    legacyReason: reason,
    warnings: inDocumentOrder(notes.warnings),
    unrecognized: inDocumentOrder(notes.unrecognized),
  };
}
