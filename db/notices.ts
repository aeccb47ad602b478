// 催办 and in-app notices, and the facts of the 待办 list. Authorization: a supervisor may 催办 only
// agencies strictly below its office, an admin any agency; a notice is only ever read by its user.
// Data functions (db/unit.ts).
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { isWithin, type Actor } from "../lib/auth/access";
import { defaultUrgeMessage, urgeTitle, type UrgeRequest } from "../lib/office/urge";
import type { TodoFacts, TodoNotice, TodoReport } from "../lib/office/todo";
import type { ReportStatusId } from "../lib/workflow/status";
import { loadHierarchy } from "./agencies";
import { writeAudit } from "./audit";
import { oversightScope } from "./oversight";
import { all, exec, one, rawAll, transaction, type Q } from "./unit";

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
export function* createUrges(actor: Actor, req: UrgeRequest): Q<UrgeOutcome> {
  if (actor.role !== "supervisor" && actor.role !== "admin") return { ok: false, status: 403, reason: "只有主管部门可以催办" };
  const ids = [...new Set(req.agencyIds)];
  const hierarchy = yield* loadHierarchy();
  for (const id of ids) {
    if (!hierarchy.has(id)) return { ok: false, status: 404, reason: "所选单位不存在" };
    if (actor.role === "supervisor" && (actor.agencyId == null || id === actor.agencyId || !isWithin(hierarchy, id, actor.agencyId)))
      return { ok: false, status: 403, reason: "只能催办本单位的下级单位" };
  }
  const officeId = actor.agencyId;
  const office = officeId != null ? ((yield* one((d, t) => d.select({ name: t.agencies.name }).from(t.agencies).where(eq(t.agencies.id, officeId))))?.name ?? null) : null;
  const message = req.message?.trim() || defaultUrgeMessage(req.year);
  const title = urgeTitle(office, req.year);
  return yield* transaction(function* (): Q<UrgeOutcome> {
    const sent: UrgeRecipient[] = [];
    let noticeCount = 0;
    // Chunks keep the IN lists far below SQLite's variable limit.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const names = new Map((yield* all((d, t) => d.select({ id: t.agencies.id, name: t.agencies.name }).from(t.agencies).where(inArray(t.agencies.id, chunk)))).map((a) => [a.id, a.name]));
      const reportOf = new Map(
        (yield* all((d, t) => d.select({ id: t.reports.id, agencyId: t.reports.agencyId }).from(t.reports).where(and(inArray(t.reports.agencyId, chunk), eq(t.reports.year, req.year))))).map((r) => [
          r.agencyId,
          r.id,
        ]),
      );
      const people = yield* all((d, { users }) =>
        d
          .select({ id: users.id, agencyId: users.agencyId, email: users.email })
          .from(users)
          .where(and(inArray(users.agencyId, chunk), eq(users.active, true), inArray(users.role, ["drafter", "reviewer"]))),
      );
      for (const agencyId of chunk) {
        const reportId = reportOf.get(agencyId) ?? null;
        const who = people.filter((p) => p.agencyId === agencyId);
        const [urge] = yield* all((d, t) =>
          d.insert(t.urges).values({ agencyId, year: req.year, reportId, message, senderId: actor.id, recipients: who.length }).returning({ id: t.urges.id }),
        );
        const href = reportId != null ? `/reports/${reportId}` : "/reports";
        if (who.length) yield* exec((d, t) => d.insert(t.notices).values(who.map((p) => ({ userId: p.id, kind: "urge" as const, urgeId: urge!.id, title, body: message, href }))));
        noticeCount += who.length;
        yield* writeAudit({ actorId: actor.id, action: "urge.send", entityType: "agency", entityId: agencyId, agencyId, after: { year: req.year, reportId, message, recipients: who.length } });
        sent.push({ urgeId: urge!.id, agencyName: names.get(agencyId) ?? "", reportId, emails: who.map((p) => p.email?.trim() ?? "").filter((e) => e !== "") });
      }
    }
    return { ok: true, agencies: ids.length, notices: noticeCount, officeName: office, message, sent };
  });
}

