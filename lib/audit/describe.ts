// The audit trail in words an office reads: 「发布」「退回修改」「保存：表三「…」行「自然人」列 40 → 46」.
// Every stored action gets a Chinese event name; a save lists its changed cells by their template
// labels (lib/template via cellPathLabel) and its changed texts by their section headings; a
// workflow step shows its comment; account and agency entries name what changed. Nothing here shows
// raw JSON: an entry whose stored data cannot be read is named, not dumped.
//
// Pure: no database, no React. The caller supplies the names it has looked up (the report's agency
// and year, the user or agency an entry is about).

import { ROLE_LABELS, type RoleId } from "../auth/roles";
import { cellPathLabel } from "../rules/completeness";
import { cellInfo, findEdition, type CellRef, type Edition } from "../template";
import { ACTIONS, transition, type ActionId } from "../workflow/transitions";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "../workflow/status";
import { coalesceAudit, summarizeSave, type AuditRowLike, type SaveSummary } from "./summary";

/** Event names of the actions that are not workflow transitions (those take the transition table's label). */
const EVENT_NAMES: Record<string, string> = {
  "report.save": "保存",
  "report.create": "新建年报",
  "report.import": "导入年报",
  "comment.resolve": "标记意见已处理",
  "warning.confirm": "确认提示",
  "archive.import": "导入往年归档",
  "archive.replace": "替换往年归档",
  "auth.signin": "登录",
  "auth.signout": "退出登录",
  "auth.signout_all": "退出所有设备",
  "auth.failure": "登录失败",
  "user.create": "新建用户",
  "user.update": "修改用户信息",
  "user.enable": "启用用户",
  "user.disable": "停用用户",
  "user.password_reset": "重置密码",
  "user.password_change": "修改密码",
  "agency.create": "新建单位",
  "agency.enable": "启用单位",
  "agency.disable": "停用单位",
  "onboarding.import": "批量导入单位和用户",
  "system.seed": "创建演示数据",
  "system.initial_admin": "创建初始管理员",
};

/** The Chinese name of an audit action; an action this module does not know is named as such. */
export function eventName(action: string): string {
  const known = EVENT_NAMES[action];
  if (known) return known;
  if (action.startsWith("report.")) {
    const a = action.slice("report.".length);
    if ((ACTIONS as readonly string[]).includes(a)) return transition(a as ActionId).label;
  }
  return "其他操作";
}

/** Every action with a name, for the event filter: [action, name], in a stable order. */
export function knownEvents(): [string, string][] {
  const out: [string, string][] = [["report.save", EVENT_NAMES["report.save"]!], ["report.create", EVENT_NAMES["report.create"]!], ["report.import", EVENT_NAMES["report.import"]!]];
  for (const a of ACTIONS) out.push([`report.${a}`, transition(a).label]);
  for (const [k, v] of Object.entries(EVENT_NAMES)) if (!out.some(([a]) => a === k)) out.push([k, v]);
  return out;
}

const META_LABELS: Record<string, string> = { title: "标题", preamble: "引言", signature: "落款单位", date: "成文日期" };

/** 「一、总体情况」 for `narrative.overview`, 「引言」 for `meta.preamble`; the path itself when unknown. */
export function textPathLabel(edition: Edition | undefined, path: string): string {
  const [head, key] = path.split(".");
  if (head === "meta" && key && META_LABELS[key]) return META_LABELS[key];
  if (head === "narrative" && edition) {
    const s = edition.sections.find((x) => x.narrativeKey === key);
    if (s) return s.heading;
  }
  return "其他文字";
}

const showValue = (v: number | null) => (v === null ? "空白" : String(v));

/** The cells and texts a save (or a run of saves) changed, one line each, by their labels. */
export function describeSaveSummary(edition: Edition | undefined, s: SaveSummary): string[] {
  const lines: string[] = [];
  // Typed cells first; the totals that followed them after, marked as computed.
  for (const c of [...typedCells(edition, s), ...s.cells.filter((x) => isDerived(edition, x.ref))]) {
    lines.push(`${edition ? cellPathLabel(edition, c.ref) : "单元格"} ${showValue(c.before)} → ${showValue(c.after)}${isDerived(edition, c.ref) ? "（自动计算）" : ""}`);
  }
  for (const t of s.texts) {
    const parts = [t.inserted ? `增加 ${t.inserted} 字` : "", t.removed ? `删除 ${t.removed} 字` : ""].filter(Boolean).join("，");
    lines.push(`${textPathLabel(edition, t.path)}：${parts || "修改"}${t.sample ? `（写入：${t.sample}）` : ""}`);
  }
  if (s.other) lines.push(`其他修改 ${s.other} 处`);
  return lines;
}

