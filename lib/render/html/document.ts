// The report as one accessible HTML document, or as an <article> fragment for a page that has its
// own <html>/<head> (the app's public report page). Same content as the .docx: both walk
// `reportContent`.

import type { ReportDoc } from "../../data";
import { REPORT_FORMAT } from "../../data";
import { reportContent, type ContentOptions, type ReportContent } from "../content";
import type { NarrativeBlock } from "../narrative";
import { signoffPlacement } from "../signature";
import { titleParts } from "../title";
import { PAGE_CSS, REPORT_CSS } from "./css";
import { escapeAttr, escapeHtml, safeIdPrefix } from "./escape";
import { tableHtml } from "./tables";

export interface ReportBodyOptions extends ContentOptions {
  /**
   * Prefix of every id in the fragment (default "nb"), so that two reports can share a page
   * without duplicate ids.
   */
  idPrefix?: string;
}

export interface RenderHtmlOptions extends ReportBodyOptions {
  /** true (default): a complete document with <!doctype>, <head> and the CSS; false: `renderReportBody`. */
  standalone?: boolean;
}

function narrativeHtml(block: NarrativeBlock): string {
  if (block.kind === "heading") return `<h3>${escapeHtml(block.text)}</h3>`;
  const lead = block.lead ? `<span class="nb-lead">${escapeHtml(block.lead)}</span>` : "";
  return `<p>${lead}${escapeHtml(block.text)}</p>`;
}

/** Right indents in em: 1em is one body character, as in the .docx (GB/T 9704 §7.3.5.2). */
function signoffHtml(content: ReportContent): string {
  const place = signoffPlacement(content.signature, content.date?.text);
  const em = (n: number) => `${Number(n.toFixed(2))}em`;
  let html = `<p class="nb-signature" style="margin-right:${em(place.nameRight)}">${escapeHtml(content.signature)}</p>`;
  if (content.date && place.dateRight !== undefined) {
    const text = escapeHtml(content.date.text);
    const inner = content.date.iso ? `<time datetime="${content.date.iso}">${text}</time>` : text;
    html += `\n<p class="nb-date" style="margin-right:${em(place.dateRight)}">${inner}</p>`;
  }
  // 附注 (单位负责人、联系人、联系电话): 居左空二字 under the date (GB/T 9704 §7.3.6).
  if (content.note) html += `\n<p class="nb-attached">${escapeHtml(content.note)}</p>`;
  return `<footer class="nb-signoff">\n${html}\n</footer>`;
}

function articleHtml(content: ReportContent, prefix: string): string {
  const titleId = `${prefix}-title`;
  // Each part of the title is kept whole (inline-block): a narrow line breaks between the agency
  // and 「〈年〉年…年度报告」, never inside a word (GB/T 9704 title rule).
  const title = titleParts(content.title).map((p) => `<span class="nb-title-part">${escapeHtml(p)}</span>`).join("");
  const parts: string[] = [`<h1 id="${titleId}">${title}</h1>`];
  for (const p of content.preamble) {
    parts.push(`<p class="nb-preamble"${content.defaultPreamble ? ` data-default="true"` : ""}>${escapeHtml(p)}</p>`);
  }
  for (const s of content.sections) {
    const body = s.kind === "table" ? tableHtml(s.table, prefix) : s.blocks.map(narrativeHtml).join("\n");
    parts.push(
      `<section class="nb-section" data-section="${escapeAttr(s.key)}">\n<h2 id="${prefix}-section-${s.key}">${escapeHtml(s.heading)}</h2>` +
        (body ? `\n${body}` : "") +
        `\n</section>`,
    );
  }
  parts.push(signoffHtml(content));
  // data-* attributes say what the markup is, so an importer can recognise our own output.
  const attrs =
    `class="nb-report" lang="zh-CN" aria-labelledby="${titleId}" data-format="${REPORT_FORMAT}" ` +
    `data-edition="${escapeAttr(content.edition.id)}" data-year="${content.year}"`;
  return `<article ${attrs}>\n${parts.join("\n")}\n</article>`;
}

/** The report as an `<article class="nb-report">` (no <html>/<head>); style it with `REPORT_CSS`. */
export function renderReportBody(report: ReportDoc, opts: ReportBodyOptions = {}): string {
  return articleHtml(reportContent(report, opts), safeIdPrefix(opts.idPrefix ?? "nb"));
}

/**
 * One self-contained HTML document: inline CSS only, no scripts, no external resources, so it can
 * be saved, mailed or archived as a single file and still look the same.
 */
export function renderHtml(report: ReportDoc, opts: RenderHtmlOptions = {}): string {
  if (opts.standalone === false) return renderReportBody(report, opts);
  const content = reportContent(report, opts);
  const article = articleHtml(content, safeIdPrefix(opts.idPrefix ?? "nb"));
  return htmlPage(content.title, `${PAGE_CSS}${REPORT_CSS}`, ["<main>", article, "</main>"].join("\n"));
}

/** A self-contained page: the one shell of the downloadable report and the public page. */
export function htmlPage(title: string, css: string, body: string): string {
  return [
    "<!doctype html>",
    `<html lang="zh-CN">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    "</head>",
    "<body>",
    body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