/** Records how the e-mail of a 催办 went (after the SMTP conversation). */
export function* recordUrgeMail(urgeId: number, mailed: number, error: string | null): Q<void> {
  yield* exec((d, t) => d.update(t.urges).set({ mailed, mailError: error }).where(eq(t.urges.id, urgeId)));
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
export function* latestUrges(agencyIds: readonly number[], year: number): Q<Map<number, UrgeSummary>> {
  const out = new Map<number, UrgeSummary>();
  if (!agencyIds.length) return out;
  // A timestamp read by raw SQL is milliseconds on SQLite, and text (drizzle's pg driver) on
  // PostgreSQL: there it is read as epoch milliseconds too.
  const rows = yield* rawAll<{ agencyId: number; at: number; mailed: number | null; mailError: string | null; recipients: number; senderName: string | null; count: number | string }>(
    (dialect) => sql`SELECT u.agency_id AS "agencyId", ${dialect === "pg" ? sql`floor(extract(epoch from u.created_at) * 1000)::float8` : sql`u.created_at`} AS "at", u.mailed AS "mailed", u.mail_error AS "mailError", u.recipients AS "recipients",
              s.display_name AS "senderName", c.n AS "count"
         FROM urges u
         JOIN (SELECT agency_id, max(id) AS id, count(*) AS n FROM urges WHERE year = ${year} GROUP BY agency_id) c ON c.id = u.id
         LEFT JOIN users s ON s.id = u.sender_id`,
  );
  const wanted = new Set(agencyIds);
  for (const r of rows)
    if (wanted.has(r.agencyId))
      out.set(r.agencyId, { at: new Date(Number(r.at)), senderName: r.senderName, count: Number(r.count), mailed: r.mailed, mailError: r.mailError, recipients: r.recipients });
  return out;
}

/** The user's notices, newest first (unread ones first when `unreadOnly`). */
export function* listNotices(userId: number, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  return yield* all((d, { notices }) => {
    const conds = [eq(notices.userId, userId)];
    if (opts.unreadOnly) conds.push(isNull(notices.readAt));
    return d
      .select({ id: notices.id, title: notices.title, body: notices.body, href: notices.href, createdAt: notices.createdAt, readAt: notices.readAt })
      .from(notices)
      .where(and(...conds))
      .orderBy(desc(notices.id))
      .limit(opts.limit ?? 50);
  });
}

/** Marks the user's notice (or all of them with id = "all") read; another user's notice is untouched. */
export function* markNoticesRead(userId: number, id: number | "all"): Q<number> {
  return yield* exec((d, { notices }) => {
    const conds = [eq(notices.userId, userId), isNull(notices.readAt)];
    if (id !== "all") conds.push(eq(notices.id, id));
    return d.update(notices).set({ readAt: new Date() }).where(and(...conds));
  });
}

/** The facts the 待办 list is computed from (lib/office/todo.ts), for `years` of the oversight scope. */
export function* todoFacts(actor: Actor & { role: TodoFacts["role"] }, years: readonly number[]): Q<TodoFacts> {
  const unread = yield* listNotices(actor.id, { unreadOnly: true, limit: 20 });
  const noticesOut: TodoNotice[] = unread.map((n) => ({ id: n.id, title: n.title, body: n.body, href: n.href, createdAt: n.createdAt }));
  const own: TodoReport[] = [];
  const ownAgency = actor.agencyId;
  if ((actor.role === "drafter" || actor.role === "reviewer") && ownAgency != null) {
    const rows = yield* all((d, { reports, agencies, reviewComments }) =>
      d
        .select({
          id: reports.id,
          agencyId: reports.agencyId,
          agencyName: agencies.name,
          year: reports.year,
          status: reports.status,
          openComments: sql<number | string>`(SELECT count(*) FROM ${reviewComments} c WHERE c.report_id = ${reports.id} AND c.resolved_at IS NULL)`,
        })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(eq(reports.agencyId, ownAgency))
        .orderBy(desc(reports.year)),
    );
    for (const r of rows) own.push({ ...r, status: r.status as ReportStatusId, openComments: Number(r.openComments) });
  }
  let scope: TodoFacts["scope"];
  let rework: TodoReport[] | undefined;
  if (actor.role === "supervisor" || actor.role === "admin") {
    // TODO(issue 19): `yield* oversightScope(actor)` once db/oversight.ts is a data function.
    const sc = yield* oversightScope(actor);
    const ids = sc.agencies.map((a) => a.id);
    const perYear: NonNullable<TodoFacts["scope"]>[number][] = [];
    for (const year of years) {
      const rows = ids.length
        ? yield* rawAll<{ id: number; agencyId: number; status: string; lastReturn: string | null; published: number | boolean }>(
            () => sql`SELECT r.id AS "id", r.agency_id AS "agencyId", r.status AS "status",
                      (SELECT a.action FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id AND a.action IN ('report.return','report.supervisorReturn') ORDER BY a.id DESC LIMIT 1) AS "lastReturn",
                      EXISTS (SELECT 1 FROM report_versions v WHERE v.report_id = r.id AND v.kind = 'publish') AS "published"
                 FROM reports r WHERE r.year = ${year}`,
          )
        : [];
      const byAgency = new Map(rows.map((r) => [r.agencyId, r]));
      perYear.push({
        year,
        agencies: sc.agencies.map((a) => {
          const r = byAgency.get(a.id);
          return {
            agencyId: a.id,
            agencyName: a.name,
            report: r
              ? {
                  id: r.id,
                  agencyId: a.id,
                  agencyName: a.name,
                  year,
                  status: r.status as ReportStatusId,
                  openComments: 0,
                  returnedBySupervisor: r.lastReturn === "report.supervisorReturn",
                  published: r.published === 1 || r.published === true,
                }
              : null,
          };
        }),
      });
    }
    scope = perYear;
    const names = new Map(sc.agencies.map((a) => [a.id, a.name]));
    const rows = yield* rawAll<{ id: number; agencyId: number; year: number; lastReturn: string | null }>(
      () => sql`SELECT r.id AS "id", r.agency_id AS "agencyId", r.year AS "year",
                (SELECT a.action FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id AND a.action IN ('report.return','report.supervisorReturn') ORDER BY a.id DESC LIMIT 1) AS "lastReturn"
           FROM reports r WHERE r.status = 'returned' ORDER BY r.year DESC, r.id`,
    );
    rework = rows
      .filter((r) => names.has(r.agencyId) && r.lastReturn === "report.supervisorReturn")
      .map((r) => ({ id: r.id, agencyId: r.agencyId, agencyName: names.get(r.agencyId)!, year: r.year, status: "returned" as const, openComments: 0, returnedBySupervisor: true }));
  }
  return { role: actor.role, own, notices: noticesOut, scope, rework };
}

/** The user's own address for 催办 e-mail (null clears it). */
export function* setOwnEmail(userId: number, email: string | null): Q<void> {
  yield* transaction(function* () {
    yield* exec((d, t) => d.update(t.users).set({ email }).where(eq(t.users.id, userId)));
    yield* writeAudit({ actorId: userId, action: "user.email", entityType: "user", entityId: userId, after: { email } });
  });
}

export function* ownEmail(userId: number): Q<string | null> {
  return (yield* one((d, t) => d.select({ email: t.users.email }).from(t.users).where(eq(t.users.id, userId))))?.email ?? null;
}
