// Who may do what to a report: ONE table, role × relation to the report's agency × report state.
// The data layer (db/reports.ts, db/workflow.ts), the page loaders (db/views/), the navigation and
// the authorization tests (db/workflow-authorization.test.ts, e2e/authorization-matrix.e2e.ts) all
// read it; nothing else states a rule of who may.
//
// Relation of the actor to the report's agency (relationTo):
//   own        — the actor belongs to the report's agency;
//   supervised — the report's agency lies strictly below the actor's in the supervision hierarchy;
//   other      — neither (an admin, who belongs to no agency, is always "other": admin rules say ANY).
//
// States: a capability holds in the states it lists (all states when it lists none). The workflow
// steps (submit, approve …) hold in the states the state machine moves them from
// (lib/workflow/transitions.ts): the state machine says *what* a step does, this table says *who*.
import type { Actor } from "../auth/access";
import { isWithin, type Hierarchy } from "../auth/hierarchy";
import { ROLE_IDS, type RoleId } from "../auth/roles";
import type { ReportStatusId } from "./status";
import { ACTIONS, transition, TRANSITIONS, type ActionId } from "./transitions";

export const RELATIONS = ["own", "supervised", "other"] as const;
export type Relation = (typeof RELATIONS)[number];
const ANY: readonly Relation[] = RELATIONS;

/** Capabilities that are not workflow steps: on a report, on an agency (draft) and areas of the app (oversee, administer). */
export const REPORT_CAPABILITIES = [
  "view",
  "edit",
  "draft",
  "resolveComment",
  "confirmWarning",
  "seeAudit",
  "downloadRawAudit",
  "recordPortalUrl",
  "oversee",
  "administer",
] as const;
export type Capability = (typeof REPORT_CAPABILITIES)[number] | ActionId;
export const CAPABILITIES: readonly Capability[] = [...REPORT_CAPABILITIES, ...ACTIONS];

export interface Permission {
  /** What it is, in Chinese. */
  label: string;
  /** Which roles, in which relation to the report's agency. A role not listed may not. */
  who: Partial<Record<RoleId, readonly Relation[]>>;
  /** In which report states (none listed: every state). Workflow steps: the state machine's `from`. */
  states?: readonly ReportStatusId[];
}

const STEP_WHO: Record<ActionId, Permission["who"]> = {
  submit: { drafter: ["own"] },
  withdraw: { drafter: ["own"] },
  return: { reviewer: ["own"] },
  approve: { reviewer: ["own"] },
  publish: { reviewer: ["own"], admin: ANY },
  revise: { drafter: ["own"] },
  // 补录: only for an imported past year's report whose deadline has passed (db/workflow.ts checks that).
  backfillPublish: { reviewer: ["own"] },
  // The supervising office sends a subordinate's report back — never its own agency's.
  supervisorReturn: { supervisor: ["supervised"] },
};

export const PERMISSIONS: Readonly<Record<Capability, Permission>> = {
  view: { label: "查看年报", who: { drafter: ["own"], reviewer: ["own"], supervisor: ["own", "supervised"], admin: ANY } },
  edit: { label: "修改年报内容", who: { drafter: ["own"] }, states: ["draft", "returned"] },
  // Creating (新建, 导入) a report or an archive for the agency: no report exists yet, so no state.
  draft: { label: "新建或导入年报", who: { drafter: ["own"] } },
  resolveComment: { label: "处理审核意见", who: { drafter: ["own"], reviewer: ["own"] } },
  confirmWarning: { label: "确认警告", who: { reviewer: ["own"] }, states: ["submitted"] },
  seeAudit: { label: "查看操作记录", who: { reviewer: ["own"], supervisor: ["own", "supervised"], admin: ANY } },
  downloadRawAudit: { label: "下载原始操作记录", who: { admin: ANY } },
  // Only once the report has been published (a publication snapshot exists): db/reports.ts checks that.
  recordPortalUrl: { label: "回填发布地址", who: { drafter: ["own"], reviewer: ["own"], admin: ANY } },
  // Areas of the app (navigation and their pages): the role alone decides.
  oversee: { label: "查看下级单位进度和统计汇总", who: { supervisor: ANY, admin: ANY } },
  administer: { label: "系统管理", who: { admin: ANY } },
  ...(Object.fromEntries(ACTIONS.map((a) => [a, { label: transition(a).label, who: STEP_WHO[a], states: transition(a).from }])) as Record<ActionId, Permission>),
};

