// The report's style sheet, as a string so that a page can inline it (the public report page of
// the app embeds `renderReportBody` plus this CSS). Everything is scoped under `.nb-report`, so the
// host page's own styles are not touched; the print rules follow GB/T 9704 (A4, 37/26/35/28 mm
// margins, 3号 body at a 28.95 pt pitch, 五号 tables, 「— n —」 page numbers outside/inside).
//
// Fonts: the official faces (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体) cannot be assumed on a
// visitor's machine, so every stack continues with the Windows, macOS and open (Noto/Fandol/AR PL)
// equivalents and ends with a generic family (document-format.md §5.4 item 9).

const FANGSONG = `"仿宋_GB2312", "仿宋", FangSong, STFangsong, FandolFang, "AR PL UMing CN", "Noto Serif CJK SC", "Source Han Serif SC", serif`;
const KAITI = `"楷体_GB2312", "楷体", KaiTi, STKaiti, FandolKai, "AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC", serif`;
const HEITI = `"黑体", SimHei, "Heiti SC", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif`;
const TITLE = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "宋体", SimSun, "Songti SC", serif`;
const SONGTI = `"宋体", SimSun, "Songti SC", "Noto Serif CJK SC", serif`;

/** Styles of the `<article class="nb-report">` produced by `renderReportBody`. */
export const REPORT_CSS = `
.nb-report {
  color: #000;
  background: #fff;
  font-family: ${FANGSONG};
  font-size: 1.25rem;
  line-height: 1.8;
  max-width: 48rem;
  margin: 0 auto;
  padding: 2rem 1rem 3rem;
  overflow-wrap: anywhere;
}
.nb-report h1 {
  font-family: ${TITLE};
  font-size: 1.6em;
  font-weight: 700;
  line-height: 1.5;
  text-align: center;
  margin: 0 0 1.2em;
}
.nb-report .nb-title-part { display: inline-block; }
.nb-report h2 {
  font-family: ${HEITI};
  font-size: 1em;
  font-weight: 400;
  text-indent: 2em;
  margin: 0.6em 0 0;
}
.nb-report h3 {
  font-family: ${KAITI};
  font-size: 1em;
  font-weight: 400;
  text-indent: 2em;
  margin: 0;
}
.nb-report p {
  text-indent: 2em;
  text-align: justify;
  margin: 0;
}
.nb-report .nb-lead { font-family: ${KAITI}; }
.nb-report .nb-table-wrap {
  overflow-x: auto;
  margin: 0.4em 0 0.8em;
}
.nb-report .nb-table-wrap:focus-visible { outline: 3px solid #1a56a0; outline-offset: 2px; }
.nb-report table {
  border-collapse: collapse;
  width: 100%;
  table-layout: fixed;
  font-size: 0.8em;
  line-height: 1.4;
  overflow-wrap: normal;
  word-break: normal;
}
.nb-report table[data-table="applications"] { min-width: 40em; }
.nb-report table[data-table="appeals"] { min-width: 45em; }
.nb-report th,
.nb-report td {
  border: 1px solid #000;
  padding: 0.25em 0.35em;
  vertical-align: middle;
}
.nb-report th.nb-head {
  font-family: ${HEITI};
  font-weight: 400;
  text-align: center;
}
.nb-report th.nb-label {
  font-family: ${FANGSONG};
  font-weight: 400;
  text-align: left;
}
.nb-report th.nb-label.nb-group { text-align: center; }
.nb-report td {
  text-align: right;
  font-family: "Times New Roman", ${FANGSONG};
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
}
.nb-report .nb-note { font-family: ${FANGSONG}; }
.nb-report .nb-signoff { margin-top: 1.8em; }
.nb-report .nb-signoff p { text-indent: 0; text-align: right; }
.nb-report .nb-signoff p.nb-attached { text-indent: 2em; text-align: left; }
.nb-report .nb-visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  @page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt ${SONGTI}; margin-right: 1em; } }
  @page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt ${SONGTI}; margin-left: 1em; } }
  .nb-report { font-size: 16pt; line-height: 28.95pt; max-width: none; margin: 0; padding: 0; }
  .nb-report h1 { font-size: 22pt; line-height: 28.95pt; margin: 0 0 28.95pt; }
  .nb-report h2, .nb-report h3 { break-after: avoid; }
  .nb-report .nb-table-wrap { overflow: visible; }
  .nb-report table { font-size: 10.5pt; line-height: 1.3; min-width: 0 !important; }
  .nb-report thead { display: table-header-group; }
  .nb-report tr { break-inside: avoid; }
  .nb-report .nb-signoff { margin-top: 28.95pt; break-inside: avoid; }
}
`;

/** Page-level rules of the standalone document (`renderHtml`). */
export const PAGE_CSS = `
html { background: #fff; }
body { margin: 0; }
`;
