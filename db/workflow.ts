// Report state transitions (submit, withdraw, return, approve, publish, revise) on the database:
// the pure table in lib/workflow/transitions.ts decides role, agency and state; this adds the
// content conditions, writes the snapshot (with a SHA-256 content hash), the comment, the
// acknowledgements and the audit entry — all in one transaction.
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { canViewAgency, type Actor } from "../lib/auth/access";
import type { ReportDoc } from "../lib/data";
import type { Issue } from "../lib/rules";
import { issueKey, MIN_REASON_LENGTH, unacknowledgedWarnings, warningFingerprint, type Acknowledgement } from "../lib/workflow/acknowledgements";
import { decide, transition, type ActionId } from "../lib/workflow/transitions";
import type { ReportStatusId } from "../lib/workflow/status";
import { loadHierarchy } from "./agencies";
import { writeAudit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { loadReportWithAgency, readReportData, validateWithHistory } from "./reports";
import { reports, reportVersions, reviewComments, users, warningAcks } from "./schema";

export function contentHash(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

export interface TransitionRequest {
  action: ActionId;
  /** Reason / review comment; required for return and revise. */
  comment?: string;
  /** Where a return comment points: a section key (narrative.overview) or a cell (table.row.column). */
  anchor?: string;
  /** For submit: reasons for the warnings, by `rule|cell`. */
  acknowledgements?: Record<string, string>;
}

export type TransitionOutcome =
  | { ok: true; status: ReportStatusId; snapshotId: number | null; contentHash: string | null }
  | { ok: false; status: 403 | 404 | 409 | 422; reason: string; unacknowledged?: Issue[] };

const SNAPSHOT_ACTIONS: readonly ActionId[] = ["submit", "return", "approve", "publish", "supervisorReturn"];

export function listAcknowledgements(db: DbOrTx, reportId: number): Acknowledgement[] {
  return db
    .select({ rule: warningAcks.rule, cell: warningAcks.cell, fingerprint: warningAcks.fingerprint, reason: warningAcks.reason, kind: warningAcks.kind })
    .from(warningAcks)
    .where(eq(warningAcks.reportId, reportId))
    .orderBy(asc(warningAcks.id))
    .all();
}

export function applyTransition(db: Db, actor: Actor, reportId: number, req: TransitionRequest): TransitionOutcome {
  return db.transaction((tx) => {
    const row = loadReportWithAgency(tx, reportId);
    const hierarchy = loadHierarchy(db);
    if (!row || !canViewAgency(actor, row.report.agencyId, hierarchy)) return { ok: false as const, status: 404 as const, reason: "年报不存在" };
    const r = row.report;
    const d = decide(actor, req.action, r, hierarchy);
    if (!d.ok) return d;
    const t = transition(req.action);
    const comment = req.comment?.trim() ?? "";
    if (t.needsComment && comment.length < MIN_REASON_LENGTH) return { ok: false as const, status: 422 as const, reason: `${t.label}须填写理由` };

    const doc: ReportDoc = readReportData(r, row.agencyName);
    const validation = validateWithHistory(db, r.agencyId, doc);
    if ((req.action === "submit" || req.action === "approve" || req.action === "publish") && validation.errors > 0) {
      return { ok: false as const, status: 422 as const, reason: `年报还有 ${validation.errors} 个错误，须修正后才能${t.label}` };
    }
    if (req.action === "approve" && r.updatedBy === actor.id) {
      return { ok: false as const, status: 403 as const, reason: "不能审核通过自己最后修改的年报" };
    }
    if (req.action === "submit") {
      const given = req.acknowledgements ?? {};
      const existing = listAcknowledgements(tx, reportId);
      const pending = unacknowledgedWarnings(doc, validation.issues, existing);
      const missing: Issue[] = [];
      for (const w of pending) {
        const reason = given[issueKey(w)]?.trim() ?? "";
        if (reason.length < MIN_REASON_LENGTH) missing.push(w);
      }
      if (missing.length) {
        return { ok: false as const, status: 422 as const, reason: `还有 ${missing.length} 个警告未确认：请逐条核实并说明理由`, unacknowledged: missing };
      }
      for (const w of pending) {
        tx.insert(warningAcks)
          .values({ reportId, rule: w.rule, cell: w.cell, fingerprint: warningFingerprint(doc, w), reason: given[issueKey(w)]!.trim(), kind: "drafter", createdBy: actor.id })
          .run();
      }
    }

    let snapshotId: number | null = null;
    let hash: string | null = null;
    if (SNAPSHOT_ACTIONS.includes(req.action)) {
      const data = JSON.stringify(doc);
      hash = contentHash(data);
      snapshotId = tx
        .insert(reportVersions)
        .values({ reportId, reportVersion: r.version, kind: req.action, status: d.to, data, contentHash: hash, createdBy: actor.id })
        .returning({ id: reportVersions.id })
        .get().id;
    }
    if (comment && t.needsComment) {
      const anchor = (t.anchored && req.anchor?.trim()) || "report";
      tx.insert(reviewComments).values({ reportId, authorId: actor.id, anchor, body: comment }).run();
    }
    tx.update(reports).set({ status: d.to, updatedAt: new Date() }).where(and(eq(reports.id, reportId), eq(reports.status, r.status))).run();
    writeAudit(tx, {
      actorId: actor.id,
      action: `report.${req.action}`,
      entityType: "report",
      entityId: reportId,
      agencyId: r.agencyId,
      before: { status: r.status, version: r.version },
      after: { status: d.to, version: r.version, snapshotId, contentHash: hash, comment: comment || undefined },
    });
    return { ok: true as const, status: d.to, snapshotId, contentHash: hash };
  });
}

export function listComments(db: Db, reportId: number) {
  return db
    .select({
      id: reviewComments.id,
      anchor: reviewComments.anchor,
      body: reviewComments.body,
      createdAt: reviewComments.createdAt,
      resolvedAt: reviewComments.resolvedAt,
      authorName: users.displayName,
    })
    .from(reviewComments)
    .leftJoin(users, eq(reviewComments.authorId, users.id))
    .where(eq(reviewComments.reportId, reportId))
    .orderBy(asc(reviewComments.id))
    .all();
}

export function listSnapshots(db: Db, reportId: number) {
  return db
    .select({
      id: reportVersions.id,
      kind: reportVersions.kind,
      status: reportVersions.status,
      reportVersion: reportVersions.reportVersion,
      contentHash: reportVersions.contentHash,
      createdAt: reportVersions.createdAt,
      authorName: users.displayName,
      data: reportVersions.data,
    })
    .from(reportVersions)
    .leftJoin(users, eq(reportVersions.createdBy, users.id))
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(asc(reportVersions.id))
    .all();
}

/** Marks a review comment resolved (drafters and reviewers of the report's agency). */
export function resolveComment(db: Db, actor: Actor, reportId: number, commentId: number): { ok: true } | { ok: false; status: 403 | 404; reason: string } {
  return db.transaction((tx) => {
    const row = tx
      .select({ comment: reviewComments, agencyId: reports.agencyId })
      .from(reviewComments)
      .innerJoin(reports, eq(reviewComments.reportId, reports.id))
      .where(and(eq(reviewComments.id, commentId), eq(reviewComments.reportId, reportId)))
      .get();
    if (!row || !canViewAgency(actor, row.agencyId, loadHierarchy(db))) return { ok: false as const, status: 404 as const, reason: "意见不存在" };
    if (!(actor.role === "drafter" || actor.role === "reviewer") || actor.agencyId !== row.agencyId) return { ok: false as const, status: 403 as const, reason: "只有本单位的填报人或审核人可以处理审核意见" };
    if (row.comment.resolvedAt) return { ok: true as const };
    tx.update(reviewComments).set({ resolvedAt: new Date(), resolvedBy: actor.id }).where(eq(reviewComments.id, commentId)).run();
    writeAudit(tx, { actorId: actor.id, action: "comment.resolve", entityType: "report", entityId: reportId, agencyId: row.agencyId, after: { commentId } });
    return { ok: true as const };
  });
}

/**
 * A reviewer verifies a warning as correct ("核实无误"). Bound to the current values: the
 * confirmation lapses by itself when any involved cell changes.
 */
export function confirmWarning(db: Db, actor: Actor, reportId: number, key: string, reason: string): { ok: true } | { ok: false; status: 403 | 404 | 409 | 422; reason: string } {
  return db.transaction((tx) => {
    const row = loadReportWithAgency(tx, reportId);
    if (!row || !canViewAgency(actor, row.report.agencyId, loadHierarchy(db))) return { ok: false as const, status: 404 as const, reason: "年报不存在" };
    if (actor.role !== "reviewer" || actor.agencyId !== row.report.agencyId) return { ok: false as const, status: 403 as const, reason: "只有本单位审核人可以确认警告" };
    if (row.report.status !== "submitted") return { ok: false as const, status: 409 as const, reason: "只能在审核期间确认警告" };
    const text = reason.trim();
    if (text.length < MIN_REASON_LENGTH) return { ok: false as const, status: 422 as const, reason: "请填写确认理由" };
    const doc = readReportData(row.report, row.agencyName);
    const warning = validateWithHistory(db, row.report.agencyId, doc).issues.find((i) => i.severity === "warning" && issueKey(i) === key);
    if (!warning) return { ok: false as const, status: 409 as const, reason: "该警告已不存在（数据可能已修改）" };
    tx.insert(warningAcks)
      .values({ reportId, rule: warning.rule, cell: warning.cell, fingerprint: warningFingerprint(doc, warning), reason: text, kind: "reviewer", createdBy: actor.id })
      .run();
    writeAudit(tx, { actorId: actor.id, action: "warning.confirm", entityType: "report", entityId: reportId, agencyId: row.report.agencyId, after: { rule: warning.rule, cell: warning.cell, reason: text } });
    return { ok: true as const };
  });
}
