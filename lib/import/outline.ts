// The frame around a report's sections: the title at the top, the signature and date at the end,
// and what a web page puts around the report (navigation, "相关词条", "用户登录", share buttons …).
// What is recognised as page furniture is not imported, and is reported as such.

import { foldText } from "./normalize";
import { agencyFromTitle, isTitleLike, parseDateLine, plausibleAgency, yearFromTitle } from "./meta";
import { legacyHeadingNumber, matchStatutoryHeading } from "./sections";
import type { Block, Paragraph, SourceDoc } from "./source";

/** Words that only occur in a portal's page furniture (simplified and traditional, as scraped). */
const FURNITURE_WORDS = [
  "相关词条", "热门词条", "联系我们", "联络我们", "用户登录", "网站地图", "关于我们", "返回顶部", "打印本页", "关闭窗口",
  "【打印】", "【关闭】", "分享到", "扫一扫", "收藏本页", "版权所有", "主办单位", "承办单位", "网站标识码", "ICP备",
  "公网安备", "字号", "浏览次数", "访问量", "点击数", "阅读次数", "上一篇", "下一篇", "相关链接", "相关文章",
  "发布时间", "发布日期", "信息来源", "【字体", "当前位置", "您现在的位置", "索引号", "发布机构", "成文日期", "分享到：",
  "相關詞條", "熱門詞條", "聯繫我們", "聯絡我們", "用戶登錄", "用戶登入", "網站地圖", "關於我們", "返回頂部", "打印本頁",
  "關閉窗口", "分享到", "版權所有", "主辦單位", "承辦單位", "網站標識碼", "瀏覽次數", "訪問量", "點擊數", "閱讀次數",
  "相關鏈接", "相關文章", "發布時間", "發布日期", "信息來源", "當前位置", "您現在的位置",
];

/** A short line made of page furniture words (a sentence that mentions them is not furniture). */
export function isFurnitureLine(text: string): boolean {
  const t = text.trim();
  if ([...t].length > 60) return false;
  const folded = foldText(t);
  return FURNITURE_WORDS.some((w) => t.includes(w) || folded.includes(w));
}

/** A line that could be a link or a label of a web page: short, no sentence punctuation, not a number. */
function isShortNonSentence(text: string): boolean {
  const t = text.trim();
  return [...t].length <= 8 && !/[。；;！!？?，,：:]/u.test(t) && !/^[\d\s.]+$/.test(t) && parseDateLine(t) === undefined;
}

function isHeading(text: string): boolean {
  return matchStatutoryHeading(text) !== undefined || legacyHeadingNumber(text) !== undefined;
}

export interface Outline {
  /** The title paragraph (from the text or, for HTML, the page <title>). */
  title?: Paragraph;
  /** Paragraphs and tables between the title and the end of the report. */
  body: Block[];
  signature?: Paragraph;
  date?: { iso: string; paragraph: Paragraph };
  /** After the date: attachments (tables, 「附件」) and whatever else follows. */
  tail: Block[];
  /** Page furniture found before the title or after the end; not imported. */
  furniture: Paragraph[];
}

/**
 * Splits the blocks into title, body, signature/date and tail.
 * - Title: the first title-like paragraph before any heading (what precedes it is page furniture).
 * - Date: the last paragraph after the last heading that is only a date; the signature is the short
 *   line right before it.
 * - Without a date, trailing furniture is cut off: lines with furniture words, or a run of at least
 *   two short link-like lines (one short line alone — 「无」 under 六 — is content).
 */
export function outline(doc: SourceDoc): Outline {
  const blocks = doc.blocks;
  const furniture: Paragraph[] = [];

  const firstHeading = blocks.findIndex((b) => b.type === "paragraph" && isHeading(b.text));
  const searchEnd = firstHeading >= 0 ? firstHeading : Math.min(blocks.length, 5);
  // A site's column name (「政府信息公开年报」) is title-like too: a later title that names the
  // agency or the year is the report's.
  const candidates: number[] = [];
  for (let i = 0; i < searchEnd; i++) {
    const b = blocks[i]!;
    if (b.type === "paragraph" && isTitleLike(titleText(b.text))) candidates.push(i);
  }
  const named = candidates.find((i) => {
    const t = titleText((blocks[i] as Paragraph).text);
    return agencyFromTitle(t) !== undefined || yearFromTitle(t) !== undefined;
  });
  const chosen = named ?? candidates[0];
  for (let i = chosen ?? searchEnd; i < searchEnd; i++) {
    const b = blocks[i]!;
    if (b.type === "paragraph" && isTitleLike(titleText(b.text))) {
      // A title set on two lines: 「示范市生态环境局」 / 「2024年政府信息公开工作年度报告」.
      const prev = blocks[i - 1];
      const text = titleText(b.text);
      const prevText = prev?.type === "paragraph" ? titleText(prev.text) : "";
      const twoLines =
        prev?.type === "paragraph" && agencyFromTitle(text) === undefined && plausibleAgency(prevText) && looksLikeAgencyName(prevText) && !isFurnitureLine(prev.text);
      const first = twoLines ? i - 1 : i;
      const found: Paragraph = twoLines ? { type: "paragraph", text: `${prevText}${text}`, loc: prev.loc } : text === b.text ? b : { ...b, text };
      // Whatever precedes the title is not part of the report (breadcrumbs, site name, dates of
      // publication …): reported as furniture, never silently dropped.
      for (const f of blocks.slice(0, first)) if (f.type === "paragraph") furniture.push(f);
      const tablesBefore = blocks.slice(0, first).filter((f) => f.type === "table");
      return finish([...tablesBefore, ...blocks.slice(i + 1)], found, furniture);
    }
  }
  // No title in the text: the HTML page <title>, if it is one; leading furniture lines are cut.
  const pageTitle = doc.pageTitle ? cleanPageTitle(doc.pageTitle) : "";
  const title: Paragraph | undefined = isTitleLike(pageTitle) ? { type: "paragraph", text: pageTitle, loc: {} } : undefined;
  let start = 0;
  while (start < blocks.length) {
    const b = blocks[start]!;
    if (b.type === "paragraph" && isFurnitureLine(b.text)) {
      furniture.push(b);
      start++;
    } else break;
  }
  return finish(blocks.slice(start), title, furniture);
}