export interface PermissionContext {
  role: RoleId;
  relation: Relation;
  /** The report's state; omitted: "in some state" (is this the right person at all?). */
  status?: ReportStatusId;
}

export type Check = { ok: true } | { ok: false; why: "role" | "relation" | "state" };

/** Why `can` says no: the role, the relation to the agency, or the report's state. */
export function check(capability: Capability, ctx: PermissionContext): Check {
  const p = PERMISSIONS[capability];
  const relations = p.who[ctx.role];
  if (!relations) return { ok: false, why: "role" };
  if (!relations.includes(ctx.relation)) return { ok: false, why: "relation" };
  if (ctx.status !== undefined && p.states && !p.states.includes(ctx.status)) return { ok: false, why: "state" };
  return { ok: true };
}

/** May a user of `role`, in `relation` to the report's agency, do `capability` on a report in `status`? */
export function can(capability: Capability, ctx: PermissionContext): boolean {
  return check(capability, ctx).ok;
}

/** The roles that may ever do `capability` (in the table's order). */
export function rolesFor(capability: Capability): RoleId[] {
  return ROLE_IDS.filter((r) => PERMISSIONS[capability].who[r] !== undefined);
}

/** The actor's relation to an agency in the supervision hierarchy. */
export function relationTo(actor: Pick<Actor, "agencyId">, agencyId: number, hierarchy: Hierarchy): Relation {
  if (actor.agencyId == null) return "other";
  if (actor.agencyId === agencyId) return "own";
  return isWithin(hierarchy, agencyId, actor.agencyId) ? "supervised" : "other";
}

/** `can` for an actor and a report (or an agency, with no status) of the hierarchy. */
export function may(capability: Capability, actor: Actor, report: { agencyId: number; status?: ReportStatusId }, hierarchy: Hierarchy): boolean {
  return can(capability, { role: actor.role, relation: relationTo(actor, report.agencyId, hierarchy), status: report.status });
}

/** May `role` ever do `capability` (for some agency, in some state)? Areas of the app, menus, forms. */
export function roleMay(capability: Capability, role: RoleId): boolean {
  return PERMISSIONS[capability].who[role] !== undefined;
}

/** The role sees its own agency's reports only (drafters, reviewers): its lists are 「本单位年报」. */
export function seesOwnAgencyOnly(role: RoleId): boolean {
  const rel = PERMISSIONS.view.who[role];
  return rel !== undefined && rel.length === 1 && rel[0] === "own";
}

// ── Workflow steps ───────────────────────────────────────────────────────────────────────────

export type Decision = { ok: true; to: ReportStatusId } | { ok: false; status: 403 | 409; reason: string };

/**
 * May `actor` take `action` on a report of `agencyId` in state `status`? Content conditions (no
 * errors, acknowledged warnings, not approving one's own edits) are checked by the caller, which has
 * the report; this decides role, agency and state — from the table.
 */
export function decide(actor: Actor, action: ActionId, report: { agencyId: number; status: ReportStatusId }, hierarchy: Hierarchy): Decision {
  const t = transition(action);
  const c = check(action, { role: actor.role, relation: relationTo(actor, report.agencyId, hierarchy), status: report.status });
  if (c.ok) return { ok: true, to: t.to };
  switch (c.why) {
    case "role":
      return { ok: false, status: 403, reason: `${stepRoleWord(action)}才能${t.label}` };
    case "relation":
      return { ok: false, status: 403, reason: onlySupervised(action) ? "只能处理下级单位的年报" : "只能处理本单位的年报" };
    case "state":
      return { ok: false, status: 409, reason: `当前状态下不能${t.label}` };
  }
}

/** A step only the office above the agency may take (退回整改). */
export function onlySupervised(action: ActionId): boolean {
  return Object.values(PERMISSIONS[action].who).every((rel) => rel.length === 1 && rel[0] === "supervised");
}

function stepRoleWord(action: ActionId): string {
  const names: Record<RoleId, string> = { drafter: "本单位填报人", reviewer: "本单位审核人", supervisor: "主管部门", admin: "系统管理员" };
  return rolesFor(action)
    .map((r) => names[r])
    .join("或");
}

/** The steps `actor` could take now (for the buttons). */
export function availableActions(actor: Actor, report: { agencyId: number; status: ReportStatusId }, hierarchy: Hierarchy) {
  return TRANSITIONS.filter((t) => decide(actor, t.action, report, hierarchy).ok);
}