const isDerived = (edition: Edition | undefined, ref: string) => (edition ? cellInfo(edition, ref as CellRef)?.derived === true : false);
/** The cells a person changed (not the totals computed from them). */
const typedCells = (edition: Edition | undefined, s: SaveSummary) => s.cells.filter((c) => !isDerived(edition, c.ref));

/** The headline of a save: one change in full (its computed totals aside), several counted. */
function saveHeadline(edition: Edition | undefined, s: SaveSummary): string {
  const typed = typedCells(edition, s);
  if (typed.length + s.texts.length === 1 && !s.other) return `保存：${describeSaveSummary(edition, s)[0]!.replace(/（写入：.*）$/, "")}`;
  const parts = [typed.length ? `${typed.length} 个单元格` : s.cells.length ? `${s.cells.length} 个合计` : "", s.texts.length ? s.texts.map((t) => textPathLabel(edition, t.path)).join("、") : "", s.other ? `其他 ${s.other} 处` : ""].filter(Boolean);
  return parts.length ? `保存：${parts.join("；")}` : "保存（无内容变化）";
}

/** What a row is about, looked up by the caller. */
export interface AuditSubject {
  /** 「示范市应急管理局 2024 年度报告」, 「用户 张三（zhangsan）」, 「单位 示范市应急管理局」 */
  label?: string;
  /** The report's edition, for cell and section labels. */
  edition?: string;
}

export interface AuditRowInput extends AuditRowLike {
  actorName: string | null;
  entityType: string;
}

export interface AuditDescription {
  /** The Chinese event name: 「发布」「保存」「重置密码」. */
  event: string;
  /** One line saying what happened: 「保存：表三「…」行「自然人」列 40 → 46」. */
  headline: string;
  /** Further lines: every changed cell by its label, the comment, what a field changed from and to. */
  details: string[];
}