/** A title as printed with a prefix: 「标题：…」「# …」「正文 …」 → the title itself. */
export function titleText(text: string): string {
  return text.trim().replace(/^(?:#{1,6}\s*|(?:标题|标  题|題目|标题名称|正文)\s*[:：]?\s*)/u, "").trim();
}

/** 「示范市生态环境局」: a name ending as agencies' names end (not 「政务公开」, a site's column). */
export function looksLikeAgencyName(text: string): boolean {
  return /(?:局|委员会|委|办公室|办|政府|院|厅|署|中心|所|站|队|会|部|处|街道|镇|乡|区|县|市|州|盟|旗|公司|集团|馆|台|社|校|学|行|关|室|司)$/u.test(text.trim());
}

/** 「南通市…年度报告_南通市人民政府」 → the part that is the report title. */
function cleanPageTitle(t: string): string {
  const parts = t.split(/\s*(?:_|\||｜|—|--| - )\s*/u).filter((p) => p.trim() !== "");
  return parts.find((p) => isTitleLike(p))?.trim() ?? t.trim();
}

function finish(rest: Block[], title: Paragraph | undefined, furniture: Paragraph[]): Outline {
  let lastHeading = -1;
  rest.forEach((b, i) => {
    if (b.type === "paragraph" && isHeading(b.text)) lastHeading = i;
  });
  let dateAt = -1;
  for (let i = rest.length - 1; i > lastHeading; i--) {
    const b = rest[i]!;
    if (b.type === "paragraph" && parseDateLine(b.text) !== undefined) {
      dateAt = i;
      break;
    }
  }
  if (dateAt >= 0) {
    const dateP = rest[dateAt] as Paragraph;
    const before = rest[dateAt - 1];
    let bodyEnd = dateAt;
    let signature: Paragraph | undefined;
    if (before && dateAt - 1 > lastHeading && before.type === "paragraph" && isSignatureLike(before.text)) {
      signature = before;
      bodyEnd = dateAt - 1;
    }
    const out: Outline = {
      body: rest.slice(0, bodyEnd),
      date: { iso: parseDateLine(dateP.text)!, paragraph: dateP },
      tail: rest.slice(dateAt + 1),
      furniture,
    };
    if (title) out.title = title;
    if (signature) out.signature = signature;
    return out;
  }
  // No date, but the last line is an agency name after some content (「无」 / 「南通市应急管理局」):
  // a signature without a date line, as the app's own renderers print when no date is given.
  const last = rest[rest.length - 1];
  // Only a name that ends as agencies' names do: the last line of a truncated document
  // (「1.属于国家秘」, 「處理決定數量」) is not a signature.
  if (
    last?.type === "paragraph" &&
    rest.length - 1 > lastHeading + 1 &&
    isSignatureLike(last.text) &&
    plausibleAgency(last.text.trim()) &&
    looksLikeAgencyName(foldText(last.text)) &&
    !isFurnitureLine(last.text)
  ) {
    const out: Outline = { body: rest.slice(0, -1), tail: [], furniture, signature: last };
    if (title) out.title = title;
    return out;
  }
  // No date: cut trailing furniture, but keep at least the first block after the last heading.
  let k = rest.length;
  let hasWord = false;
  while (k - 1 > lastHeading + 1) {
    const b = rest[k - 1]!;
    if (b.type !== "paragraph") {
      // 「网站地图 | 联系我们」: a scraped link bar is a text "table" of furniture words.
      if (b.table.grid || !b.table.lines?.every((l) => isFurnitureLine(l.text))) break;
      hasWord = true;
      k--;
      continue;
    }
    if (isFurnitureLine(b.text)) hasWord = true;
    else if (!isShortNonSentence(b.text)) break;
    k--;
  }
  const end = hasWord || rest.length - k >= 2 ? k : rest.length;
  for (const b of rest.slice(end)) {
    if (b.type === "paragraph") furniture.push(b);
    else for (const l of b.table.lines ?? []) furniture.push({ type: "paragraph", text: l.text, loc: l.loc });
  }
  const out: Outline = { body: rest.slice(0, end), tail: [], furniture };
  if (title) out.title = title;
  return out;
}

/** A signature line: a short name, no sentence punctuation, not a heading. */
function isSignatureLike(text: string): boolean {
  const t = text.trim();
  return [...t].length >= 2 && [...t].length <= 40 && !/[。；;！!？?，,：:]/u.test(t) && !isHeading(t);
}
