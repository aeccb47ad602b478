// Data access for reports. Every read that serves a user goes through an access check against the
// agency hierarchy (lib/auth/access.ts); callers pass the actor, never a bare id they trust.
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { canDraftForAgency, canViewAgency, type Actor } from "../lib/auth/access";
import { computeDerived, diffReports, emptyReport, isEmptyDiff, parseStoredReport, startNextYear, type ReportDoc } from "../lib/data";
import type { ValidationResult } from "../lib/rules";
import { editionForYear } from "../lib/template";
import { canEditContent } from "../lib/workflow/editing";
import { may } from "../lib/workflow/permissions";
import { getAgency, loadHierarchy } from "./agencies";
import { makeDelta, textHash, type SaveDelta } from "../lib/audit/delta";
import { writeAudit } from "./audit";
import { validateWithReferences } from "./reference";
import type { Report } from "./schema";
import { cachedDoc, remember } from "./stored-docs";
import { all, dialect, exec, lockOne, one, preparedExec, preparedOne, transaction, type Q, type Tables } from "./unit";

const listSelection = (t: Tables) => ({
  id: t.reports.id,
  agencyId: t.reports.agencyId,
  agencyName: t.agencies.name,
  agencyCode: t.agencies.code,
  year: t.reports.year,
  edition: t.reports.edition,
  status: t.reports.status,
  version: t.reports.version,
  updatedAt: t.reports.updatedAt,
  updatedByName: t.users.displayName,
});

/** Reports of every agency the actor may view. */
export function* listReportsForActor(actor: Actor, opts: { year?: number } = {}) {
  const h = yield* loadHierarchy();
  const visible = [...h.keys()].filter((id) => canViewAgency(actor, id, h));
  if (visible.length === 0) return [];
  return yield* all((d, t) =>
    d
      .select(listSelection(t))
      .from(t.reports)
      .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
      .leftJoin(t.users, eq(t.reports.updatedBy, t.users.id))
      .where(and(inArray(t.reports.agencyId, visible), opts.year != null ? eq(t.reports.year, opts.year) : undefined))
      .orderBy(desc(t.reports.year), t.agencies.id),
  );
}

export type ReportWithAgency = { report: Report; agencyName: string };

export type ReportAccess =
  | { ok: true; report: Report & { agencyName: string } }
  | { ok: false; reason: "not_found" | "forbidden" };

/** The report row with its agency's name (no access check: callers check). */
export function* loadReportWithAgency(id: number): Q<ReportWithAgency | undefined> {
  return yield* one((d, t) =>
    d
      .select({ report: t.reports, agencyName: t.agencies.name })
      .from(t.reports)
      .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
      .where(eq(t.reports.id, id)),
  );
}

/**
 * loadReportWithAgency inside a transaction that decides on the report's state: the report's row is
 * locked until the transaction ends (SELECT … FOR UPDATE on PostgreSQL), so a step raced on two app
 * servers is decided by one of them after the other has committed. Only the report's row is locked,
 * not its agency's (saves of the agency's other reports go on).
 */
export function* lockReportWithAgency(id: number): Q<ReportWithAgency | undefined> {
  const report = yield* lockOne((d, t) => d.select().from(t.reports).where(eq(t.reports.id, id)));
  if (!report) return undefined;
  const agency = yield* one((d, t) => d.select({ name: t.agencies.name }).from(t.agencies).where(eq(t.agencies.id, report.agencyId)));
  return agency ? { report, agencyName: agency.name } : undefined;
}

export function* getReportForActor(actor: Actor, id: number): Q<ReportAccess> {
  const row = yield* loadReportWithAgency(id);
  if (!row) return { ok: false, reason: "not_found" };
  if (!canViewAgency(actor, row.report.agencyId, yield* loadHierarchy())) return { ok: false, reason: "forbidden" };
  return { ok: true, report: { ...row.report, agencyName: row.agencyName } };
}

/**
 * The stored document; a row that somehow holds an unreadable document yields a blank draft for
 * display — `isStoredDataReadable` tells the page to show it read-only, and `saveReport` refuses to
 * save over such a row, so the damaged original is never overwritten by the blank.
 */
