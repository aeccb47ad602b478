// 年报质量检查 (issue 18): check runs of a supervising office, persisted step by step so that the
// page shows progress, a run can be cancelled, and a server restart resumes it (or marks it failed).
//
// The job runs in the server process but off the request thread: each file is imported in a
// worker thread (lib/import/worker, with its time and memory limits); the checks of one report
// take milliseconds. Progress lives in the database only (quality_runs.done/status, each item's
// status), so any server process can show it and a restarted one resumes from it: a run whose
// heartbeat is older than STALE_MS and that no runner of this process holds is taken over.
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { blob, index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Actor } from "../lib/auth/access";
import { parseStoredReport, type ReportDoc } from "../lib/data";
import { importInWorker, isBusy } from "../lib/import/worker/run-import";
import { checkImported, checkStored, type CheckOptions } from "../lib/quality/check";
import { finishRunYielding, importFile, unmatchedFinding, type FinishInput, type Importer, type RunItemResult } from "../lib/quality/batch";
import type { ReportFile } from "../lib/quality/files";
import { matchAgency, type AgencyRef, type MatchConfidence } from "../lib/quality/match";
import { attachYearOverYear, compareYears, type YearOverYear } from "../lib/quality/compare";
import { fetchPublished } from "../lib/quality/fetch";
import type { ScopeAgency } from "../lib/quality/rollup-check";
import { DEFAULT_SCHEME, schemeSchema, type ScoringScheme } from "../lib/quality/score";
import type { CheckedReport, Finding } from "../lib/quality/types";
import type { Db } from "./client";
import { reportYears } from "../lib/oversight/query";
import { applicationTrend, type TrendData } from "../lib/quality/trend";
import { loadRollup, oversightScope } from "./oversight";
import { findPreviousReport } from "./reports";
import { agencies, reports, reportVersions, users } from "./schema";
import { runSqlite } from "./run-sqlite";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

export const qualityRuns = sqliteTable(
  "quality_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    officeId: integer("office_id").references(() => agencies.id),
    createdBy: integer("created_by").notNull().references(() => users.id),
    status: text("status", { enum: ["running", "done", "failed", "cancelled"] }).notNull(),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    message: text("message"),
    scheme: text("scheme").notNull(),
    createdAt: ts("created_at").notNull().default(sql`(unixepoch('subsec') * 1000)`),
    heartbeatAt: ts("heartbeat_at").notNull().default(sql`(unixepoch('subsec') * 1000)`),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("quality_runs_office_idx").on(t.officeId, t.id), index("quality_runs_status_idx").on(t.status)],
);

export const qualityItems = sqliteTable(
  "quality_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id").notNull().references(() => qualityRuns.id),
    source: text("source", { enum: ["nianbao", "file"] }).notNull(),
    fileName: text("file_name"),
    fileBytes: blob("file_bytes", { mode: "buffer" }),
    /** A published page the server fetches from the office's portal (issue 18 §1c). */
    url: text("url"),
    snapshotId: integer("snapshot_id").references(() => reportVersions.id),
    agencyId: integer("agency_id").references(() => agencies.id),
    matchConfidence: text("match_confidence"),
    matchReason: text("match_reason"),
    documentAgency: text("document_agency"),
    enteredDate: text("entered_date"),
    status: text("status", { enum: ["pending", "done", "superseded"] }).notNull(),
    report: text("report"),
    edition: text("edition"),
    date: text("date"),
    dateSource: text("date_source"),
    score: real("score"),
    breakdown: text("breakdown"),
  },
  (t) => [index("quality_items_run_idx").on(t.runId, t.status, t.id)],
);

