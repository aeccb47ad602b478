// 催办 and in-app notices, and the facts of the 待办 list. Authorization: a supervisor may 催办 only
// agencies strictly below its office, an admin any agency; a notice is only ever read by its user.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { isWithin, type Actor } from "../lib/auth/access";
import { defaultUrgeMessage, urgeTitle, type UrgeRequest } from "../lib/office/urge";
import type { TodoFacts, TodoNotice, TodoReport } from "../lib/office/todo";
import type { ReportStatusId } from "../lib/workflow/status";
import { loadHierarchy } from "./agencies";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { oversightScope } from "./oversight";
import { agencies, notices, reports, reviewComments, urges, users } from "./schema";
import { runSqlite } from "./run-sqlite";

export interface UrgeRecipient {
  urgeId: number;
  agencyName: string;
  reportId: number | null;
  emails: string[];
}

export type UrgeOutcome =
  | { ok: true; agencies: number; notices: number; officeName: string | null; message: string; sent: UrgeRecipient[] }
  | { ok: false; status: 403 | 404 | 422; reason: string };

/**
 * Records a 催办 of each named agency's report of `year`: one `urges` row per agency, a notice for
 * each of its active drafters and reviewers, one audit entry per agency. All or nothing.
 */
export function createUrges(db: Db, actor: Actor, req: UrgeRequest): UrgeOutcome {
  if (actor.role !== "supervisor" && actor.role !== "admin") return { ok: false, status: 403, reason: "只有主管部门可以催办" };
  const ids = [...new Set(req.agencyIds)];
  const hierarchy = runSqlite(db, loadHierarchy());
  for (const id of ids) {
    if (!hierarchy.has(id)) return { ok: false, status: 404, reason: "所选单位不存在" };
    if (actor.role === "supervisor" && (actor.agencyId == null || id === actor.agencyId || !isWithin(hierarchy, id, actor.agencyId)))
      return { ok: false, status: 403, reason: "只能催办本单位的下级单位" };
  }
  const office = actor.agencyId != null ? (db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, actor.agencyId)).get()?.name ?? null) : null;
  const message = req.message?.trim() || defaultUrgeMessage(req.year);
  const title = urgeTitle(office, req.year);
  return db.transaction((tx) => {
    const sent: UrgeRecipient[] = [];
    let noticeCount = 0;
    // Chunks keep the IN lists far below SQLite's variable limit.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const names = new Map(tx.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, chunk)).all().map((a) => [a.id, a.name]));
      const reportOf = new Map(
        tx.select({ id: reports.id, agencyId: reports.agencyId }).from(reports).where(and(inArray(reports.agencyId, chunk), eq(reports.year, req.year))).all().map((r) => [r.agencyId, r.id]),
      );
      const people = tx
        .select({ id: users.id, agencyId: users.agencyId, email: users.email })
        .from(users)
        .where(and(inArray(users.agencyId, chunk), eq(users.active, true), inArray(users.role, ["drafter", "reviewer"])))
        .all();
      for (const agencyId of chunk) {
        const reportId = reportOf.get(agencyId) ?? null;
        const who = people.filter((p) => p.agencyId === agencyId);
        const urge = tx
          .insert(urges)
          .values({ agencyId, year: req.year, reportId, message, senderId: actor.id, recipients: who.length })
          .returning({ id: urges.id })
          .get();
        const href = reportId != null ? `/reports/${reportId}` : "/reports";
        for (const p of who) tx.insert(notices).values({ userId: p.id, kind: "urge", urgeId: urge.id, title, body: message, href }).run();
        noticeCount += who.length;
        runSqlite(tx, writeAudit({ actorId: actor.id, action: "urge.send", entityType: "agency", entityId: agencyId, agencyId, after: { year: req.year, reportId, message, recipients: who.length } }));
        sent.push({ urgeId: urge.id, agencyName: names.get(agencyId) ?? "", reportId, emails: who.map((p) => p.email?.trim() ?? "").filter((e) => e !== "") });
      }
    }
    return { ok: true as const, agencies: ids.length, notices: noticeCount, officeName: office, message, sent };
  });
}

/** Records how the e-mail of a 催办 went (after the SMTP conversation). */
export function recordUrgeMail(db: Db, urgeId: number, mailed: number, error: string | null): void {
  db.update(urges).set({ mailed, mailError: error }).where(eq(urges.id, urgeId)).run();
}

export interface UrgeSummary {
  at: Date;
  senderName: string | null;
  count: number;
  mailed: number | null;
  mailError: string | null;
  recipients: number;
}

/** The latest 催办 of each agency for `year`, with how many there were. */
export function latestUrges(db: Db, agencyIds: readonly number[], year: number): Map<number, UrgeSummary> {
  const out = new Map<number, UrgeSummary>();
  if (!agencyIds.length) return out;
  const rows = db.$client
    .prepare(
      `SELECT u.agency_id AS agencyId, u.created_at AS at, u.mailed AS mailed, u.mail_error AS mailError, u.recipients AS recipients,
              s.display_name AS senderName, c.n AS count
         FROM urges u
         JOIN (SELECT agency_id, max(id) AS id, count(*) AS n FROM urges WHERE year = ? GROUP BY agency_id) c ON c.id = u.id
         LEFT JOIN users s ON s.id = u.sender_id`,
    )
    .all(year) as { agencyId: number; at: number; mailed: number | null; mailError: string | null; recipients: number; senderName: string | null; count: number }[];
  const wanted = new Set(agencyIds);
  for (const r of rows)
    if (wanted.has(r.agencyId)) out.set(r.agencyId, { at: new Date(Number(r.at)), senderName: r.senderName, count: r.count, mailed: r.mailed, mailError: r.mailError, recipients: r.recipients });
  return out;
}

