// The review workflow as a pure state machine: which action moves a report from which state to
// which, and what it asks for (a reason, an anchor). WHO may take each step is in the one permission
// table (./permissions.ts: `decide`, `availableActions`); the server's transition handler, the UI's
// buttons and the authorization tests read both.
//
//   草稿 ──submit──▶ 待审核 ──approve──▶ 已通过 ──publish──▶ 已发布
//     ▲  ◀─withdraw──┘  │                                      │
//     │                 └──return──▶ 已退回 ──submit──▶ 待审核   │
//     └───────────────────────────── revise (更正) ◀─────────────┘
//
// The supervising office (主管部门) may send a subordinate's submitted, approved or published report
// back to 已退回 with a reason (supervisorReturn). A published report stays public as published
// (its snapshot is immutable) until the agency publishes the corrected revision.
import type { ActionId } from "./actions";
import type { ReportStatusId } from "./status";

export { ACTIONS, type ActionId } from "./actions";

export interface TransitionDef {
  action: ActionId;
  label: string;
  from: readonly ReportStatusId[];
  to: ReportStatusId;
  /** A comment is required (the reason). */
  needsComment?: boolean;
  /** What the comment is called in the form, e.g. 「退回意见」. */
  commentLabel?: string;
  /** The comment may point at a section or a cell (shown there in the editor). */
  anchored?: boolean;
}

export const TRANSITIONS: readonly TransitionDef[] = [
  { action: "submit", label: "提交审核", from: ["draft", "returned"], to: "submitted" },
  { action: "withdraw", label: "撤回", from: ["submitted"], to: "draft" },
  { action: "return", label: "退回修改", from: ["submitted"], to: "returned", needsComment: true, commentLabel: "退回意见", anchored: true },
  { action: "approve", label: "审核通过", from: ["submitted"], to: "approved" },
  { action: "publish", label: "发布", from: ["approved"], to: "published" },
  { action: "revise", label: "创建更正版本", from: ["published"], to: "draft", needsComment: true, commentLabel: "更正理由" },
  // 补录: a past year's report imported from the file the agency published back then is recorded as
  // published without a new review (it was reviewed and published outside nianbao). Only for imported
  // reports whose deadline has passed — the caller checks that (db/workflow.ts) — and audited.
  { action: "backfillPublish", label: "补录为已发布", from: ["draft"], to: "published" },
  {
    action: "supervisorReturn",
    label: "退回整改",
    from: ["submitted", "approved", "published"],
    to: "returned",
    needsComment: true,
    commentLabel: "退回理由",
    anchored: true,
  },
];

export function transition(action: ActionId): TransitionDef {
  return TRANSITIONS.find((t) => t.action === action)!;
}
