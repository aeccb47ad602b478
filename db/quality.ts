// 年报质量检查 (issue 18): check runs of a supervising office, persisted step by step so that the
// page shows progress, a run can be cancelled, and a server restart resumes it (or marks it failed).
//
// The job runs in the server process but off the request thread: each file is imported in a
// worker thread (lib/import/worker, with its time and memory limits); the checks of one report
// take milliseconds. Progress lives in the database only (quality_runs.done/status, each item's
// status), so any app server can show it and a restarted one resumes from it: a run whose
// heartbeat is older than STALE_MS and that no runner of this process holds is taken over — by one
// server only (a conditional UPDATE of the heartbeat that only one wins), and an item's result is
// recorded once even if two servers' workers check it at once (its row goes from pending to done
// in a conditional UPDATE that only one wins; the loser's result is dropped).
//
// The data functions (db/unit.ts) run on SQLite or PostgreSQL; the job itself (startRun,
// resumeInterruptedRuns, completeRun, confirmItemAgency) is given the Store to run them on.
import { and, asc, count, desc, eq, inArray, isNull, lt, max, notInArray, sql } from "drizzle-orm";
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
import { reportYears } from "../lib/oversight/query";
import { applicationTrend, type TrendData } from "../lib/quality/trend";
import { loadRollup, oversightScope } from "./oversight";
import { findPreviousReport } from "./reports";
import { agencies, reportVersions, users } from "./schema";
import type { Store } from "./store";
import { all, exec, lockOne, one, transaction, type Q, type Tables } from "./unit";

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

type QualityTables = { qualityRuns: typeof qualityRuns; qualityItems: typeof qualityItems; qualityFindings: typeof qualityFindings };
const SQLITE_QUALITY_TABLES: QualityTables = { qualityRuns, qualityItems, qualityFindings };

/**
 * The quality tables of a step's dialect: SQLite's are declared above (db/schema.ts does not hold
 * them), PostgreSQL's twins come with the runner's tables (db/pg/schema.ts).
 */
function qt(t: Tables): QualityTables {
  return "qualityRuns" in t ? (t as unknown as QualityTables) : SQLITE_QUALITY_TABLES;
}

/** A run whose runner has not beaten for this long is taken to have died with its process. */
export const STALE_MS = 15_000;
/** Items checked at once by one run (the import worker pool has two slots; users' imports need them too). */
export const RUN_CONCURRENCY = 2;

function chinaDate(d: Date): string {
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return c.toISOString().slice(0, 10);
}

/** A row id as the databases hold them (32-bit on PostgreSQL): anything else names no row. */
const isRowId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647;

function* scopeAgencies(actor: Actor): Q<{ office: { id: number; name: string } | null; agencies: AgencyRef[] }> {
  const scope = yield* oversightScope(actor);
  return { office: scope.office, agencies: scope.agencies.map((a) => ({ id: a.id, name: a.name, code: a.code })) };
}

export type CreateRunOutcome = { ok: true; runId: number } | { ok: false; error: string };

/** Rows per INSERT of a run's nianbao items (a province office's run has thousands). */
const ITEM_BATCH = 200;

/**
 * A new run over the actor's scope for `year`: every subordinate's latest published report of the
 * year in nianbao, and the uploaded files. Returns at once; `startRun` does the work.
 */