export function readReportData(row: { data: string; year: number; edition: string }, agencyName: string): ReportDoc {
  return parseStoredReport(row.data) ?? emptyReport(row.year, agencyName);
}

export function isStoredDataReadable(row: { data: string }): boolean {
  return parseStoredReport(row.data) !== null;
}

/** readReportData for the save path: the (frozen) document is shared with later saves of the same text. */
function storedReportData(row: { id: number; data: string; year: number; edition: string }, agencyName: string): ReportDoc {
  // The blank fallback is never cached: the cache must only ever hold what the row really says.
  return cachedDoc(`report:${row.id}`, row.data, parseStoredReport) ?? emptyReport(row.year, agencyName);
}

/** The active agency a drafter writes for, or the Chinese reason they cannot. */
function* draftingAgency(actor: Actor, verb: string) {
  if (actor.agencyId == null || !canDraftForAgency(actor, actor.agencyId)) return { ok: false as const, error: `只有填报人可以${verb}本单位的年报` };
  const agency = yield* getAgency(actor.agencyId);
  if (!agency?.active) return { ok: false as const, error: "所属单位已停用" };
  return { ok: true as const, agency };
}

function* reportIdFor(agencyId: number, year: number): Q<number | undefined> {
  const row = yield* one((d, t) =>
    d
      .select({ id: t.reports.id })
      .from(t.reports)
      .where(and(eq(t.reports.agencyId, agencyId), eq(t.reports.year, year))),
  );
  return row?.id;
}

/**
 * Inserts a new report unless the agency already has one for the year (the unique index decides,
 * also between two app servers inserting at once): its id, or undefined when one exists.
 */
function* insertReport(values: { agencyId: number; year: number; edition: string; data: string; createdBy: number; updatedBy: number }): Q<number | undefined> {
  const rows = yield* all((d, t) => d.insert(t.reports).values(values).onConflictDoNothing().returning({ id: t.reports.id }));
  return rows[0]?.id;
}

export type CreateOutcome = { ok: true; id: number; created: boolean } | { ok: false; error: string };

/**
 * Last year's report of the agency, as the reference for roll-forward and cross-year checks: the
 * latest published revision when there is one (that is what the public saw), else the saved draft.
 * It runs on every autosave (validation), so: one prepared query, and no parsing unless the stored
 * text changed. The result is frozen and shared — read it, never change it.
 */
export function* findPreviousReport(agencyId: number, year: number): Q<ReportDoc | null> {
  const row = yield* preparedOne(
    "reports.previous",
    (d, t) =>
      d
        .select({
          id: t.reports.id,
          data: t.reports.data,
          year: t.reports.year,
          edition: t.reports.edition,
          agencyName: t.agencies.name,
          publishedId: sql<number | null>`(select max(${t.reportVersions.id}) from ${t.reportVersions} where ${t.reportVersions.reportId} = ${t.reports.id} and ${t.reportVersions.kind} = 'publish')`,
        })
        .from(t.reports)
        .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
        .where(and(eq(t.reports.agencyId, sql.placeholder("agencyId")), eq(t.reports.year, sql.placeholder("year")))),
    { agencyId, year: year - 1 },
  );
  if (!row) return null;
  if (row.publishedId != null) {
    const publishedId = Number(row.publishedId);
    const snapshot = yield* preparedOne(
      "reports.snapshot-data",
      (d, t) => d.select({ data: t.reportVersions.data }).from(t.reportVersions).where(eq(t.reportVersions.id, sql.placeholder("id"))),
      { id: publishedId },
    );
    const doc = snapshot && cachedDoc(`snapshot:${publishedId}`, snapshot.data, parseStoredReport);
    if (doc) return doc;
  }
  return storedReportData(row, row.agencyName);
}

/**
 * The server's authoritative validation of a report: every rule, with last year's report (or, when
 * there is none, its archived old-style report) and other agencies' public reports of the same year.
 */
export function* validateWithHistory(agencyId: number, doc: ReportDoc): Q<ValidationResult> {
  return yield* validateWithReferences(agencyId, doc, yield* findPreviousReport(agencyId, doc.year));
}

