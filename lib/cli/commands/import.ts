import { notImplemented } from "./not-implemented";

export const importCommand = notImplemented(
  "import",
  "nianbao import <已发布的报告> [-o <输出.json>]",
  "把已发布的年度报告（文本、HTML 或 .docx）转换为 nianbao/report@1 格式",
);