/** The user's notices, newest first (unread ones first when `unreadOnly`). */
export function listNotices(db: Db, userId: number, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  const conds = [eq(notices.userId, userId)];
  if (opts.unreadOnly) conds.push(isNull(notices.readAt));
  return db
    .select({ id: notices.id, title: notices.title, body: notices.body, href: notices.href, createdAt: notices.createdAt, readAt: notices.readAt })
    .from(notices)
    .where(and(...conds))
    .orderBy(desc(notices.id))
    .limit(opts.limit ?? 50)
    .all();
}

/** Marks the user's notice (or all of them with id = "all") read; another user's notice is untouched. */
export function markNoticesRead(db: Db, userId: number, id: number | "all"): number {
  const conds = [eq(notices.userId, userId), isNull(notices.readAt)];
  if (id !== "all") conds.push(eq(notices.id, id));
  return db.update(notices).set({ readAt: new Date() }).where(and(...conds)).run().changes;
}

/** The facts the 待办 list is computed from (lib/office/todo.ts), for `years` of the oversight scope. */
export function todoFacts(db: Db, actor: Actor & { role: TodoFacts["role"] }, years: readonly number[]): TodoFacts {
  const unread = listNotices(db, actor.id, { unreadOnly: true, limit: 20 });
  const noticesOut: TodoNotice[] = unread.map((n) => ({ id: n.id, title: n.title, body: n.body, href: n.href, createdAt: n.createdAt }));
  const own: TodoReport[] = [];
  if ((actor.role === "drafter" || actor.role === "reviewer") && actor.agencyId != null) {
    const rows = db
      .select({
        id: reports.id,
        agencyId: reports.agencyId,
        agencyName: agencies.name,
        year: reports.year,
        status: reports.status,
        openComments: sql<number>`(SELECT count(*) FROM ${reviewComments} c WHERE c.report_id = ${reports.id} AND c.resolved_at IS NULL)`,
      })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(reports.agencyId, actor.agencyId))
      .orderBy(desc(reports.year))
      .all();
    for (const r of rows) own.push({ ...r, status: r.status as ReportStatusId, openComments: Number(r.openComments) });
  }
  let scope: TodoFacts["scope"];
  if (actor.role === "supervisor" || actor.role === "admin") {
    const sc = runSqlite(db, oversightScope(actor));
    const ids = sc.agencies.map((a) => a.id);
    scope = years.map((year) => {
      const rows = ids.length
        ? db.$client
            .prepare(
              `SELECT r.id, r.agency_id AS agencyId, r.status,
                      (SELECT a.action FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id AND a.action IN ('report.return','report.supervisorReturn') ORDER BY a.id DESC LIMIT 1) AS lastReturn,
                      EXISTS (SELECT 1 FROM report_versions v WHERE v.report_id = r.id AND v.kind = 'publish') AS published
                 FROM reports r WHERE r.year = ?`,
            )
            .all(year) as { id: number; agencyId: number; status: string; lastReturn: string | null; published: number }[]
        : [];
      const byAgency = new Map(rows.map((r) => [r.agencyId, r]));
      return {
        year,
        agencies: sc.agencies.map((a) => {
          const r = byAgency.get(a.id);
          return {
            agencyId: a.id,
            agencyName: a.name,
            report: r
              ? { id: r.id, agencyId: a.id, agencyName: a.name, year, status: r.status as ReportStatusId, openComments: 0, returnedBySupervisor: r.lastReturn === "report.supervisorReturn", published: r.published === 1 }
              : null,
          };
        }),
      };
    });
  }
  let rework: TodoReport[] | undefined;
  if (actor.role === "supervisor" || actor.role === "admin") {
    const sc = runSqlite(db, oversightScope(actor));
    const names = new Map(sc.agencies.map((a) => [a.id, a.name]));
    const rows = db.$client
      .prepare(
        `SELECT r.id, r.agency_id AS agencyId, r.year,
                (SELECT a.action FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id AND a.action IN ('report.return','report.supervisorReturn') ORDER BY a.id DESC LIMIT 1) AS lastReturn
           FROM reports r WHERE r.status = 'returned' ORDER BY r.year DESC, r.id`,
      )
      .all() as { id: number; agencyId: number; year: number; lastReturn: string | null }[];
    rework = rows
      .filter((r) => names.has(r.agencyId) && r.lastReturn === "report.supervisorReturn")
      .map((r) => ({ id: r.id, agencyId: r.agencyId, agencyName: names.get(r.agencyId)!, year: r.year, status: "returned" as const, openComments: 0, returnedBySupervisor: true }));
  }
  return { role: actor.role, own, notices: noticesOut, scope, rework };
}

/** The user's own address for 催办 e-mail (null clears it). */
export function setOwnEmail(db: Db, userId: number, email: string | null): void {
  db.update(users).set({ email }).where(eq(users.id, userId)).run();
  runSqlite(db, writeAudit({ actorId: userId, action: "user.email", entityType: "user", entityId: userId, after: { email } }));
}

export function ownEmail(db: Db, userId: number): string | null {
  return db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()?.email ?? null;
}
