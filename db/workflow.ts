// Report state transitions (submit, withdraw, return, approve, publish, revise) on the database:
// the permission table (lib/workflow/permissions.ts) decides role, agency and state, the state machine
// (lib/workflow/transitions.ts) where a step leads; this adds the
// content conditions, writes the snapshot (with a SHA-256 content hash), the comment, the
// acknowledgements and the audit entry — all in one transaction.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import { canViewAgency, type Actor } from "../lib/auth/access";
import { describeDiff, diffReports, parseStoredReport, type ReportDoc } from "../lib/data";
import type { Issue } from "../lib/rules";
import { completenessGaps, summarizeGaps, type CompletenessGap } from "../lib/rules/completeness";
import {
  issueKey,
  MIN_COMMENT_LENGTH,
  MIN_REASON_LENGTH,
  REASON_RULE,
  reasonLength,
  unacknowledgedWarnings,
  validAcknowledgement,
  warningFingerprint,
  type Acknowledgement,
} from "../lib/workflow/acknowledgements";
import { check, decide, may, relationTo } from "../lib/workflow/permissions";
import { ACTIONS, transition, type ActionId } from "../lib/workflow/transitions";
import type { ReportStatusId } from "../lib/workflow/status";
import { loadHierarchy } from "./agencies";
import { writeAudit } from "./audit";
import { loadReportWithAgency, lockReportWithAgency, readReportData, validateWithHistory, wasImported } from "./reports";
import { daysUntilDeadline } from "../lib/workflow/deadline";
import { checkBackfillDate } from "../lib/workflow/backfill-date";
import { all, exec, one, preparedOne, transaction, type Q } from "./unit";

