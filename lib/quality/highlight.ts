// A report's HTML (lib/render's report body) with its findings marked in place: the table cells a
// finding names get a red frame (class qc-hit, plus a hidden text for screen readers), repeated
// passages (内容雷同) a <mark>, and sections with a narrative finding a bar. Works on the renderer's
// own output, whose cells carry data-cell and whose sections data-section.
import { escapeHtml } from "../render/html/escape";
import type { Finding } from "./types";

const HIDDEN = '<span class="visually-hidden">（此处有问题）</span>';
const MAX_MARKS = 200;

export function highlightFindings(html: string, findings: readonly Finding[]): string {
  const cells = new Set<string>();
  const sections = new Set<string>();
  const passages: string[] = [];
  for (const f of findings) {
    for (const c of [f.cell, ...(f.cells ?? [])]) {
      if (!c) continue;
      if (/^(proactive|applications|appeals)\./.test(c)) cells.add(c);
      else if (c.startsWith("narrative.")) sections.add(c.slice("narrative.".length));
    }
    for (const p of f.passages ?? []) if (p.length >= 10) passages.push(p);
  }
  let out = html.replace(/<td class="([^"]*)"([^>]*) data-cell="([^"]*)">([^<]*)<\/td>/g, (all, cls: string, rest: string, cell: string, text: string) =>
    cells.has(cell) ? `<td class="${cls} qc-hit"${rest} data-cell="${cell}">${text}${HIDDEN}</td>` : all,
  );
  out = out.replace(/<section class="nb-section" data-section="([^"]*)">/g, (all, key: string) => (sections.has(key) ? `<section class="nb-section qc-hit" data-section="${key}">` : all));
  let marks = 0;
  for (const p of passages) {
    if (marks >= MAX_MARKS) break;
    const needle = escapeHtml(p);
    const at = out.indexOf(needle);
    if (at < 0) continue;
    out = `${out.slice(0, at)}<mark>${needle}</mark>${out.slice(at + needle.length)}`;
    marks++;
  }
  return out;
}
