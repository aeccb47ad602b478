// The review workflow as a pure table: which action moves a report from which state to which, and
// who may take it. The server's transition handler and the UI's buttons both read this table; the
// authorization tests enumerate it (action × role × own/other agency × state).
//
//   草稿 ──submit──▶ 待审核 ──approve──▶ 已通过 ──publish──▶ 已发布
//     ▲  ◀─withdraw──┘  │                                      │
//     │                 └──return──▶ 已退回 ──submit──▶ 待审核   │
//     └───────────────────────────── revise (更正) ◀─────────────┘
//
// The supervising office (主管部门) may send a subordinate's submitted, approved or published report
// back to 已退回 with a reason (supervisorReturn). A published report stays public as published
// (its snapshot is immutable) until the agency publishes the corrected revision.
import { canViewAgency, isWithin, type Actor, type Hierarchy } from "../auth/access";
import type { RoleId } from "../auth/roles";
import type { ReportStatusId } from "./status";

export const ACTIONS = ["submit", "withdraw", "return", "approve", "publish", "revise", "supervisorReturn", "backfillPublish"] as const;
export type ActionId = (typeof ACTIONS)[number];

export interface TransitionDef {
  action: ActionId;
  label: string;
  from: readonly ReportStatusId[];
  to: ReportStatusId;
  /** Roles that may take the action on their own agency's report. */
  roles: readonly RoleId[];
  /**
   * Whose reports: `own` (default) — the actor's own agency (admins: any); `subordinate` — an agency
   * strictly below the actor's in the supervision hierarchy.
   */
  scope?: "own" | "subordinate";
  /** A comment is required (the reason). */
  needsComment?: boolean;
  /** What the comment is called in the form, e.g. 「退回意见」. */
  commentLabel?: string;
  /** The comment may point at a section or a cell (shown there in the editor). */
  anchored?: boolean;
}

export const TRANSITIONS: readonly TransitionDef[] = [
  { action: "submit", label: "提交审核", from: ["draft", "returned"], to: "submitted", roles: ["drafter"] },
  { action: "withdraw", label: "撤回", from: ["submitted"], to: "draft", roles: ["drafter"] },
  { action: "return", label: "退回修改", from: ["submitted"], to: "returned", roles: ["reviewer"], needsComment: true, commentLabel: "退回意见", anchored: true },
  { action: "approve", label: "审核通过", from: ["submitted"], to: "approved", roles: ["reviewer"] },
  { action: "publish", label: "发布", from: ["approved"], to: "published", roles: ["reviewer", "admin"] },
  { action: "revise", label: "创建更正版本", from: ["published"], to: "draft", roles: ["drafter"], needsComment: true, commentLabel: "更正理由" },
  // 补录: a past year's report imported from the file the agency published back then is recorded as
  // published without a new review (it was reviewed and published outside nianbao). Only for imported
  // reports whose deadline has passed — the caller checks that (db/workflow.ts) — and audited.
  { action: "backfillPublish", label: "补录为已发布", from: ["draft"], to: "published", roles: ["reviewer"] },
  {
    action: "supervisorReturn",
    label: "退回整改",
    from: ["submitted", "approved", "published"],
    to: "returned",
    roles: ["supervisor"],
    scope: "subordinate",
    needsComment: true,
    commentLabel: "退回理由",
    anchored: true,
  },
];

export function transition(action: ActionId): TransitionDef {
  return TRANSITIONS.find((t) => t.action === action)!;
}

export type Decision = { ok: true; to: ReportStatusId } | { ok: false; status: 403 | 409; reason: string };

/**
 * May `actor` take `action` on a report of `agencyId` in state `status`? Content conditions (no
 * errors, acknowledged warnings, not approving one's own edits) are checked by the caller, which has
 * the report; this decides role, agency and state.
 */
export function decide(actor: Actor, action: ActionId, report: { agencyId: number; status: ReportStatusId }, hierarchy: Hierarchy): Decision {
  const t = transition(action);
  if (!t.roles.includes(actor.role)) return { ok: false, status: 403, reason: `${roleWord(t.roles)}才能${t.label}` };
  if (t.scope === "subordinate") {
    const below = actor.agencyId != null && report.agencyId !== actor.agencyId && isWithin(hierarchy, report.agencyId, actor.agencyId);
    if (!below) return { ok: false, status: 403, reason: "只能处理下级单位的年报" };
  } else {
    const inScope = actor.role === "admin" ? canViewAgency(actor, report.agencyId, hierarchy) : actor.agencyId === report.agencyId;
    if (!inScope) return { ok: false, status: 403, reason: "只能处理本单位的年报" };
  }
  if (!t.from.includes(report.status)) return { ok: false, status: 409, reason: `当前状态下不能${t.label}` };
  return { ok: true, to: t.to };
}

function roleWord(roles: readonly RoleId[]): string {
  const names: Record<RoleId, string> = { drafter: "本单位填报人", reviewer: "本单位审核人", supervisor: "主管部门", admin: "系统管理员" };
  return roles.map((r) => names[r]).join("或");
}

/** The actions `actor` could take now (for the buttons). */
export function availableActions(actor: Actor, report: { agencyId: number; status: ReportStatusId }, hierarchy: Hierarchy): TransitionDef[] {
  return TRANSITIONS.filter((t) => decide(actor, t.action, report, hierarchy).ok);
}