export const qualityFindings = sqliteTable(
  "quality_findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id").notNull().references(() => qualityRuns.id),
    itemId: integer("item_id").notNull().references(() => qualityItems.id),
    rule: text("rule").notNull(),
    kind: text("kind").notNull(),
    severity: text("severity").notNull(),
    /** "item": from the report itself; "run": from the other reports of the run (内容雷同). */
    phase: text("phase", { enum: ["item", "run"] }).notNull(),
    finding: text("finding").notNull(),
  },
  (t) => [index("quality_findings_item_idx").on(t.itemId, t.id), index("quality_findings_run_kind_idx").on(t.runId, t.kind)],
);

export type QualityRunRow = typeof qualityRuns.$inferSelect;

/** A run whose runner has not beaten for this long is taken to have died with its process. */
export const STALE_MS = 15_000;
/** Items checked at once by one run (the import worker pool has two slots; users' imports need them too). */
export const RUN_CONCURRENCY = 2;

function chinaDate(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return c.toISOString().slice(0, 10);
}

function scopeAgencies(db: Db, actor: Actor): { office: { id: number; name: string } | null; agencies: AgencyRef[] } {
  const scope = oversightScope(db, actor);
  return { office: scope.office, agencies: scope.agencies.map((a) => ({ id: a.id, name: a.name, code: a.code })) };
}

export type CreateRunOutcome = { ok: true; runId: number } | { ok: false; error: string };

/**
 * A new run over the actor's scope for `year`: every subordinate's latest published report of the
 * year in nianbao, and the uploaded files. Returns at once; `startRun` does the work.
 */
export function createRun(db: Db, actor: Actor, year: number, files: readonly ReportFile[], scheme: ScoringScheme = DEFAULT_SCHEME, urls: readonly string[] = []): CreateRunOutcome {
  const scope = scopeAgencies(db, actor);
  if (!scope.agencies.length) return { ok: false, error: "您的检查范围内没有下级单位" };
  const ids = scope.agencies.map((a) => a.id);
  const published = db
    .select({ agencyId: reports.agencyId, snapshotId: sql<number>`max(${reportVersions.id})` })
    .from(reports)
    .innerJoin(reportVersions, and(eq(reportVersions.reportId, reports.id), eq(reportVersions.kind, "publish")))
    .where(and(eq(reports.year, year), inArray(reports.agencyId, ids)))
    .groupBy(reports.agencyId)
    .all();
  return db.transaction((tx) => {
    const run = tx
      .insert(qualityRuns)
      .values({ year, officeId: scope.office?.id ?? null, createdBy: actor.id, status: "running", total: published.length + files.length + urls.length, scheme: JSON.stringify(scheme) })
      .returning({ id: qualityRuns.id })
      .get();
    for (const p of published) {
      tx.insert(qualityItems).values({ runId: run.id, source: "nianbao", snapshotId: p.snapshotId, agencyId: p.agencyId, matchConfidence: "exact", matchReason: "在本系统中发布", status: "pending" }).run();
    }
    for (const f of files) {
      tx.insert(qualityItems).values({ runId: run.id, source: "file", fileName: f.name.slice(0, 255), fileBytes: Buffer.from(f.bytes), status: "pending" }).run();
    }
    for (const url of urls) {
      tx.insert(qualityItems).values({ runId: run.id, source: "file", fileName: url.slice(0, 255), url, status: "pending" }).run();
    }
    return { ok: true as const, runId: run.id };
  });
}

/** The run if the actor may see it (its office's runs; an admin every run). */
export function getRunForActor(db: Db, actor: Actor, runId: number): QualityRunRow | undefined {
  const run = db.select().from(qualityRuns).where(eq(qualityRuns.id, runId)).get();
  if (!run) return undefined;
  if (actor.role === "admin") return run;
  if (actor.role === "supervisor" && actor.agencyId != null && run.officeId === actor.agencyId) return run;
  return undefined;
}

