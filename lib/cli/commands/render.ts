import { notImplemented } from "./not-implemented";

export const renderCommand = notImplemented(
  "render",
  "nianbao render <报告.json> --format docx|html -o <输出文件>",
  "生成可发布的 Word 或网页版年度报告",
);