/**
 * Opens the agency's report for `year`, creating it when there is none (one per agency and year).
 * With `rollForward`, a new report starts from last year's: 二、上年结转 is filled from last year's
 * 四、结转下年度 (also from a 2019-edition 2020 report into the 2021 format); nothing else is copied.
 */
export function* createReport(actor: Actor, year: number, opts: { rollForward?: boolean } = {}): Q<CreateOutcome> {
  const who = yield* draftingAgency(actor, "新建");
  if (!who.ok) return who;
  const { agency } = who;
  const edition = editionForYear(year);
  if (!edition) return { ok: false, error: `${year} 年度没有统一的年度报告格式（格式自 2019 年度起施行）` };
  return yield* transaction(function* () {
    const existing = yield* reportIdFor(agency.id, year);
    if (existing !== undefined) return { ok: true as const, id: existing, created: false };
    const previous = opts.rollForward ? yield* findPreviousReport(agency.id, year) : null;
    const doc = previous ? startNextYear(previous, year) : emptyReport(year, agency.name);
    doc.agency = { name: agency.name, code: agency.code };
    if (previous) doc.narrative = { overview: "", problems: "", other: "" };
    const id = yield* insertReport({ agencyId: agency.id, year, edition, data: JSON.stringify(doc), createdBy: actor.id, updatedBy: actor.id });
    // Another app server created it a moment ago (PostgreSQL; on SQLite the write lock excludes that).
    if (id === undefined) return { ok: true as const, id: (yield* reportIdFor(agency.id, year))!, created: false };
    yield* writeAudit({ actorId: actor.id, action: "report.create", entityType: "report", entityId: id, agencyId: agency.id, after: { year, edition, rolledForwardFrom: previous ? year - 1 : null } });
    return { ok: true as const, id, created: true };
  });
}

export type SaveOutcome =
  | { kind: "saved"; version: number; updatedAt: Date; report: ReportDoc; validation: ValidationResult; unchanged: boolean }
  | { kind: "conflict"; current: { version: number; updatedAt: Date; updatedBy: number | null; updatedByName: string | null; report: ReportDoc } }
  | { kind: "not_found" }
  | { kind: "forbidden"; reason: string }
  | { kind: "locked"; reason: string }
  | { kind: "mismatch"; reason: string };

/** The report as an autosave reads it (prepared once per SQLite connection). */
function* loadForSave(id: number) {
  return yield* preparedOne(
    "reports.save.load",
    (d, t) =>
      d
        .select({ report: t.reports, agencyName: t.agencies.name, agencyCode: t.agencies.code, updatedByName: t.users.displayName })
        .from(t.reports)
        .innerJoin(t.agencies, eq(t.reports.agencyId, t.agencies.id))
        .leftJoin(t.users, eq(t.reports.updatedBy, t.users.id))
        .where(eq(t.reports.id, sql.placeholder("id"))),
    { id },
  );
}

type SaveRow = NonNullable<Awaited<ReturnType<typeof loadForSave> extends Q<infer R> ? R : never>>;

function conflictWith(row: SaveRow, current: ReportDoc) {
  return {
    kind: "conflict" as const,
    current: { version: row.report.version, updatedAt: row.report.updatedAt, updatedBy: row.report.updatedBy, updatedByName: row.updatedByName, report: current },
  };
}

/**
 * Saves a new version of the report's content if `baseVersion` is still the current version
 * (optimistic concurrency: a stale save never overwrites someone else's newer work). The server
 * recomputes every total from the typed-in cells — it never trusts client totals — validates, and
 * records the change in the audit log as a compact delta of the stored text.
 *
 * The write is ONE conditional UPDATE … SET version = version + 1 WHERE id = ? AND version = ? AND
 * status = ?: when another app server saved in between (PostgreSQL: the UPDATE waits for that
 * server's row lock, then finds the version moved on), no row changes and the save is a conflict —
 * never a silent overwrite; when it took a step in between (submitted the report), the save is
 * refused as the new state demands — never a change to submitted content.
 */