function readJson(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const statusLabel = (v: unknown) => REPORT_STATUS_LABELS[v as ReportStatusId] ?? "";
const roleLabel = (v: unknown) => ROLE_LABELS[v as RoleId] ?? str(v);
const MAX_DETAIL = 200;
const clip = (s: string) => (s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL)}…` : s);

/** Field names of account and agency entries, in Chinese. */
const FIELD_LABELS: Record<string, string> = { displayName: "姓名", role: "角色", agencyId: "所属单位", agencyName: "所属单位", login: "用户名", name: "单位名称", code: "单位代码", parentId: "上级单位", active: "状态" };

function fieldValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "无";
  if (key === "role") return roleLabel(v);
  if (key === "active") return v ? "启用" : "停用";
  return clip(str(v) || JSON.stringify(v));
}

/** Lines 「角色：填报人 → 审核人」 for the fields that differ between before and after. */
function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const lines: string[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (!FIELD_LABELS[k] || (k === "agencyId" && keys.has("agencyName"))) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (before && JSON.stringify(b) === JSON.stringify(a)) continue;
    lines.push(before ? `${FIELD_LABELS[k]}：${fieldValue(k, b)} → ${fieldValue(k, a)}` : `${FIELD_LABELS[k]}：${fieldValue(k, a)}`);
  }
  return lines;
}

/** One audit row in words. The subject (report, user, agency) is shown beside it, not in its headline. */
export function describeAudit(row: AuditRowInput, subject: AuditSubject = {}): AuditDescription {
  const edition = subject.edition ? findEdition(subject.edition) : undefined;
  const event = eventName(row.action);
  const before = readJson(row.before);
  const after = readJson(row.after);
  if (row.action === "report.save") {
    const s = summarizeSave(row.before, row.after);
    if (!s) return { event, headline: "保存", details: [] };
    return { event, headline: saveHeadline(edition, s), details: describeSaveSummary(edition, s) };
  }
  const a = row.action.startsWith("report.") ? row.action.slice("report.".length) : "";
  if ((ACTIONS as readonly string[]).includes(a)) {
    const details: string[] = [];
    const from = statusLabel(before?.status);
    const to = statusLabel(after?.status);
    if (from && to) details.push(`状态：${from} → ${to}`);
    if (typeof after?.version === "number") details.push(`第 ${after.version} 版`);
    const comment = str(after?.comment);
    if (comment) details.push(`${transition(a as ActionId).commentLabel ?? "意见"}：${clip(comment)}`);
    return { event, headline: event, details };
  }
  switch (row.action) {
    case "report.create": {
      const from = after?.rolledForwardFrom;
      return { event, headline: event, details: typeof from === "number" ? [`沿用 ${from} 年度年报的结构和文字`] : [] };
    }
    case "warning.confirm": {
      const cell = str(after?.cell);
      const details = [cell && edition ? `位置：${cell.startsWith("narrative.") || cell.startsWith("meta.") ? textPathLabel(edition, cell) : cellPathLabel(edition, cell)}` : "", str(after?.reason) ? `理由：${clip(str(after?.reason))}` : ""].filter(Boolean);
      return { event, headline: event, details };
    }
    case "auth.failure":
      return { event, headline: event, details: typeof after?.failures === "number" ? [`连续失败 ${after.failures} 次`] : [] };
    case "auth.signout_all":
      return { event, headline: event, details: typeof after?.sessions === "number" ? [`结束 ${after.sessions} 个登录`] : [] };
    case "onboarding.import":
      return { event, headline: event, details: [typeof after?.agencies === "number" ? `新建单位 ${after.agencies} 个` : "", typeof after?.users === "number" ? `新建用户 ${after.users} 个` : "", str(after?.file) ? `文件：${clip(str(after?.file))}` : ""].filter(Boolean) };
    case "user.create":
    case "user.update":
    case "user.enable":
    case "user.disable":
    case "agency.create":
    case "agency.enable":
    case "agency.disable":
      return { event, headline: event, details: fieldChanges(row.action.endsWith(".create") ? null : before, after) };
    default:
      return { event, headline: event, details: [] };
  }
}

export type DescribedEntry<R extends AuditRowInput> = AuditDescription & {
  /** The rows this entry stands for (a run of autosaves is one entry), newest first. */
  rows: R[];
  first: R;
  last: R;
};

/**
 * Rows (newest first) as the trail shows them: one user's consecutive autosaves of a report become
 * one 「保存」 entry listing the net change of the run. `coalesce: false` when the rows are a filtered
 * selection (by event or person): saves adjacent there may have had a submit or a return between
 * them, and must not be merged across it.
 */
export function describeTrail<R extends AuditRowInput>(rows: readonly R[], subjectOf: (row: R) => AuditSubject, opts: { coalesce?: boolean } = {}): DescribedEntry<R>[] {
  if (opts.coalesce === false) return rows.map((r) => ({ ...describeAudit(r, subjectOf(r)), rows: [r], first: r, last: r }));
  // Only runs on the same report may be coalesced: group by entity before coalescing would reorder,
  // so coalesce per contiguous stretch of one entity.
  const out: DescribedEntry<R>[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i + 1;
    const key = (r: R) => `${r.entityType}:${(r as { entityId?: number | null }).entityId ?? ""}`;
    while (j < rows.length && key(rows[j]!) === key(rows[i]!)) j++;
    for (const d of coalesceAudit(rows.slice(i, j))) {
      if (d.kind === "entry") out.push({ ...describeAudit(d.row, subjectOf(d.row)), rows: [d.row], first: d.row, last: d.row });
      else {
        const subject = subjectOf(d.last);
        const edition = subject.edition ? findEdition(subject.edition) : undefined;
        const details = describeSaveSummary(edition, d.summary);
        const headline = saveHeadline(edition, d.summary);
        out.push({ event: "保存", headline, details: d.rows.length > 1 ? [`连续自动保存 ${d.rows.length} 次`, ...details] : details, rows: d.rows, first: d.first, last: d.last });
      }
    }
    i = j;
  }
  return out;
}

/** The names a trail row carries about what it concerns (db/audit.ts queryAuditTrail). */
export interface SubjectFields {
  entityType: string;
  subjectAgency: string | null;
  reportYear: number | null;
  reportEdition: string | null;
  subjectUserName: string | null;
  subjectUserLogin: string | null;
}

/** 「示范市应急管理局 2024 年度报告」, 「张三（zhangsan）」, 「单位 示范市应急管理局」, 「系统」. */
export function auditSubject(r: SubjectFields): AuditSubject {
  switch (r.entityType) {
    case "report":
      return { label: r.subjectAgency && r.reportYear ? `${r.subjectAgency} ${r.reportYear} 年度报告` : "年报", edition: r.reportEdition ?? undefined };
    case "archive":
      return { label: r.subjectAgency ? `${r.subjectAgency} 往年归档` : "往年归档" };
    case "user":
      return { label: r.subjectUserName ? `用户 ${r.subjectUserName}（${r.subjectUserLogin}）` : "用户" };
    case "agency":
      return { label: r.subjectAgency ? `单位 ${r.subjectAgency}` : "单位" };
    default:
      return { label: "系统" };
  }
}
