// Report states and their Chinese names (the transitions themselves come with the review workflow).
export const REPORT_STATUS_LABELS = {
  draft: "草稿",
  submitted: "待审核",
  returned: "已退回",
  approved: "已通过",
  published: "已发布",
} as const;
export type ReportStatusId = keyof typeof REPORT_STATUS_LABELS;
