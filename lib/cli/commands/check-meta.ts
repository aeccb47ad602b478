// What `nianbao --help` prints about `nianbao check` (kept apart from the command, like meta.ts).
export const CHECK_USAGE = "nianbao check <年报文件或 .zip>... --year <年度> [--agencies <单位名单.txt>] [--scheme <评分办法.json>] [--date <文件名>=<发布日期>] [--previous <上年检查结果.json>] [--json]";
export const CHECK_SUMMARY =
  "年报质量检查：逐份检查已发布的年度报告（.html、.docx、.pdf、.txt，或其压缩包 .zip）的发布时间、格式版本、章节结构、数据勾稽、空白单元格、无法读取的内容和相互之间的内容雷同，按评分办法打分排名；--previous 给出上一年度的检查结果（JSON）时逐单位比较得分和问题（新增、已整改、仍存在）；--json 输出与网页「检查结果（JSON）」相同的结果。";