export function contentHash(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

export interface TransitionRequest {
  action: ActionId;
  /** Reason / review comment; required for return and revise (or give `comments`). */
  comment?: string;
  /** Where a return comment points: a section key (narrative.overview) or a cell (table.row.column). */
  anchor?: string;
  /** Several anchored comments at once (a return that points at several cells and sections). */
  comments?: { anchor: string; body: string }[];
  /** For submit: reasons for the warnings, by `rule|cell`. */
  acknowledgements?: Record<string, string>;
  /**
   * For approve and publish: the report version the reviewer read. When the drafter withdrew,
   * changed and resubmitted in the meantime, the step is refused with what changed.
   */
  version?: number;
  /** For backfillPublish: the day the report was really published elsewhere (YYYY-MM-DD), if known. */
  publishedOn?: string;
}

export type TransitionOutcome =
  | { ok: true; status: ReportStatusId; snapshotId: number | null; contentHash: string | null }
  | {
      ok: false;
      status: 403 | 404 | 409 | 422;
      reason: string;
      /** Submit: warnings still without a (long enough) reason. Approve: warnings the reviewer has not confirmed. */
      unacknowledged?: Issue[];
      /** What is not filled in (submit, approve, publish). */
      incomplete?: CompletenessGap[];
      /** Approve/publish against a changed version: what changed since the version the reviewer read. */
      changes?: string[];
      currentVersion?: number;
    };

const SNAPSHOT_ACTIONS: readonly ActionId[] = ["submit", "return", "approve", "publish", "supervisorReturn", "backfillPublish"];
/** Steps that pass judgement on the content: they need it complete and free of errors. */
const CONTENT_ACTIONS: readonly ActionId[] = ["submit", "approve", "publish"];
/** Steps that must name the version they judge. */
const VERSIONED_ACTIONS: readonly ActionId[] = ["approve", "publish", "backfillPublish"];

export function* listAcknowledgements(reportId: number): Q<Acknowledgement[]> {
  return yield* all((d, t) =>
    d
      .select({ rule: t.warningAcks.rule, cell: t.warningAcks.cell, fingerprint: t.warningAcks.fingerprint, reason: t.warningAcks.reason, kind: t.warningAcks.kind })
      .from(t.warningAcks)
      .where(eq(t.warningAcks.reportId, reportId))
      .orderBy(asc(t.warningAcks.id)),
  );
}

/** The comments a transition carries: `comments`, plus `comment`/`anchor` (the single-comment form). */
function commentsOf(req: TransitionRequest, anchored: boolean): { anchor: string; body: string }[] {
  const out: { anchor: string; body: string }[] = [];
  const add = (anchor: string | undefined, body: string | undefined) => {
    const text = body?.trim() ?? "";
    if (text) out.push({ anchor: (anchored && anchor?.trim()) || "report", body: text });
  };
  for (const c of req.comments ?? []) add(c.anchor, c.body);
  add(req.anchor, req.comment);
  return out;
}

/** What changed since the snapshot of `seenVersion` (the one the reviewer read), one line per change. */
function* changesSince(reportId: number, seenVersion: number, current: ReportDoc): Q<string[] | undefined> {
  const seen = yield* one((d, t) =>
    d
      .select({ data: t.reportVersions.data })
      .from(t.reportVersions)
      .where(and(eq(t.reportVersions.reportId, reportId), eq(t.reportVersions.reportVersion, seenVersion)))
      .orderBy(desc(t.reportVersions.id))
      .limit(1),
  );
  if (!seen) return undefined;
  // A stored text that no longer parses (or exceeds today's text caps) has no list of changes.
  const before = parseStoredReport(seen.data);
  return before ? describeDiff(diffReports(before, current)) : undefined;
}

/**
 * Takes a step. The report's row is read locked (lockReportWithAgency: SELECT … FOR UPDATE on
 * PostgreSQL) before its state is checked, so the same step raced on two app servers has exactly one
 * winner: the second waits for the first's commit, then sees the new state and is refused.
 */
export function* applyTransition(actor: Actor, reportId: number, req: TransitionRequest): Q<TransitionOutcome> {
  return yield* transaction(function* (): Q<TransitionOutcome> {
    const row = yield* lockReportWithAgency(reportId);
    const hierarchy = yield* loadHierarchy();
    if (!row || !canViewAgency(actor, row.report.agencyId, hierarchy)) return { ok: false as const, status: 404 as const, reason: "年报不存在" };
    const r = row.report;
    const d = decide(actor, req.action, r, hierarchy);
    if (!d.ok) return d;
    const t = transition(req.action);
    const comments = commentsOf(req, t.anchored === true);
    if (t.needsComment) {
      const label = t.commentLabel ?? "理由";
      if (!comments.length) return { ok: false as const, status: 422 as const, reason: `${t.label}须填写${label}（至少 ${MIN_COMMENT_LENGTH} 个字）` };
      if (comments.some((c) => reasonLength(c.body) < MIN_COMMENT_LENGTH)) return { ok: false as const, status: 422 as const, reason: `${label}每条至少 ${MIN_COMMENT_LENGTH} 个字（标点和空格不计）` };
    }

    let publishedOn: string | null = null;
    if (req.action === "backfillPublish") {
      if (!(daysUntilDeadline(r.year) < 0 && (yield* wasImported(reportId)))) {
        return { ok: false as const, status: 422 as const, reason: "只有由已发布文件导入、且已过法定发布期限的往年年报才能补录为已发布；本年度的年报须经审核后发布" };
      }
      const date = checkBackfillDate(req.publishedOn, r.year, new Date());
      if (!date.ok) return { ok: false as const, status: 422 as const, reason: date.reason };
      publishedOn = date.date;
    } else if (req.publishedOn) {
      return { ok: false as const, status: 422 as const, reason: "只有补录为已发布时才能填写原发布日期" };
    }

    // Approve what was read: the version the reviewer saw must still be the one submitted.
    if (VERSIONED_ACTIONS.includes(req.action)) {
      if (req.version === undefined) return { ok: false as const, status: 422 as const, reason: `${t.label}须注明您审阅的版本，请刷新页面后重试` };
      if (req.version !== r.version) {
        const changes = yield* changesSince(reportId, req.version, readReportData(r, row.agencyName));
        return {
          ok: false as const,
          status: 409 as const,
          reason: `您审阅的是第 ${req.version} 版，此后年报已被修改（填报人撤回、修改并重新提交），当前为第 ${r.version} 版。为避免${t.label}您没有看过的内容，本次${t.label}未执行：请查看下列变化，重新审阅后再操作。`,
          changes: changes ?? [],
          currentVersion: r.version,
        };
      }
    }

    const doc: ReportDoc = readReportData(r, row.agencyName);
    const validation = yield* validateWithHistory(r.agencyId, doc);
    if (CONTENT_ACTIONS.includes(req.action)) {
      const incomplete = completenessGaps(doc);
      if (incomplete.length) {
        const who =
          req.action === "submit"
            ? "须填写完整后才能提交审核"
            : req.action === "approve"
              ? "不能审核通过，请退回填报人补充"
              : // Approved before the gate existed: only the supervising office can send it back now.
                "不能发布；已通过的年报须由主管部门「退回整改」后补充";
        return {
          ok: false as const,
          status: 422 as const,
          reason: `年报尚未填写完整（${incomplete.length} 处），${who}：${summarizeGaps(incomplete)}。空白单元格没有发生的请填 0（可用「空白单元格填 0」）。`,
          incomplete,
        };
      }
      if (validation.errors > 0) return { ok: false as const, status: 422 as const, reason: `年报还有 ${validation.errors} 个错误，须修正后才能${t.label}` };
    }
    if (req.action === "approve" && r.updatedBy === actor.id) {
      return { ok: false as const, status: 403 as const, reason: "不能审核通过自己最后修改的年报" };
    }
    const existing = yield* listAcknowledgements(reportId);
    if (req.action === "approve") {
      // The review is real: every warning the drafter justified has been looked at by a reviewer.
      const unconfirmed = unacknowledgedWarnings(doc, validation.issues, existing.filter((a) => a.kind === "reviewer"));
      if (unconfirmed.length) {
        return {
          ok: false as const,
          status: 422 as const,
          reason: `还有 ${unconfirmed.length} 个警告未经审核人核实：请逐条「确认无误」（${REASON_RULE}），或退回修改`,
          unacknowledged: unconfirmed,
        };
      }
    }
    if (req.action === "submit") {
      const given = req.acknowledgements ?? {};
      const pending = unacknowledgedWarnings(doc, validation.issues, existing.filter((a) => a.kind === "drafter"));
      const missing: Issue[] = [];
      let short = 0;
      for (const w of pending) {
        const reason = given[issueKey(w)]?.trim() ?? "";
        if (reasonLength(reason) < MIN_REASON_LENGTH) {
          missing.push(w);
          if (reason) short++;
        }
      }
      if (missing.length) {
        const detail = short ? `，其中 ${short} 条理由太短` : "";
        return {
          ok: false as const,
          status: 422 as const,
          reason: `还有 ${missing.length} 个警告未确认${detail}：请逐条核实并说明理由（${REASON_RULE}）`,
          unacknowledged: missing,
        };
      }
      for (const w of pending) {
        yield* exec((d, t) =>
          d
            .insert(t.warningAcks)
            .values({ reportId, rule: w.rule, cell: w.cell, fingerprint: warningFingerprint(doc, w), reason: given[issueKey(w)]!.trim(), kind: "drafter", createdBy: actor.id }),
        );
      }
    }

    let snapshotId: number | null = null;
    let hash: string | null = null;
    if (SNAPSHOT_ACTIONS.includes(req.action)) {
      const data = JSON.stringify(doc);
      const h = (hash = contentHash(data));
      const to = d.to;
      const inserted = yield* all((b, tb) =>
        b
          .insert(tb.reportVersions)
          // A back-filled report is published like any other: the public page and the roll-up read "publish".
          .values({
            reportId,
            reportVersion: r.version,
            kind: req.action === "backfillPublish" ? "publish" : req.action,
            status: to,
            data,
            contentHash: h,
            createdBy: actor.id,
            backfill: req.action === "backfillPublish",
            publishedOn,
          })
          .returning({ id: tb.reportVersions.id }),
      );
      snapshotId = inserted[0]!.id;
    }
    if (t.needsComment) {
      for (const c of comments) yield* exec((b, tb) => b.insert(tb.reviewComments).values({ reportId, authorId: actor.id, anchor: c.anchor, body: c.body }));
    }
    // updatedBy stays the last editor of the content (the conflict dialog and the self-approval check
    // read it); who changed the report last, a step included, comes from the audit trail (lastChanges).
    const to = d.to;
    const moved = yield* exec((b, tb) => b.update(tb.reports).set({ status: to, updatedAt: new Date() }).where(and(eq(tb.reports.id, reportId), eq(tb.reports.status, r.status))));
    // Cannot happen under the row lock; were it to, the step must not be recorded as taken.
    if (moved !== 1) throw new Error(`report ${reportId}: state changed during ${req.action}`);
    const commentText = comments.map((c) => c.body).join("\n");
    yield* writeAudit({
      actorId: actor.id,
      action: `report.${req.action}`,
      entityType: "report",
      entityId: reportId,
      agencyId: r.agencyId,
      before: { status: r.status, version: r.version },
      after: { status: d.to, version: r.version, snapshotId, contentHash: hash, comment: commentText || undefined, publishedOn: publishedOn ?? undefined },
    });
    return { ok: true as const, status: d.to, snapshotId, contentHash: hash };
  });
}

/** One warning as the submit and approve dialogs list it. */
export interface WarningStanding {
  key: string;
  rule: string;
  cell: string;
  message: string;
  /** The drafter's reason, while it still applies. */
  reason: string;
  /** The reviewer's confirmation, while it still applies. */
  confirmed: string;
}

export type TransitionPreview =
  | { ok: true; action: ActionId; version: number; incomplete: CompletenessGap[]; errors: number; warnings: WarningStanding[] }
  | { ok: false; status: 403 | 404 | 409; reason: string };

/**
 * What a step needs, before it is taken (changes nothing): the gaps in the content, the error count
 * and every warning with the drafter's reason and the reviewer's confirmation. The submit and approve
 * dialogs open with this list, so the first click already shows everything to do.
 */
export function* previewTransition(actor: Actor, reportId: number, action: ActionId): Q<TransitionPreview> {
  const row = yield* loadReportWithAgency(reportId);
  const hierarchy = yield* loadHierarchy();
  if (!row || !canViewAgency(actor, row.report.agencyId, hierarchy)) return { ok: false, status: 404, reason: "年报不存在" };
  const d = decide(actor, action, row.report, hierarchy);
  if (!d.ok) return d;
  const doc = readReportData(row.report, row.agencyName);
  const validation = yield* validateWithHistory(row.report.agencyId, doc);
  const acks = yield* listAcknowledgements(reportId);
  return {
    ok: true,
    action,
    version: row.report.version,
    incomplete: completenessGaps(doc),
    errors: validation.errors,
    warnings: warningStandings(doc, validation.issues, acks),
  };
}

/** Every warning with the reasons that still apply to it. */
export function warningStandings(doc: ReportDoc, issues: readonly Issue[], acks: readonly Acknowledgement[]): WarningStanding[] {
  const drafter = acks.filter((a) => a.kind === "drafter");
  const reviewer = acks.filter((a) => a.kind === "reviewer");
  return issues
    .filter((i) => i.severity === "warning")
    .map((i) => ({
      key: issueKey(i),
      rule: i.rule,
      cell: i.cell,
      message: i.message,
      reason: validAcknowledgement(doc, i, drafter)?.reason ?? "",
      confirmed: validAcknowledgement(doc, i, reviewer)?.reason ?? "",
    }));
}

export function* listComments(reportId: number) {
  return yield* all((d, t) =>
    d
      .select({
        id: t.reviewComments.id,
        anchor: t.reviewComments.anchor,
        body: t.reviewComments.body,
        createdAt: t.reviewComments.createdAt,
        resolvedAt: t.reviewComments.resolvedAt,
        authorName: t.users.displayName,
      })
      .from(t.reviewComments)
      .leftJoin(t.users, eq(t.reviewComments.authorId, t.users.id))
      .where(eq(t.reviewComments.reportId, reportId))
      .orderBy(asc(t.reviewComments.id)),
  );
}

export function* listSnapshots(reportId: number) {
  return yield* all((d, t) =>
    d
      .select({
        id: t.reportVersions.id,
        kind: t.reportVersions.kind,
        status: t.reportVersions.status,
        reportVersion: t.reportVersions.reportVersion,
        contentHash: t.reportVersions.contentHash,
        createdAt: t.reportVersions.createdAt,
        authorName: t.users.displayName,
        data: t.reportVersions.data,
      })
      .from(t.reportVersions)
      .leftJoin(t.users, eq(t.reportVersions.createdBy, t.users.id))
      .where(eq(t.reportVersions.reportId, reportId))
      .orderBy(asc(t.reportVersions.id)),
  );
}

/** Marks a review comment resolved (drafters and reviewers of the report's agency). */
export function* resolveComment(actor: Actor, reportId: number, commentId: number): Q<{ ok: true } | { ok: false; status: 403 | 404; reason: string }> {
  return yield* transaction(function* () {
    const row = yield* one((d, t) =>
      d
        .select({ comment: t.reviewComments, agencyId: t.reports.agencyId })
        .from(t.reviewComments)
        .innerJoin(t.reports, eq(t.reviewComments.reportId, t.reports.id))
        .where(and(eq(t.reviewComments.id, commentId), eq(t.reviewComments.reportId, reportId))),
    );
    const hierarchy = yield* loadHierarchy();
    if (!row || !canViewAgency(actor, row.agencyId, hierarchy)) return { ok: false as const, status: 404 as const, reason: "意见不存在" };
    if (!may("resolveComment", actor, row, hierarchy)) return { ok: false as const, status: 403 as const, reason: "只有本单位的填报人或审核人可以处理审核意见" };
    if (row.comment.resolvedAt) return { ok: true as const };
    // Only the first of two racing resolutions changes the row and is audited.
    const changed = yield* exec((d, t) => d.update(t.reviewComments).set({ resolvedAt: new Date(), resolvedBy: actor.id }).where(and(eq(t.reviewComments.id, commentId), sql`${t.reviewComments.resolvedAt} is null`)));
    if (changed === 0) return { ok: true as const };
    yield* writeAudit({ actorId: actor.id, action: "comment.resolve", entityType: "report", entityId: reportId, agencyId: row.agencyId, after: { commentId } });
    return { ok: true as const };
  });
}

/**
 * A reviewer verifies a warning as correct ("核实无误"). Bound to the current values: the
 * confirmation lapses by itself when any involved cell changes.
 */
export function* confirmWarning(actor: Actor, reportId: number, key: string, reason: string): Q<{ ok: true } | { ok: false; status: 403 | 404 | 409 | 422; reason: string }> {
  return yield* transaction(function* () {
    const row = yield* lockReportWithAgency(reportId);
    const hierarchy = yield* loadHierarchy();
    if (!row || !canViewAgency(actor, row.report.agencyId, hierarchy)) return { ok: false as const, status: 404 as const, reason: "年报不存在" };
    const allowed = check("confirmWarning", { role: actor.role, relation: relationTo(actor, row.report.agencyId, hierarchy), status: row.report.status });
    if (!allowed.ok && allowed.why !== "state") return { ok: false as const, status: 403 as const, reason: "只有本单位审核人可以确认警告" };
    if (!allowed.ok) return { ok: false as const, status: 409 as const, reason: "只能在审核期间确认警告" };
    const text = reason.trim();
    if (reasonLength(text) < MIN_REASON_LENGTH) return { ok: false as const, status: 422 as const, reason: `请填写核实意见：${REASON_RULE}` };
    const doc = readReportData(row.report, row.agencyName);
    const warning = (yield* validateWithHistory(row.report.agencyId, doc)).issues.find((i) => i.severity === "warning" && issueKey(i) === key);
    if (!warning) return { ok: false as const, status: 409 as const, reason: "该警告已不存在（数据可能已修改）" };
    yield* exec((d, t) =>
      d
        .insert(t.warningAcks)
        .values({ reportId, rule: warning.rule, cell: warning.cell, fingerprint: warningFingerprint(doc, warning), reason: text, kind: "reviewer", createdBy: actor.id }),
    );
    yield* writeAudit({ actorId: actor.id, action: "warning.confirm", entityType: "report", entityId: reportId, agencyId: row.report.agencyId, after: { rule: warning.rule, cell: warning.cell, reason: text } });
    return { ok: true as const };
  });
}

/** Who changed a report last and how: its latest `report.*` audit entry (a save, a return, a publication …). */
export interface LastChange {
  at: Date;
  actorName: string | null;
  /** Chinese: 保存, 提交审核, 退回修改, 发布 … */
  what: string;
}

const CHANGE_WORDS: Record<string, string> = { "report.save": "保存", "report.create": "创建", "report.import": "导入" };
export function changeWord(action: string): string {
  const a = action.startsWith("report.") ? action.slice("report.".length) : action;
  if (CHANGE_WORDS[action]) return CHANGE_WORDS[action];
  return (ACTIONS as readonly string[]).includes(a) ? transition(a as ActionId).label : action;
}

/** The latest change of each report (by id), from the audit trail (one prepared query per report). */
export function* lastChanges(reportIds: readonly number[]): Q<Map<number, LastChange>> {
  const out = new Map<number, LastChange>();
  for (const id of reportIds) {
    const row = yield* preparedOne(
      "workflow.last-change",
      (d, t) =>
        d
          .select({ at: t.auditLog.at, action: t.auditLog.action, name: t.users.displayName })
          .from(t.auditLog)
          .leftJoin(t.users, eq(t.users.id, t.auditLog.actorId))
          .where(and(eq(t.auditLog.entityType, "report"), eq(t.auditLog.entityId, sql.placeholder("id")), like(t.auditLog.action, "report.%")))
          .orderBy(desc(t.auditLog.id))
          .limit(1),
      { id },
    );
    if (row) out.set(id, { at: row.at, actorName: row.name, what: changeWord(row.action) });
  }
  return out;
}