export function* saveReport(actor: Actor, id: number, baseVersion: number, incoming: ReportDoc): Q<SaveOutcome> {
  // SQLite: IMMEDIATE — take the write lock before reading. A deferred transaction that read first
  // could not upgrade once another process (CLI, a restore) had written in between.
  const pg = (yield* dialect()) === "pg";
  const out = yield* transaction(function* () {
    const row = yield* loadForSave(id);
    if (!row) return { kind: "not_found" as const };
    if (!(yield* canViewLazily(actor, row.report.agencyId))) return { kind: "not_found" as const };
    const can = canEditContent(actor, row.report);
    if (!can.ok) {
      // The wrong person is refused as such; the right person at the wrong time is told why.
      return can.locked ? { kind: "locked" as const, reason: can.reason } : { kind: "forbidden" as const, reason: can.reason };
    }
    const current = cachedDoc(`report:${row.report.id}`, row.report.data, parseStoredReport);
    if (!current) {
      return { kind: "locked" as const, reason: "已保存的年报数据无法读取（可能已损坏），为避免覆盖原数据，本次修改未保存。请联系系统管理员从备份恢复" };
    }
    if (row.report.version !== baseVersion) return conflictWith(row, current);
    if (incoming.year !== row.report.year || incoming.edition !== row.report.edition) {
      return { kind: "mismatch" as const, reason: `文档的年度或格式版本（${incoming.year} 年度，${incoming.edition} 版）与该年报（${row.report.year} 年度，${row.report.edition} 版）不符` };
    }
    // The agency is the report's, whatever the document says. The saved document is kept (frozen)
    // for the next save, so it must share no object with the caller's `incoming`.
    const next = computeDerived({
      ...incoming,
      agency: { ...structuredClone(incoming.agency), name: row.agencyName, code: row.agencyCode },
      narrative: { ...incoming.narrative },
      ...(incoming.meta ? { meta: structuredClone(incoming.meta) } : {}),
    });
    const validation = yield* validateWithHistory(row.report.agencyId, next);
    const diff = diffReports(current, next);
    if (isEmptyDiff(diff)) {
      return { kind: "saved" as const, version: row.report.version, updatedAt: row.report.updatedAt, report: next, validation, unchanged: true };
    }
    const now = new Date();
    const text = JSON.stringify(next);
    const changed = yield* preparedExec(
      "reports.save.update",
      (d, t) =>
        d
          .update(t.reports)
          .set({ data: sql`${sql.placeholder("data")}`, version: sql`${t.reports.version} + 1`, updatedBy: sql`${sql.placeholder("by")}`, updatedAt: sql`${sql.placeholder("at")}` })
          .where(and(eq(t.reports.id, sql.placeholder("id")), eq(t.reports.version, sql.placeholder("base")), eq(t.reports.status, sql.placeholder("status")))),
      { id, base: baseVersion, status: row.report.status, data: text, by: actor.id, at: pg ? now.toISOString() : now.getTime() },
    );
    if (changed !== 1) {
      // Another app server changed the report since it was read (PostgreSQL): it saved first — the
      // conflict carries what it saved — or took a step (submitted it …) after which this save may
      // no longer be made. Either way nothing was written.
      const fresh = yield* loadForSave(id);
      if (!fresh) return { kind: "not_found" as const };
      const still = canEditContent(actor, fresh.report);
      if (!still.ok) return still.locked ? { kind: "locked" as const, reason: still.reason } : { kind: "forbidden" as const, reason: still.reason };
      return conflictWith(fresh, cachedDoc(`report:${fresh.report.id}`, fresh.report.data, parseStoredReport) ?? current);
    }
    const version = baseVersion + 1;
    // The audit entry is the compact, reversible delta from the stored text it replaced to the new
    // one (lib/audit/delta.ts): a narrative keystroke burst costs its own characters, not the whole
    // section twice, and every saved version can be rebuilt from the current one (db/audit.ts).
    const delta: SaveDelta = { version, base: baseVersion, hash: textHash(text), ops: makeDelta(row.report.data, text, next) };
    // The audit row as writeAudit writes it, prepared.
    yield* preparedExec(
      "reports.save.audit",
      (d, t) =>
        d.insert(t.auditLog).values({
          actorId: sql.placeholder("actorId"),
          action: "report.save",
          entityType: "report",
          entityId: sql.placeholder("entityId"),
          agencyId: sql.placeholder("agencyId"),
          before: sql.placeholder("before"),
          after: sql.placeholder("after"),
        }),
      { actorId: actor.id, entityId: id, agencyId: row.report.agencyId, before: null, after: JSON.stringify(delta) },
    );
    return { kind: "saved" as const, version, updatedAt: now, report: next, validation, unchanged: false, text };
  });
  if (out.kind !== "saved") return out;
  // After the commit (a PostgreSQL transaction may run again): the next save need not parse it.
  const { text, ...saved } = out as typeof out & { text?: string };
  if (text !== undefined) remember(`report:${id}`, text, saved.report);
  return saved;
}

