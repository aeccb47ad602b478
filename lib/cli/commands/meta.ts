// What `nianbao --help` prints about each subcommand: names, usage lines and summaries only. Kept
// apart from the commands themselves so that the help, and the choice of a command, load none of
// the heavy modules (rules, renderers, importer): main.ts imports a command's module only when it runs.

export const VALIDATE_USAGE = "nianbao validate <报告.json> [--previous <上年报告.json>] [--json]";
export const VALIDATE_SUMMARY =
  "按年度报告格式校验报告：勾稽关系、合计、填写情况；给出上年报告时核对跨年度衔接（上年报告也可以是 nianbao import 生成的旧式年报归档，此时只检查内容雷同）。";

export const RENDER_USAGE = "nianbao render <报告.json> --format docx|html [-o <输出文件>]";
export const RENDER_SUMMARY = "生成可发布的年度报告：符合 GB/T 9704 版式的 Word 文档（.docx），或可访问的网页（.html）。";

export const IMPORT_USAGE = "nianbao import <已发布的报告> [-o <输出.json>] [--agency <机关名称>] [--year <年度>] [--kind text|html|docx|pdf]";
export const IMPORT_SUMMARY =
  "把已发布的年度报告（文本、HTML、.docx 或 PDF）转换为 nianbao/report@1 格式（2019 年以前的旧式报告转换为 nianbao/legacy-report@1 存档格式）";

export const DB_USAGE = "nianbao db copy --to postgres://… [--from <SQLite 数据库文件>]";
export const DB_SUMMARY =
  "把 SQLite 部署（默认 DATABASE_PATH 或 data/nianbao.db）整体复制到一个空的 PostgreSQL 数据库：每张表、审计记录与快照（含内容哈希），序列接续；提交前逐表核对行数与 SHA-256。";