export function* createRun(actor: Actor, year: number, files: readonly ReportFile[], scheme: ScoringScheme = DEFAULT_SCHEME, urls: readonly string[] = []): Q<CreateRunOutcome> {
  const scope = yield* scopeAgencies(actor);
  if (!scope.agencies.length) return { ok: false, error: "您的检查范围内没有下级单位" };
  const ids = scope.agencies.map((a) => a.id);
  const published = yield* all((d, t) =>
    d
      .select({ agencyId: t.reports.agencyId, snapshotId: max(t.reportVersions.id) })
      .from(t.reports)
      .innerJoin(t.reportVersions, and(eq(t.reportVersions.reportId, t.reports.id), eq(t.reportVersions.kind, "publish")))
      .where(and(eq(t.reports.year, year), inArray(t.reports.agencyId, ids)))
      .groupBy(t.reports.agencyId),
  );
  return yield* transaction(function* (): Q<CreateRunOutcome> {
    const run = (yield* all((d, t) =>
      d
        .insert(qt(t).qualityRuns)
        .values({ year, officeId: scope.office?.id ?? null, createdBy: actor.id, status: "running", total: published.length + files.length + urls.length, scheme: JSON.stringify(scheme) })
        .returning({ id: qt(t).qualityRuns.id }),
    ))[0]!;
    const nianbao = published.map((p) => ({ runId: run.id, source: "nianbao" as const, snapshotId: p.snapshotId!, agencyId: p.agencyId, matchConfidence: "exact", matchReason: "在本系统中发布", status: "pending" as const }));
    for (let i = 0; i < nianbao.length; i += ITEM_BATCH) {
      const batch = nianbao.slice(i, i + ITEM_BATCH);
      yield* exec((d, t) => d.insert(qt(t).qualityItems).values(batch));
    }
    for (const f of files) {
      yield* exec((d, t) => d.insert(qt(t).qualityItems).values({ runId: run.id, source: "file", fileName: f.name.slice(0, 255), fileBytes: Buffer.from(f.bytes), status: "pending" }));
    }
    for (const url of urls) {
      yield* exec((d, t) => d.insert(qt(t).qualityItems).values({ runId: run.id, source: "file", fileName: url.slice(0, 255), url, status: "pending" }));
    }
    return { ok: true as const, runId: run.id };
  });
}

function* runRow(runId: number): Q<QualityRunRow | undefined> {
  if (!isRowId(runId)) return undefined;
  return yield* one((d, t) => d.select().from(qt(t).qualityRuns).where(eq(qt(t).qualityRuns.id, runId)));
}

/** The run if the actor may see it (its office's runs; an admin every run). */
export function* getRunForActor(actor: Actor, runId: number): Q<QualityRunRow | undefined> {
  const run = yield* runRow(runId);
  if (!run) return undefined;
  if (actor.role === "admin") return run;
  if (actor.role === "supervisor" && actor.agencyId != null && run.officeId === actor.agencyId) return run;
  return undefined;
}

export function* listRunsForActor(actor: Actor, limit = 20): Q<QualityRunRow[]> {
  if (actor.role === "admin") return yield* all((d, t) => d.select().from(qt(t).qualityRuns).orderBy(desc(qt(t).qualityRuns.id)).limit(limit));
  if (actor.role !== "supervisor" || actor.agencyId == null) return [];
  const officeId = actor.agencyId;
  return yield* all((d, t) => d.select().from(qt(t).qualityRuns).where(eq(qt(t).qualityRuns.officeId, officeId)).orderBy(desc(qt(t).qualityRuns.id)).limit(limit));
}