/**
 * canViewAgency, reading the agency hierarchy from the database only if the check asks for it (it
 * matters for supervisors; a drafter's autosave of their own agency's report never needs it).
 */
function* canViewLazily(actor: Actor, agencyId: number): Q<boolean> {
  let asked = false;
  const probe = new Proxy(new Map<number, number | null>(), {
    get(target, prop) {
      asked = true;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const answer = canViewAgency(actor, agencyId, probe);
  if (!asked) return answer;
  return canViewAgency(actor, agencyId, yield* loadHierarchy());
}

/** The document of one snapshot of the report, or null when it is not a snapshot of this report. */
export function* getSnapshotData(reportId: number, snapshotId: number): Q<ReportDoc | null> {
  if (!Number.isSafeInteger(snapshotId) || snapshotId <= 0) return null;
  const row = yield* one((d, t) =>
    d
      .select({ data: t.reportVersions.data })
      .from(t.reportVersions)
      .where(and(eq(t.reportVersions.id, snapshotId), eq(t.reportVersions.reportId, reportId))),
  );
  return row ? parseStoredReport(row.data) : null;
}

export type ImportOutcome = { ok: true; id: number } | { ok: false; error: string };

/**
 * Creates the agency's report for the imported document's year, keeping the figures exactly as
 * printed (the rule engine then shows the printed errors). Never overwrites an existing report.
 */
export function* createReportFromImport(actor: Actor, doc: ReportDoc): Q<ImportOutcome> {
  const who = yield* draftingAgency(actor, "导入");
  if (!who.ok) return who;
  const { agency } = who;
  const exists = { ok: false as const, error: `本单位 ${doc.year} 年度已有年报，未导入（不会覆盖已有内容）` };
  return yield* transaction(function* () {
    if ((yield* reportIdFor(agency.id, doc.year)) !== undefined) return exists;
    const data: ReportDoc = { ...doc, agency: { ...doc.agency, name: agency.name, code: agency.code } };
    const id = yield* insertReport({ agencyId: agency.id, year: doc.year, edition: doc.edition, data: JSON.stringify(data), createdBy: actor.id, updatedBy: actor.id });
    if (id === undefined) return exists;
    yield* writeAudit({ actorId: actor.id, action: "report.import", entityType: "report", entityId: id, agencyId: agency.id, after: { year: doc.year, edition: doc.edition } });
    return { ok: true as const, id };
  });
}

/**
 * Was the report brought in by importing a published file (补录 of a past year) rather than written
 * here? Such a report is not "overdue": it was published elsewhere, long ago.
 */
export function* wasImported(reportId: number): Q<boolean> {
  const row = yield* one((d, t) =>
    d
      .select({ id: t.auditLog.id })
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, "report.import"), eq(t.auditLog.entityType, "report"), eq(t.auditLog.entityId, reportId)))
      .limit(1),
  );
  return row !== undefined;
}

/** Whether the report has ever been published (a `publish` snapshot exists). */
export function* hasBeenPublished(reportId: number): Q<boolean> {
  const row = yield* one((d, t) =>
    d
      .select({ id: t.reportVersions.id })
      .from(t.reportVersions)
      .where(and(eq(t.reportVersions.reportId, reportId), eq(t.reportVersions.kind, "publish")))
      .limit(1),
  );
  return row != null;
}

