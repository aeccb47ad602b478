// Rendering a `nianbao/report@1` report for publication: the .docx (GB/T 9704 layout) and the
// accessible HTML page, both from the same content model (content.ts) and the template data.
// Everything here is pure — no file system, no Node-only modules — so it runs in the browser too.

export { renderDocx, DOCX_MIME } from "./docx";
export { renderHtml, renderReportBody, REPORT_CSS, type RenderHtmlOptions, type ReportBodyOptions } from "./html";
export { reportTitle, reportFileName } from "./title";
export { reportContent, tableContent, defaultPreamble, type ContentOptions, type ReportContent, type SectionContent, type TableContent, type ContentCell } from "./content";
export { formatNumber, formatCellValue } from "./values";
export { formatReportDate } from "./dates";
