// HTML rendering of a `nianbao/report@1` report (pure: returns strings).
export { renderHtml, renderReportBody, type RenderHtmlOptions, type ReportBodyOptions } from "./document";
export { REPORT_CSS, PAGE_CSS } from "./css";
export { escapeHtml } from "./escape";