export function listRunsForActor(db: Db, actor: Actor, limit = 20): QualityRunRow[] {
  if (actor.role === "admin") return db.select().from(qualityRuns).orderBy(desc(qualityRuns.id)).limit(limit).all();
  if (actor.role !== "supervisor" || actor.agencyId == null) return [];
  return db.select().from(qualityRuns).where(eq(qualityRuns.officeId, actor.agencyId)).orderBy(desc(qualityRuns.id)).limit(limit).all();
}

export function cancelRun(db: Db, actor: Actor, runId: number): boolean {
  const run = getRunForActor(db, actor, runId);
  if (!run || run.status !== "running") return false;
  db.update(qualityRuns).set({ status: "cancelled", message: "已取消", finishedAt: new Date() }).where(and(eq(qualityRuns.id, runId), eq(qualityRuns.status, "running"))).run();
  return true;
}

// ---- the job ---------------------------------------------------------------------------------

interface Holder {
  active: Set<number>;
}
const holder: Holder = ((globalThis as Record<string, unknown>).__nianbaoQuality ??= { active: new Set<number>() }) as Holder;

/** The importer of the server: a worker thread per file; waits while the pool is busy with users' imports. */
export const workerImporter: Importer = async (input) => {
  for (let attempt = 0; ; attempt++) {
    const r = await importInWorker(input);
    if (!isBusy(r) || attempt > 600) return r;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

function runRow(db: Db, runId: number): QualityRunRow | undefined {
  return db.select().from(qualityRuns).where(eq(qualityRuns.id, runId)).get();
}

function scopeOfRun(db: Db, run: QualityRunRow): AgencyRef[] {
  if (run.officeId == null) return db.select({ id: agencies.id, name: agencies.name, code: agencies.code }).from(agencies).where(eq(agencies.active, true)).all();
  return scopeAgencies(db, { id: run.createdBy, role: "supervisor", agencyId: run.officeId }).agencies;
}

function snapshotDoc(db: Db, snapshotId: number): { doc: ReportDoc; publishedAt: Date } | undefined {
  const row = db.select({ data: reportVersions.data, at: reportVersions.createdAt }).from(reportVersions).where(eq(reportVersions.id, snapshotId)).get();
  const doc = row ? parseStoredReport(row.data) : null;
  return doc ? { doc, publishedAt: row!.at } : undefined;
}

function saveItem(db: Db, runId: number, itemId: number, checked: CheckedReport, extra: Partial<typeof qualityItems.$inferInsert>): void {
  db.transaction((tx) => {
    tx.delete(qualityFindings).where(eq(qualityFindings.itemId, itemId)).run();
    for (const f of checked.findings) {
      tx.insert(qualityFindings).values({ runId, itemId, rule: f.rule, kind: f.kind, severity: f.severity, phase: "item", finding: JSON.stringify(f) }).run();
    }
    tx.update(qualityItems)
      .set({ ...extra, status: "done", report: checked.report ? JSON.stringify(checked.report) : null, edition: checked.edition ?? null, date: checked.date ?? null, dateSource: checked.dateSource ?? null })
      .where(eq(qualityItems.id, itemId))
      .run();
    tx.update(qualityRuns).set({ done: sql`${qualityRuns.done} + 1`, heartbeatAt: new Date() }).where(eq(qualityRuns.id, runId)).run();
  });
}

function previousFor(db: Db, agencyId: number | null | undefined, year: number): ReportDoc | undefined {
  if (agencyId == null) return undefined;
  return runSqlite(db, findPreviousReport(agencyId, year)) ?? undefined;
}

/** Checks one pending item and stores its findings. */
async function processItem(db: Db, run: QualityRunRow, itemId: number, scope: readonly AgencyRef[], importer: Importer): Promise<void> {
  const item = db.select().from(qualityItems).where(eq(qualityItems.id, itemId)).get();
  if (!item || item.status !== "pending") return;
  const opts: CheckOptions = { year: run.year };
  if (item.source === "nianbao") {
    const snap = item.snapshotId != null ? snapshotDoc(db, item.snapshotId) : undefined;
    const previous = previousFor(db, item.agencyId, run.year);
    if (previous) opts.previous = previous;
    if (!snap) {
      saveItem(db, run.id, itemId, { findings: [{ rule: "import.failed", kind: "import", severity: "error", message: "本系统中已发布的年报数据无法读取" }] }, {});
      return;
    }
    opts.publishedOn = { date: item.enteredDate ?? chinaDate(snap.publishedAt), source: item.enteredDate ? "entered" : "published" };
    saveItem(db, run.id, itemId, checkStored(snap.doc, opts), {});
    return;
  }
  let name = item.fileName ?? "";
  let bytes: Uint8Array = new Uint8Array(item.fileBytes ?? Buffer.alloc(0));
  if (item.url) {
    const fetched = await fetchPublished(item.url);
    if (!fetched.ok) {
      saveItem(db, run.id, itemId, { findings: [{ rule: "import.failed", kind: "import", severity: "error", message: `无法获取 ${item.url}：${fetched.error}` }] }, {});
      return;
    }
    name = fetched.name;
    bytes = fetched.bytes;
  }
  const imported = await importFile(name, bytes, run.year, importer);
  // A person's confirmation (agency chosen on the page) wins over the automatic match.
  const confirmed = item.matchConfidence === "confirmed" && item.agencyId != null;
  const match = confirmed ? { agencyId: item.agencyId!, confidence: "confirmed" as const, reason: item.matchReason ?? "已人工确认" } : matchAgency(scope, imported.documentAgency, item.fileName ?? "");
  const previous = match.confidence === "exact" || match.confidence === "likely" || match.confidence === "confirmed" ? previousFor(db, match.agencyId, run.year) : undefined;
  if (previous) opts.previous = previous;
  if (item.enteredDate) opts.publishedOn = { date: item.enteredDate, source: "entered" };
  const checked = checkImported(imported.result, opts);
  if (match.confidence !== "confirmed") {
    const unmatched = unmatchedFinding(match);
    if (unmatched) checked.findings.unshift(unmatched);
  }
  saveItem(db, run.id, itemId, checked, {
    agencyId: match.agencyId ?? null,
    matchConfidence: match.confidence,
    matchReason: match.reason,
    documentAgency: imported.documentAgency ?? null,
  });
}

/** After every item: an uploaded file supersedes the nianbao item of its agency, then 内容雷同 among the run, scores. */
export async function completeRun(db: Db, run: QualityRunRow): Promise<void> {
  const scheme = parseStoredScheme(run.scheme);
  // Not the stored files' bytes (megabytes over a large run, read on the server's thread for nothing).
  const items = db
    .select({ id: qualityItems.id, source: qualityItems.source, agencyId: qualityItems.agencyId, matchConfidence: qualityItems.matchConfidence, documentAgency: qualityItems.documentAgency, fileName: qualityItems.fileName, report: qualityItems.report, date: qualityItems.date })
    .from(qualityItems)
    .where(and(eq(qualityItems.runId, run.id), inArray(qualityItems.status, ["done", "superseded"])))
    .orderBy(asc(qualityItems.id))
    .all();
  const fileAgencies = new Set(items.filter((i) => i.source === "file" && i.agencyId != null && i.matchConfidence !== "none").map((i) => i.agencyId!));
  const names = new Map(db.select({ id: agencies.id, name: agencies.name }).from(agencies).all().map((a) => [a.id, a.name]));
  const counted = items.filter((i) => !(i.source === "nianbao" && i.agencyId != null && fileAgencies.has(i.agencyId)));
  const superseded = items.filter((i) => !counted.includes(i)).map((i) => i.id);
  const own = db
    .select({ itemId: qualityFindings.itemId, finding: qualityFindings.finding })
    .from(qualityFindings)
    .where(and(eq(qualityFindings.runId, run.id), eq(qualityFindings.phase, "item")))
    .orderBy(asc(qualityFindings.id))
    .all();
  const byItem = new Map<number, Finding[]>();
  for (const f of own) {
    const list = byItem.get(f.itemId) ?? [];
    list.push(JSON.parse(f.finding) as Finding);
    byItem.set(f.itemId, list);
  }
  const inputs: FinishInput[] = counted.map((i) => {
    const checked: CheckedReport = { findings: byItem.get(i.id) ?? [] };
    if (i.report) checked.report = JSON.parse(i.report) as ReportDoc;
    if (i.date) checked.date = i.date;
    const input: FinishInput = { key: String(i.id), agency: (i.agencyId != null ? names.get(i.agencyId) : undefined) ?? i.documentAgency ?? i.fileName ?? "", source: i.source, checked };
    // The agency a report counts for in 本级与下级合计: in nianbao, confirmed, or matched with confidence.
    if (i.agencyId != null && (i.source === "nianbao" || i.matchConfidence === "exact" || i.matchConfidence === "likely" || i.matchConfidence === "confirmed")) input.agencyId = i.agencyId;
    return input;
  });
  const result = await finishRunYielding(run.year, inputs, scheme, scopeHierarchy(db, run));
  db.transaction((tx) => {
    tx.delete(qualityFindings).where(and(eq(qualityFindings.runId, run.id), eq(qualityFindings.phase, "run"))).run();
    if (superseded.length) tx.update(qualityItems).set({ status: "superseded", score: null }).where(inArray(qualityItems.id, superseded)).run();
    result.items.forEach((r, k) => {
      const itemId = Number(inputs[k]!.key);
      const own = byItem.get(itemId)?.length ?? 0;
      for (const f of r.findings.slice(own)) {
        tx.insert(qualityFindings).values({ runId: run.id, itemId, rule: f.rule, kind: f.kind, severity: f.severity, phase: "run", finding: JSON.stringify(f) }).run();
      }
      tx.update(qualityItems).set({ score: r.score, breakdown: JSON.stringify(r.breakdown) }).where(eq(qualityItems.id, itemId)).run();
    });
    tx.update(qualityRuns)
      .set({ status: "done", message: null, finishedAt: new Date(), heartbeatAt: new Date() })
      .where(and(eq(qualityRuns.id, run.id), eq(qualityRuns.status, "running")))
      .run();
  });
}

/** The run's scope with each agency's place in the hierarchy (for 本级与下级合计). */
function scopeHierarchy(db: Db, run: QualityRunRow): ScopeAgency[] {
  const inScope = new Set(scopeOfRun(db, run).map((a) => a.id));
  return db
    .select({ id: agencies.id, name: agencies.name, parentId: agencies.parentId })
    .from(agencies)
    .all()
    .filter((a) => inScope.has(a.id));
}

function parseStoredScheme(text: string): ScoringScheme {
  try {
    const r = schemeSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : DEFAULT_SCHEME;
  } catch {
    return DEFAULT_SCHEME;
  }
}

/**
 * Runs (or resumes) a run to its end in the background of this process; returns its promise (the
 * routes do not wait for it). A run already held by this process is not started twice.
 */
export function startRun(db: Db, runId: number, importer: Importer = workerImporter): Promise<void> | undefined {
  if (holder.active.has(runId)) return undefined;
  holder.active.add(runId);
  // The heartbeat says "a runner holds this run" while a long import is under way.
  const beat = setInterval(() => {
    try {
      db.update(qualityRuns).set({ heartbeatAt: new Date() }).where(and(eq(qualityRuns.id, runId), eq(qualityRuns.status, "running"))).run();
    } catch {
      // busy database: the next beat will do
    }
  }, STALE_MS / 3);
  beat.unref();
  const job = (async () => {
    try {
      const run = runRow(db, runId);
      if (!run || run.status !== "running") return;
      const scope = scopeOfRun(db, run);
      const claimed = new Set<number>();
      const next = (): number | undefined => {
        const row = db
          .select({ id: qualityItems.id })
          .from(qualityItems)
          .where(and(eq(qualityItems.runId, runId), eq(qualityItems.status, "pending"), claimed.size ? sql`${qualityItems.id} not in (${sql.join([...claimed].map((c) => sql`${c}`), sql`, `)})` : sql`1`))
          .orderBy(asc(qualityItems.id))
          .limit(1)
          .get();
        if (row) claimed.add(row.id);
        return row?.id;
      };
      const still = () => runRow(db, runId)?.status === "running";
      const lane = async () => {
        for (let id = next(); id !== undefined; id = next()) {
          if (!still()) return;
          await processItem(db, run, id, scope, importer);
          claimed.delete(id);
        }
      };
      await Promise.all(Array.from({ length: RUN_CONCURRENCY }, lane));
      if (!still()) return;
      db.update(qualityRuns).set({ message: "正在比对各单位年报之间的内容雷同并评分", heartbeatAt: new Date() }).where(eq(qualityRuns.id, runId)).run();
      await completeRun(db, runRow(db, runId)!);
    } catch (e) {
      db.update(qualityRuns)
        .set({ status: "failed", message: `检查中断：${e instanceof Error ? e.message.slice(0, 200) : "内部错误"}`, finishedAt: new Date() })
        .where(and(eq(qualityRuns.id, runId), eq(qualityRuns.status, "running")))
        .run();
    } finally {
      clearInterval(beat);
      holder.active.delete(runId);
    }
  })();
  return job;
}

/**
 * After a restart (or the death of another server process): runs still "running" that no runner
 * holds and whose heartbeat is stale are resumed from their pending items. Called by the quality
 * routes and page, so the first visit after a restart picks them up.
 */
export function resumeInterruptedRuns(db: Db, importer: Importer = workerImporter, now = Date.now()): number[] {
  const stale = db
    .select({ id: qualityRuns.id })
    .from(qualityRuns)
    .where(and(eq(qualityRuns.status, "running"), lt(qualityRuns.heartbeatAt, new Date(now - STALE_MS))))
    .all()
    .filter((r) => !holder.active.has(r.id));
  for (const r of stale) {
    db.update(qualityRuns).set({ heartbeatAt: new Date(now), message: "服务重启后继续检查" }).where(eq(qualityRuns.id, r.id)).run();
    void startRun(db, r.id, importer);
  }
  return stale.map((r) => r.id);
}

/** Marks a run that cannot be resumed (its files are gone) as failed, with the reason. */
export function failRun(db: Db, runId: number, message: string): void {
  db.update(qualityRuns).set({ status: "failed", message, finishedAt: new Date() }).where(eq(qualityRuns.id, runId)).run();
}

/** The office confirms (or corrects) the agency of an uploaded file: the run is checked again. */
export function confirmItemAgency(db: Db, actor: Actor, runId: number, itemId: number, agencyId: number): { ok: true } | { ok: false; error: string } {
  const run = getRunForActor(db, actor, runId);
  if (!run) return { ok: false, error: "检查不存在" };
  if (run.status === "running") return { ok: false, error: "检查尚未结束，请稍后再确认" };
  const scope = scopeOfRun(db, run);
  const agency = scope.find((a) => a.id === agencyId);
  if (!agency) return { ok: false, error: "所选单位不在您的检查范围内" };
  const item = db.select().from(qualityItems).where(and(eq(qualityItems.id, itemId), eq(qualityItems.runId, runId))).get();
  if (!item || item.source !== "file") return { ok: false, error: "文件不存在" };
  db.transaction((tx) => {
    tx.update(qualityItems).set({ agencyId, matchConfidence: "confirmed", matchReason: `已人工确认为「${agency.name}」`, status: "pending" }).where(eq(qualityItems.id, itemId)).run();
    // Every nianbao item of the run may be superseded or not any more: check them again too.
    tx.update(qualityItems).set({ status: "pending" }).where(and(eq(qualityItems.runId, runId), eq(qualityItems.status, "superseded"))).run();
    const pending = tx.select({ n: sql<number>`count(*)` }).from(qualityItems).where(and(eq(qualityItems.runId, runId), eq(qualityItems.status, "pending"))).get()!.n;
    tx.update(qualityRuns).set({ status: "running", done: sql`${qualityRuns.total} - ${pending}`, message: null, finishedAt: null, heartbeatAt: new Date() }).where(eq(qualityRuns.id, runId)).run();
  });
  void startRun(db, runId);
  return { ok: true };
}

// ---- reading results ----------------------------------------------------------------------------

export interface RunItemView extends RunItemResult {
  itemId: number;
  matchConfidence?: MatchConfidence | "confirmed";
}

export interface RunView {
  run: QualityRunRow;
  result: { year: number; items: RunItemView[] };
}

/**
 * A finished run's items with their findings, ranked (superseded nianbao items left out), each
 * compared with the same agency's result in the office's run of the previous year, if any.
 */
export function runResult(db: Db, run: QualityRunRow, compare = true): RunView {
  const items = db.select({ id: qualityItems.id, source: qualityItems.source, fileName: qualityItems.fileName, agencyId: qualityItems.agencyId, matchConfidence: qualityItems.matchConfidence, matchReason: qualityItems.matchReason, documentAgency: qualityItems.documentAgency, date: qualityItems.date, edition: qualityItems.edition, score: qualityItems.score, breakdown: qualityItems.breakdown, status: qualityItems.status }).from(qualityItems).where(and(eq(qualityItems.runId, run.id), eq(qualityItems.status, "done"))).orderBy(asc(qualityItems.id)).all();
  const names = new Map(db.select({ id: agencies.id, name: agencies.name }).from(agencies).all().map((a) => [a.id, a.name]));
  const findings = new Map<number, Finding[]>();
  for (const f of db.select({ itemId: qualityFindings.itemId, finding: qualityFindings.finding }).from(qualityFindings).where(eq(qualityFindings.runId, run.id)).orderBy(asc(qualityFindings.id)).all()) {
    const list = findings.get(f.itemId) ?? [];
    list.push(JSON.parse(f.finding) as Finding);
    findings.set(f.itemId, list);
  }
  const views: RunItemView[] = items.map((i) => {
    const v: RunItemView = {
      itemId: i.id,
      agency: (i.agencyId != null && i.matchConfidence !== "none" ? names.get(i.agencyId) : undefined) ?? i.documentAgency ?? i.fileName ?? "",
      source: i.source,
      score: i.score ?? 0,
      rank: 0,
      breakdown: i.breakdown ? (JSON.parse(i.breakdown) as RunItemResult["breakdown"]) : [],
      findings: findings.get(i.id) ?? [],
    };
    if (i.agencyId != null) v.agencyId = i.agencyId;
    if (i.fileName) v.fileName = i.fileName;
    if (i.matchConfidence) {
      v.matchConfidence = i.matchConfidence as RunItemView["matchConfidence"];
      if (i.matchConfidence !== "confirmed") v.match = { confidence: i.matchConfidence as MatchConfidence, reason: i.matchReason ?? "" };
    }
    if (i.date) v.date = i.date;
    if (i.edition) v.edition = i.edition;
    return v;
  });
  const order = views.map((v, k) => ({ v, k })).sort((a, b) => b.v.score - a.v.score);
  order.forEach(({ v }, pos) => {
    const prev = order[pos - 1];
    v.rank = prev && prev.v.score === v.score ? prev.v.rank : pos + 1;
  });
  const last = compare ? previousRun(db, run) : undefined;
  if (last) attachYearOverYear(views, runResult(db, last, false).result.items, last.year, agencyIdentity);
  return { run, result: { year: run.year, items: views } };
}

/** An item counts for its agency (year over year) when it is in nianbao, confirmed, or matched with confidence. */
function agencyIdentity(i: RunItemView): string | undefined {
  if (i.agencyId === undefined || i.matchConfidence === "none" || i.matchConfidence === "doubtful") return undefined;
  return String(i.agencyId);
}

/** One item against its agency's result in the office's run of the previous year (the item's page). */
export function itemYearOverYear(db: Db, run: QualityRunRow, itemId: number): YearOverYear | undefined {
  const item = db.select({ agencyId: qualityItems.agencyId, matchConfidence: qualityItems.matchConfidence, score: qualityItems.score, status: qualityItems.status }).from(qualityItems).where(and(eq(qualityItems.id, itemId), eq(qualityItems.runId, run.id))).get();
  if (!item || item.status !== "done" || item.agencyId == null || item.score == null || item.matchConfidence === "none" || item.matchConfidence === "doubtful") return undefined;
  const last = previousRun(db, run);
  if (!last) return undefined;
  const before = db
    .select({ id: qualityItems.id, score: qualityItems.score, matchConfidence: qualityItems.matchConfidence })
    .from(qualityItems)
    .where(and(eq(qualityItems.runId, last.id), eq(qualityItems.agencyId, item.agencyId), eq(qualityItems.status, "done")))
    .orderBy(asc(qualityItems.id))
    .all()
    .find((i) => i.score != null && i.matchConfidence !== "none" && i.matchConfidence !== "doubtful");
  if (!before) return undefined;
  const findingsOf = (id: number) => db.select({ finding: qualityFindings.finding }).from(qualityFindings).where(eq(qualityFindings.itemId, id)).orderBy(asc(qualityFindings.id)).all().map((f) => JSON.parse(f.finding) as Finding);
  return compareYears({ score: item.score, findings: findingsOf(itemId) }, { year: last.year, score: before.score!, findings: findingsOf(before.id) });
}

/** The stored report of an item (for "open the report with its findings highlighted"). */
export function itemReport(db: Db, run: QualityRunRow, itemId: number): { doc: ReportDoc; findings: Finding[]; fileName: string | null } | undefined {
  const item = db.select().from(qualityItems).where(and(eq(qualityItems.id, itemId), eq(qualityItems.runId, run.id))).get();
  if (!item?.report) return undefined;
  const findings = db.select({ finding: qualityFindings.finding }).from(qualityFindings).where(eq(qualityFindings.itemId, itemId)).orderBy(asc(qualityFindings.id)).all().map((f) => JSON.parse(f.finding) as Finding);
  return { doc: JSON.parse(item.report) as ReportDoc, findings, fileName: item.fileName };
}

/** The office's latest finished run of the previous report year (year-over-year comparison). */
export function previousRun(db: Db, run: QualityRunRow): QualityRunRow | undefined {
  return db
    .select()
    .from(qualityRuns)
    .where(and(run.officeId == null ? sql`${qualityRuns.officeId} is null` : eq(qualityRuns.officeId, run.officeId), eq(qualityRuns.year, run.year - 1), eq(qualityRuns.status, "done")))
    .orderBy(desc(qualityRuns.id))
    .limit(1)
    .get();
}

/** Tests only: forget this process's runners, as a restarted process would have none. */
export function forgetRunnersForTests(): void {
  holder.active.clear();
}

/**
 * The dashboard's 依申请 chart: the roll-up of the published reports in the actor's scope for the
 * last `span` report years (oldest first), received applications and outcomes.
 */
export function applicationTrendFor(db: Db, actor: Actor, current: number, span = 5): TrendData {
  const years = reportYears(current).slice(0, span).reverse();
  return applicationTrend(
    years.map((year) => {
      const r = loadRollup(db, actor, year, ["published"]);
      return { year, doc: r.result.doc, reports: r.result.included.length };
    }),
  );
}