export function* cancelRun(actor: Actor, runId: number): Q<boolean> {
  const run = yield* getRunForActor(actor, runId);
  if (!run || run.status !== "running") return false;
  yield* exec((d, t) =>
    d
      .update(qt(t).qualityRuns)
      .set({ status: "cancelled", message: "已取消", finishedAt: new Date() })
      .where(and(eq(qt(t).qualityRuns.id, runId), eq(qt(t).qualityRuns.status, "running"))),
  );
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

function* scopeOfRun(run: QualityRunRow): Q<AgencyRef[]> {
  if (run.officeId == null) return yield* all((d, t) => d.select({ id: t.agencies.id, name: t.agencies.name, code: t.agencies.code }).from(t.agencies).where(eq(t.agencies.active, true)));
  return (yield* scopeAgencies({ id: run.createdBy, role: "supervisor", agencyId: run.officeId })).agencies;
}

function* snapshotDoc(snapshotId: number): Q<{ doc: ReportDoc; publishedAt: Date } | undefined> {
  const row = yield* one((d, t) => d.select({ data: t.reportVersions.data, at: t.reportVersions.createdAt }).from(t.reportVersions).where(eq(t.reportVersions.id, snapshotId)));
  const doc = row ? parseStoredReport(row.data) : null;
  return doc ? { doc, publishedAt: row!.at } : undefined;
}

/**
 * Records an item's result, once: the item goes from pending to done in a conditional UPDATE that
 * only one worker wins (two servers' workers checking the same item at once, after a takeover);
 * the loser writes nothing. Returns whether this call recorded it.
 */
function* saveItem(runId: number, itemId: number, checked: CheckedReport, extra: Partial<typeof qualityItems.$inferInsert>): Q<boolean> {
  return yield* transaction(function* () {
    const won = yield* exec((d, t) =>
      d
        .update(qt(t).qualityItems)
        .set({ ...extra, status: "done", report: checked.report ? JSON.stringify(checked.report) : null, edition: checked.edition ?? null, date: checked.date ?? null, dateSource: checked.dateSource ?? null })
        .where(and(eq(qt(t).qualityItems.id, itemId), eq(qt(t).qualityItems.status, "pending"))),
    );
    if (!won) return false;
    yield* exec((d, t) => d.delete(qt(t).qualityFindings).where(eq(qt(t).qualityFindings.itemId, itemId)));
    const rows = checked.findings.map((f) => ({ runId, itemId, rule: f.rule, kind: f.kind, severity: f.severity, phase: "item" as const, finding: JSON.stringify(f) }));
    for (let i = 0; i < rows.length; i += ITEM_BATCH) {
      const batch = rows.slice(i, i + ITEM_BATCH);
      yield* exec((d, t) => d.insert(qt(t).qualityFindings).values(batch));
    }
    yield* exec((d, t) => d.update(qt(t).qualityRuns).set({ done: sql`${qt(t).qualityRuns.done} + 1`, heartbeatAt: new Date() }).where(eq(qt(t).qualityRuns.id, runId)));
    return true;
  });
}

function* previousFor(agencyId: number | null | undefined, year: number): Q<ReportDoc | undefined> {
  if (agencyId == null) return undefined;
  return (yield* findPreviousReport(agencyId, year)) ?? undefined;
}

function* pendingItem(itemId: number): Q<typeof qualityItems.$inferSelect | undefined> {
  const item = yield* one((d, t) => d.select().from(qt(t).qualityItems).where(eq(qt(t).qualityItems.id, itemId)));
  return item?.status === "pending" ? item : undefined;
}

/** A nianbao item: its published snapshot checked against last year's report. */
function* checkNianbaoItem(run: QualityRunRow, item: typeof qualityItems.$inferSelect): Q<void> {
  const opts: CheckOptions = { year: run.year };
  const snap = item.snapshotId != null ? yield* snapshotDoc(item.snapshotId) : undefined;
  const previous = yield* previousFor(item.agencyId, run.year);
  if (previous) opts.previous = previous;
  if (!snap) {
    yield* saveItem(run.id, item.id, { findings: [{ rule: "import.failed", kind: "import", severity: "error", message: "本系统中已发布的年报数据无法读取" }] }, {});
    return;
  }
  opts.publishedOn = { date: item.enteredDate ?? chinaDate(snap.publishedAt), source: item.enteredDate ? "entered" : "published" };
  yield* saveItem(run.id, item.id, checkStored(snap.doc, opts), {});
}

/** An imported file: matched to an agency, checked against that agency's last year. */
function* checkImportedItem(run: QualityRunRow, item: typeof qualityItems.$inferSelect, imported: Awaited<ReturnType<typeof importFile>>, scope: readonly AgencyRef[]): Q<void> {
  const opts: CheckOptions = { year: run.year };
  // A person's confirmation (agency chosen on the page) wins over the automatic match.
  const confirmed = item.matchConfidence === "confirmed" && item.agencyId != null;
  const match = confirmed ? { agencyId: item.agencyId!, confidence: "confirmed" as const, reason: item.matchReason ?? "已人工确认" } : matchAgency(scope, imported.documentAgency, item.fileName ?? "");
  const previous = match.confidence === "exact" || match.confidence === "likely" || match.confidence === "confirmed" ? yield* previousFor(match.agencyId, run.year) : undefined;
  if (previous) opts.previous = previous;
  if (item.enteredDate) opts.publishedOn = { date: item.enteredDate, source: "entered" };
  const checked = checkImported(imported.result, opts);
  if (match.confidence !== "confirmed") {
    const unmatched = unmatchedFinding(match);
    if (unmatched) checked.findings.unshift(unmatched);
  }
  yield* saveItem(run.id, item.id, checked, {
    agencyId: match.agencyId ?? null,
    matchConfidence: match.confidence,
    matchReason: match.reason,
    documentAgency: imported.documentAgency ?? null,
  });
}

/** Checks one pending item and stores its findings (the import itself between two database steps). */
async function processItem(store: Store, run: QualityRunRow, itemId: number, scope: readonly AgencyRef[], importer: Importer): Promise<void> {
  const item = await store.run(pendingItem(itemId));
  if (!item) return;
  if (item.source === "nianbao") {
    await store.run(checkNianbaoItem(run, item));
    return;
  }
  let name = item.fileName ?? "";
  let bytes: Uint8Array = new Uint8Array(item.fileBytes ?? Buffer.alloc(0));
  if (item.url) {
    const fetched = await fetchPublished(item.url);
    if (!fetched.ok) {
      await store.run(saveItem(run.id, itemId, { findings: [{ rule: "import.failed", kind: "import", severity: "error", message: `无法获取 ${item.url}：${fetched.error}` }] }, {}));
      return;
    }
    name = fetched.name;
    bytes = fetched.bytes;
  }
  const imported = await importFile(name, bytes, run.year, importer);
  await store.run(checkImportedItem(run, item, imported, scope));
}

interface RunInputs {
  inputs: FinishInput[];
  byItem: Map<number, Finding[]>;
  superseded: number[];
  hierarchy: ScopeAgency[];
}

/** What the end of a run reads: the checked items (not the stored files' bytes), their own findings, the scope. */
function* runInputs(run: QualityRunRow): Q<RunInputs> {
  // Not the stored files' bytes (megabytes over a large run, read on the server's thread for nothing).
  const items = yield* all((d, t) =>
    d
      .select({ id: qt(t).qualityItems.id, source: qt(t).qualityItems.source, agencyId: qt(t).qualityItems.agencyId, matchConfidence: qt(t).qualityItems.matchConfidence, documentAgency: qt(t).qualityItems.documentAgency, fileName: qt(t).qualityItems.fileName, report: qt(t).qualityItems.report, date: qt(t).qualityItems.date })
      .from(qt(t).qualityItems)
      .where(and(eq(qt(t).qualityItems.runId, run.id), inArray(qt(t).qualityItems.status, ["done", "superseded"])))
      .orderBy(asc(qt(t).qualityItems.id)),
  );
  const fileAgencies = new Set(items.filter((i) => i.source === "file" && i.agencyId != null && i.matchConfidence !== "none").map((i) => i.agencyId!));
  const names = new Map((yield* all((d, t) => d.select({ id: t.agencies.id, name: t.agencies.name }).from(t.agencies))).map((a) => [a.id, a.name]));
  const counted = items.filter((i) => !(i.source === "nianbao" && i.agencyId != null && fileAgencies.has(i.agencyId)));
  const superseded = items.filter((i) => !counted.includes(i)).map((i) => i.id);
  const own = yield* all((d, t) =>
    d
      .select({ itemId: qt(t).qualityFindings.itemId, finding: qt(t).qualityFindings.finding })
      .from(qt(t).qualityFindings)
      .where(and(eq(qt(t).qualityFindings.runId, run.id), eq(qt(t).qualityFindings.phase, "item")))
      .orderBy(asc(qt(t).qualityFindings.id)),
  );
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
  return { inputs, byItem, superseded, hierarchy: yield* scopeHierarchy(run) };
}

/** The run's findings among its reports and scores, and its end (only while it still runs). */
function* writeRunResult(run: QualityRunRow, got: RunInputs, result: Awaited<ReturnType<typeof finishRunYielding>>, again: boolean): Q<void> {
  const { inputs, byItem, superseded } = got;
  yield* transaction(function* () {
    // Two servers' runners may both reach the end of one run: the first to lock the run writes the
    // result, the other finds it ended and writes nothing (no run-phase finding twice).
    const current = yield* lockOneRun(run.id);
    if (current?.status !== "running" && !again) return;
    yield* exec((d, t) => d.delete(qt(t).qualityFindings).where(and(eq(qt(t).qualityFindings.runId, run.id), eq(qt(t).qualityFindings.phase, "run"))));
    if (superseded.length) yield* exec((d, t) => d.update(qt(t).qualityItems).set({ status: "superseded", score: null }).where(inArray(qt(t).qualityItems.id, superseded)));
    for (let k = 0; k < result.items.length; k++) {
      const r = result.items[k]!;
      const itemId = Number(inputs[k]!.key);
      const own = byItem.get(itemId)?.length ?? 0;
      const rows = r.findings.slice(own).map((f) => ({ runId: run.id, itemId, rule: f.rule, kind: f.kind, severity: f.severity, phase: "run" as const, finding: JSON.stringify(f) }));
      if (rows.length) yield* exec((d, t) => d.insert(qt(t).qualityFindings).values(rows));
      yield* exec((d, t) => d.update(qt(t).qualityItems).set({ score: r.score, breakdown: JSON.stringify(r.breakdown) }).where(eq(qt(t).qualityItems.id, itemId)));
    }
    yield* exec((d, t) =>
      d
        .update(qt(t).qualityRuns)
        .set({ status: "done", message: null, finishedAt: new Date(), heartbeatAt: new Date() })
        .where(and(eq(qt(t).qualityRuns.id, run.id), eq(qt(t).qualityRuns.status, "running"))),
    );
  });
}

/** After every item: an uploaded file supersedes the nianbao item of its agency, then 内容雷同 among the run, scores. */
export async function completeRun(store: Store, run: QualityRunRow, opts: { again?: boolean } = {}): Promise<void> {
  const scheme = parseStoredScheme(run.scheme);
  const got = await store.run(runInputs(run));
  const result = await finishRunYielding(run.year, got.inputs, scheme, got.hierarchy);
  // `again`: rewrite the result of a run that has ended (the benchmark times this step alone).
  await store.run(writeRunResult(run, got, result, opts.again ?? false));
}

/** The run's scope with each agency's place in the hierarchy (for 本级与下级合计). */
function* scopeHierarchy(run: QualityRunRow): Q<ScopeAgency[]> {
  const inScope = new Set((yield* scopeOfRun(run)).map((a) => a.id));
  return (yield* all((d, t) => d.select({ id: t.agencies.id, name: t.agencies.name, parentId: t.agencies.parentId }).from(t.agencies))).filter((a) => inScope.has(a.id));
}

function parseStoredScheme(text: string): ScoringScheme {
  try {
    const r = schemeSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : DEFAULT_SCHEME;
  } catch {
    return DEFAULT_SCHEME;
  }
}

/** The next pending item of the run that this runner has not taken yet (lowest id first). */
function* nextPending(runId: number, taken: readonly number[]): Q<number | undefined> {
  const row = yield* one((d, t) =>
    d
      .select({ id: qt(t).qualityItems.id })
      .from(qt(t).qualityItems)
      .where(and(eq(qt(t).qualityItems.runId, runId), eq(qt(t).qualityItems.status, "pending"), taken.length ? notInArray(qt(t).qualityItems.id, [...taken]) : undefined))
      .orderBy(asc(qt(t).qualityItems.id))
      .limit(1),
  );
  return row?.id;
}

function* beat(runId: number, message?: string): Q<number> {
  return yield* exec((d, t) =>
    d
      .update(qt(t).qualityRuns)
      .set({ heartbeatAt: new Date(), ...(message ? { message } : {}) })
      .where(and(eq(qt(t).qualityRuns.id, runId), eq(qt(t).qualityRuns.status, "running"))),
  );
}

function* failRunning(runId: number, message: string): Q<void> {
  yield* exec((d, t) =>
    d
      .update(qt(t).qualityRuns)
      .set({ status: "failed", message, finishedAt: new Date() })
      .where(and(eq(qt(t).qualityRuns.id, runId), eq(qt(t).qualityRuns.status, "running"))),
  );
}

/**
 * Runs (or resumes) a run to its end in the background of this process, on `store`; returns its
 * promise (the routes do not wait for it). A run already held by this process is not started twice.
 */
export function startRun(store: Store, runId: number, importer: Importer = workerImporter): Promise<void> | undefined {
  if (holder.active.has(runId)) return undefined;
  holder.active.add(runId);
  // The heartbeat says "a runner holds this run" while a long import is under way.
  const timer = setInterval(() => {
    // A busy database: the next beat will do.
    store.run(beat(runId)).catch(() => undefined);
  }, STALE_MS / 3);
  timer.unref();
  const job = (async () => {
    try {
      const run = await store.run(runRow(runId));
      if (!run || run.status !== "running") return;
      const scope = await store.run(scopeOfRun(run));
      // Items this runner's lanes hold; the lanes pick one at a time (one query after another), so
      // two lanes never take the same item.
      const claimed = new Set<number>();
      let picking: Promise<unknown> = Promise.resolve();
      const next = (): Promise<number | undefined> => {
        const picked = picking.then(async () => {
          const id = await store.run(nextPending(runId, [...claimed]));
          if (id !== undefined) claimed.add(id);
          return id;
        });
        picking = picked.catch(() => undefined);
        return picked;
      };
      const still = async () => (await store.run(runRow(runId)))?.status === "running";
      const lane = async () => {
        for (let id = await next(); id !== undefined; id = await next()) {
          if (!(await still())) return;
          await processItem(store, run, id, scope, importer);
          claimed.delete(id);
        }
      };
      await Promise.all(Array.from({ length: RUN_CONCURRENCY }, lane));
      if (!(await still())) return;
      await store.run(beat(runId, "正在比对各单位年报之间的内容雷同并评分"));
      const current = await store.run(runRow(runId));
      if (current) await completeRun(store, current);
    } catch (e) {
      await store.run(failRunning(runId, `检查中断：${e instanceof Error ? e.message.slice(0, 200) : "内部错误"}`)).catch(() => undefined);
    } finally {
      clearInterval(timer);
      holder.active.delete(runId);
    }
  })();
  return job;
}

/** Running runs whose heartbeat is older than STALE_MS at `now`. */
function* staleRuns(now: number): Q<number[]> {
  const rows = yield* all((d, t) =>
    d
      .select({ id: qt(t).qualityRuns.id })
      .from(qt(t).qualityRuns)
      .where(and(eq(qt(t).qualityRuns.status, "running"), lt(qt(t).qualityRuns.heartbeatAt, new Date(now - STALE_MS)))),
  );
  return rows.map((r) => r.id);
}

/** Takes a stale run over: true for the one server whose conditional UPDATE found it still stale. */
function* takeOver(runId: number, now: number): Q<boolean> {
  const won = yield* exec((d, t) =>
    d
      .update(qt(t).qualityRuns)
      .set({ heartbeatAt: new Date(now), message: "服务重启后继续检查" })
      .where(and(eq(qt(t).qualityRuns.id, runId), eq(qt(t).qualityRuns.status, "running"), lt(qt(t).qualityRuns.heartbeatAt, new Date(now - STALE_MS)))),
  );
  return won === 1;
}

/**
 * After a restart (or the death of another app server): runs still "running" that no runner holds
 * and whose heartbeat is stale are resumed from their pending items — each by one server only.
 * Called by the quality routes and page, so the first visit after a restart picks them up.
 */
export async function resumeInterruptedRuns(store: Store, importer: Importer = workerImporter, now = Date.now()): Promise<number[]> {
  const stale = (await store.run(staleRuns(now))).filter((id) => !holder.active.has(id));
  const taken: number[] = [];
  for (const id of stale) {
    if (!(await store.run(takeOver(id, now)))) continue;
    taken.push(id);
    void startRun(store, id, importer);
  }
  return taken;
}

/** The item set back to pending with the agency the office chose; the run runs again. */
function* reopenWithAgency(actor: Actor, runId: number, itemId: number, agencyId: number): Q<{ ok: true } | { ok: false; error: string }> {
  const run = yield* getRunForActor(actor, runId);
  if (!run) return { ok: false, error: "检查不存在" };
  if (run.status === "running") return { ok: false, error: "检查尚未结束，请稍后再确认" };
  const scope = yield* scopeOfRun(run);
  const agency = scope.find((a) => a.id === agencyId);
  if (!agency) return { ok: false, error: "所选单位不在您的检查范围内" };
  if (!isRowId(itemId)) return { ok: false, error: "文件不存在" };
  const item = yield* one((d, t) => d.select({ source: qt(t).qualityItems.source }).from(qt(t).qualityItems).where(and(eq(qt(t).qualityItems.id, itemId), eq(qt(t).qualityItems.runId, runId))));
  if (!item || item.source !== "file") return { ok: false, error: "文件不存在" };
  return yield* transaction(function* (): Q<{ ok: true } | { ok: false; error: string }> {
    // Another server's confirmation may have set the run running again meanwhile: only one reopens it.
    const locked = yield* lockOneRun(runId);
    if (locked?.status === "running") return { ok: false, error: "检查尚未结束，请稍后再确认" };
    yield* exec((d, t) => d.update(qt(t).qualityItems).set({ agencyId, matchConfidence: "confirmed", matchReason: `已人工确认为「${agency.name}」`, status: "pending" }).where(eq(qt(t).qualityItems.id, itemId)));
    // Every nianbao item of the run may be superseded or not any more: check them again too.
    yield* exec((d, t) => d.update(qt(t).qualityItems).set({ status: "pending" }).where(and(eq(qt(t).qualityItems.runId, runId), eq(qt(t).qualityItems.status, "superseded"))));
    const pending = (yield* one((d, t) => d.select({ n: count() }).from(qt(t).qualityItems).where(and(eq(qt(t).qualityItems.runId, runId), eq(qt(t).qualityItems.status, "pending")))))?.n ?? 0;
    yield* exec((d, t) => d.update(qt(t).qualityRuns).set({ status: "running", done: sql`${qt(t).qualityRuns.total} - ${pending}`, message: null, finishedAt: null, heartbeatAt: new Date() }).where(eq(qt(t).qualityRuns.id, runId)));
    return { ok: true as const };
  });
}

function* lockOneRun(runId: number): Q<{ status: string } | undefined> {
  return yield* lockOne((d, t) => d.select({ status: qt(t).qualityRuns.status }).from(qt(t).qualityRuns).where(eq(qt(t).qualityRuns.id, runId)));
}

/** The office confirms (or corrects) the agency of an uploaded file: the run is checked again (on `store`). */
export async function confirmItemAgency(store: Store, actor: Actor, runId: number, itemId: number, agencyId: number): Promise<{ ok: true } | { ok: false; error: string }> {
  const r = await store.run(reopenWithAgency(actor, runId, itemId, agencyId));
  if (r.ok) void startRun(store, runId);
  return r;
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

function* findingsOf(itemId: number): Q<Finding[]> {
  const rows = yield* all((d, t) => d.select({ finding: qt(t).qualityFindings.finding }).from(qt(t).qualityFindings).where(eq(qt(t).qualityFindings.itemId, itemId)).orderBy(asc(qt(t).qualityFindings.id)));
  return rows.map((f) => JSON.parse(f.finding) as Finding);
}

/**
 * A finished run's items with their findings, ranked (superseded nianbao items left out), each
 * compared with the same agency's result in the office's run of the previous year, if any.
 */
export function* runResult(run: QualityRunRow, compare = true): Q<RunView> {
  const items = yield* all((d, t) => {
    const i = qt(t).qualityItems;
    return d
      .select({ id: i.id, source: i.source, fileName: i.fileName, agencyId: i.agencyId, matchConfidence: i.matchConfidence, matchReason: i.matchReason, documentAgency: i.documentAgency, date: i.date, edition: i.edition, score: i.score, breakdown: i.breakdown, status: i.status })
      .from(i)
      .where(and(eq(i.runId, run.id), eq(i.status, "done")))
      .orderBy(asc(i.id));
  });
  const names = new Map((yield* all((d, t) => d.select({ id: t.agencies.id, name: t.agencies.name }).from(t.agencies))).map((a) => [a.id, a.name]));
  const findings = new Map<number, Finding[]>();
  for (const f of yield* all((d, t) => d.select({ itemId: qt(t).qualityFindings.itemId, finding: qt(t).qualityFindings.finding }).from(qt(t).qualityFindings).where(eq(qt(t).qualityFindings.runId, run.id)).orderBy(asc(qt(t).qualityFindings.id)))) {
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
  const last = compare ? yield* previousRun(run) : undefined;
  if (last) attachYearOverYear(views, (yield* runResult(last, false)).result.items, last.year, agencyIdentity);
  return { run, result: { year: run.year, items: views } };
}

/** An item counts for its agency (year over year) when it is in nianbao, confirmed, or matched with confidence. */
function agencyIdentity(i: RunItemView): string | undefined {
  if (i.agencyId === undefined || i.matchConfidence === "none" || i.matchConfidence === "doubtful") return undefined;
  return String(i.agencyId);
}

/** One item against its agency's result in the office's run of the previous year (the item's page). */
export function* itemYearOverYear(run: QualityRunRow, itemId: number): Q<YearOverYear | undefined> {
  if (!isRowId(itemId)) return undefined;
  const item = yield* one((d, t) => {
    const i = qt(t).qualityItems;
    return d.select({ agencyId: i.agencyId, matchConfidence: i.matchConfidence, score: i.score, status: i.status }).from(i).where(and(eq(i.id, itemId), eq(i.runId, run.id)));
  });
  if (!item || item.status !== "done" || item.agencyId == null || item.score == null || item.matchConfidence === "none" || item.matchConfidence === "doubtful") return undefined;
  const last = yield* previousRun(run);
  if (!last) return undefined;
  const agencyId = item.agencyId;
  const before = (
    yield* all((d, t) => {
      const i = qt(t).qualityItems;
      return d
        .select({ id: i.id, score: i.score, matchConfidence: i.matchConfidence })
        .from(i)
        .where(and(eq(i.runId, last.id), eq(i.agencyId, agencyId), eq(i.status, "done")))
        .orderBy(asc(i.id));
    })
  ).find((i) => i.score != null && i.matchConfidence !== "none" && i.matchConfidence !== "doubtful");
  if (!before) return undefined;
  return compareYears({ score: item.score, findings: yield* findingsOf(itemId) }, { year: last.year, score: before.score!, findings: yield* findingsOf(before.id) });
}

/** The stored report of an item (for "open the report with its findings highlighted"). */
export function* itemReport(run: QualityRunRow, itemId: number): Q<{ doc: ReportDoc; findings: Finding[]; fileName: string | null } | undefined> {
  if (!isRowId(itemId)) return undefined;
  const item = yield* one((d, t) => {
    const i = qt(t).qualityItems;
    return d.select({ report: i.report, fileName: i.fileName }).from(i).where(and(eq(i.id, itemId), eq(i.runId, run.id)));
  });
  if (!item?.report) return undefined;
  return { doc: JSON.parse(item.report) as ReportDoc, findings: yield* findingsOf(itemId), fileName: item.fileName };
}

/** The office's latest finished run of the previous report year (year-over-year comparison). */
export function* previousRun(run: QualityRunRow): Q<QualityRunRow | undefined> {
  return yield* one((d, t) => {
    const r = qt(t).qualityRuns;
    return d
      .select()
      .from(r)
      .where(and(run.officeId == null ? isNull(r.officeId) : eq(r.officeId, run.officeId), eq(r.year, run.year - 1), eq(r.status, "done")))
      .orderBy(desc(r.id))
      .limit(1);
  });
}

/** Tests only: forget this process's runners, as a restarted process would have none. */
export function forgetRunnersForTests(): void {
  holder.active.clear();
}

/**
 * The dashboard's 依申请 chart: the roll-up of the published reports in the actor's scope for the
 * last `span` report years (oldest first), received applications and outcomes.
 */
export function* applicationTrendFor(actor: Actor, current: number, span = 5): Q<TrendData> {
  const years = reportYears(current).slice(0, span).reverse();
  const points: { year: number; doc: ReportDoc; reports: number }[] = [];
  for (const year of years) {
    const r = yield* loadRollup(actor, year, ["published"]);
    points.push({ year, doc: r.result.doc, reports: r.result.included.length });
  }
  return applicationTrend(points);
}