export type PortalUrlOutcome = { ok: true; url: string | null } | { ok: false; status: 403 | 404 | 409; reason: string };

/**
 * 回填发布地址: the agency's drafter or reviewer (or an admin) records where the published report
 * stands on the agency's own portal. Only for a report that has been published; audited.
 */
export function* setPortalUrl(actor: Actor, reportId: number, url: string | null): Q<PortalUrlOutcome> {
  return yield* transaction(function* () {
    const row = yield* lockOne((d, t) => d.select({ agencyId: t.reports.agencyId, portalUrl: t.reports.portalUrl }).from(t.reports).where(eq(t.reports.id, reportId)));
    const hierarchy = yield* loadHierarchy();
    if (!row || !canViewAgency(actor, row.agencyId, hierarchy)) return { ok: false as const, status: 404 as const, reason: "年报不存在" };
    if (!may("recordPortalUrl", actor, row, hierarchy)) return { ok: false as const, status: 403 as const, reason: "只有本单位的填报人、审核人或系统管理员可以回填发布地址" };
    if (!(yield* hasBeenPublished(reportId))) return { ok: false as const, status: 409 as const, reason: "年报发布后才能回填发布地址" };
    yield* exec((d, t) => d.update(t.reports).set({ portalUrl: url }).where(eq(t.reports.id, reportId)));
    yield* writeAudit({ actorId: actor.id, action: "portal.set", entityType: "report", entityId: reportId, agencyId: row.agencyId, before: { portalUrl: row.portalUrl }, after: { portalUrl: url } });
    return { ok: true as const, url };
  });
}

/** The recorded portal URLs (回填发布地址) of a year's reports, by agency. */
export function* portalUrlsOfYear(year: number): Q<Map<number, string>> {
  const rows = yield* all((d, t) =>
    d
      .select({ agencyId: t.reports.agencyId, portalUrl: t.reports.portalUrl })
      .from(t.reports)
      .where(and(eq(t.reports.year, year), isNotNull(t.reports.portalUrl))),
  );
  return new Map(rows.map((r) => [r.agencyId, r.portalUrl!]));
}

type StepActor = { name: string; at: Date } | null;

/** Who took the report's last submit, approve and publish steps (the 审签 block of the print view). */
export function* stepActors(reportId: number): Q<{ submit: StepActor; approve: StepActor; publish: StepActor }> {
  function* last(actions: string[]): Q<StepActor> {
    const r = yield* one((d, t) =>
      d
        .select({ name: t.users.displayName, at: t.auditLog.at })
        .from(t.auditLog)
        .leftJoin(t.users, eq(t.users.id, t.auditLog.actorId))
        .where(and(eq(t.auditLog.entityType, "report"), eq(t.auditLog.entityId, reportId), inArray(t.auditLog.action, actions)))
        .orderBy(desc(t.auditLog.id))
        .limit(1),
    );
    return r && r.name ? { name: r.name, at: r.at } : null;
  }
  return { submit: yield* last(["report.submit"]), approve: yield* last(["report.approve"]), publish: yield* last(["report.publish", "report.backfillPublish"]) };
}

/**
 * When the report was first published: a back-fill's own date (the day it was published elsewhere,
 * when the user gave it), else the first publication snapshot; null when never published.
 */
export function* firstPublishedAt(reportId: number): Q<Date | null> {
  const row = yield* one((d, t) =>
    d
      .select({ at: sql<Date | null>`min(${t.reportVersions.createdAt})`.mapWith(t.reportVersions.createdAt), publishedOn: sql<string | null>`min(${t.reportVersions.publishedOn})` })
      .from(t.reportVersions)
      .where(and(eq(t.reportVersions.reportId, reportId), eq(t.reportVersions.kind, "publish"))),
  );
  if (!row || row.at == null) return null;
  return row.publishedOn ? new Date(`${row.publishedOn}T12:00:00+08:00`) : row.at;
}
