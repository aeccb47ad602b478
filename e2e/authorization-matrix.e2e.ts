// Authorization matrix of the whole app, from ONE declarative table (ROWS below): every page,
// route handler and server action × actor (anonymous, drafter, reviewer, supervisor, admin, and
// the drafter/reviewer/supervisor of ANOTHER agency and supervision tree) × report state (draft,
// submitted, returned, approved, published) for everything that concerns a report. Each case is a
// real HTTP request to the production server. It fails both ways: an actor outside a row's `allow`
// who succeeds, and an actor inside it who is refused.
//
// The `allow` of every row that concerns a report (view, edit, the workflow steps, comments,
// warnings, the audit trail, the portal URL) and of the areas (oversight, administration, drafting)
// is computed from the one permission table, lib/workflow/permissions.ts (byTable / inArea below):
// the server must behave as the table says.
//
// How the targets are called:
//   pages and route handlers — plain HTTP requests with the actor's session cookie (no redirects
//     followed: a redirect to /login counts as refused);
//   server actions — POSTed exactly as React posts an action form (Next-Action header with the
//     action's id from the build manifest, FormData fields; see e2e/support/targets.ts), by every
//     actor, whatever the page would show them. Success is judged by the database (was the agency,
//     user or report created or changed?), not by the response.
//
// The world (e2e/support/setup.ts, written straight into the server's database): agency 甲 (A)
// under office X, agency 乙 (B) under office Y; a drafter and a reviewer in A and in B, a supervisor
// in X and in Y, and the demo admin. Agency A has a read-only report in each state (pages, reads,
// downloads, the public page) and one writable report that is reset to the state before every
// case of a row that changes data.
//
// ── Adding a row ─────────────────────────────────────────────────────────────────────────────
// 1. `target` must be one of the code's targets (the first test lists them all and fails when a
//    page, route method or server action has no row): "page /oversight/[id]", "GET /api/oversight/x",
//    "action app/(app)/oversight/actions.ts#remindAction".
// 2. `scope: "report"` runs the row once per report state against agency A's report
//    (`c.report.id`, `c.report.year`); `scope: "global"` runs it once per actor.
// 3. `allow`: which actors may succeed (ActorId list, or EVERYONE / SIGNED_IN) and, for report
//    rows, in which states (default: all). Everyone else must be refused.
// 4. `call`: make the request with `c.as` (the actor's signed-in client) and return "ok" or
//    "refused" — use `page()` / `api()` for the usual status-code reading, or look at the
//    database for server actions. Set `mutates: true` if a success changes data (the case then
//    runs alone, on the writable report, reset before each case).
// Example:
//   { target: "page /oversight/[agency]", scope: "global", allow: { actors: ["supervisor", "admin"] },
//     call: async (c) => page(await c.as.get(`/oversight/${world.agencyA}`, NO_REDIRECT)) },
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { agencies, legacyArchives, reports, reportVersions, reviewComments, users, warningAcks, type ReportStatus } from "../db/schema";
import { warningFingerprint } from "../lib/workflow/acknowledgements";
import { importReport } from "../lib/import";
import { currentReportYear } from "../lib/workflow/deadline";
import { messageProblem } from "../lib/data/testing/mutations";
import { validateReport } from "../lib/rules";
import type { RoleId } from "../lib/auth/roles";
import { can, PERMISSIONS, relationTo, roleMay, type Capability, type Relation } from "../lib/workflow/permissions";
import { loadHierarchy } from "../db/agencies";
import { DEMO_PASSWORD, e2eDb, signInApi } from "./helpers";
import { apiClient, cleanReport, ensureAgency, ensureUser, putReport, reportRow } from "./support/setup";
import { callAction, codeTargets } from "./support/targets";
import { SEED_TEXTS } from "../lib/import/testing/damage";
import { DEFAULT_SCHEME } from "../lib/quality/score";
import { runSqlite } from "@/db/run-sqlite";

// ------------------------------------------------------------------------------ actors and world

const ACTOR_IDS = ["anonymous", "drafter", "reviewer", "supervisor", "admin", "other-drafter", "other-reviewer", "other-supervisor"] as const;
type ActorId = (typeof ACTOR_IDS)[number];
const LOGINS: Record<ActorId, string | null> = {
  anonymous: null,
  drafter: "matrix-drafter-a",
  reviewer: "matrix-reviewer-a",
  supervisor: "matrix-supervisor-x",
  admin: "admin",
  "other-drafter": "matrix-drafter-b",
  "other-reviewer": "matrix-reviewer-b",
  "other-supervisor": "matrix-supervisor-y",
};
const EVERYONE = ACTOR_IDS;
const SIGNED_IN = ACTOR_IDS.filter((a) => a !== "anonymous");

// ── Expected outcomes from the permission table (lib/workflow/permissions.ts) ──
// Each signed-in actor's role and relation to agency A, the agency of every report row (checked
// against the world's hierarchy by the first test below).
const SEEN_FROM_A: Record<Exclude<ActorId, "anonymous">, { role: RoleId; relation: Relation }> = {
  drafter: { role: "drafter", relation: "own" },
  reviewer: { role: "reviewer", relation: "own" },
  supervisor: { role: "supervisor", relation: "supervised" },
  admin: { role: "admin", relation: "other" },
  "other-drafter": { role: "drafter", relation: "other" },
  "other-reviewer": { role: "reviewer", relation: "other" },
  "other-supervisor": { role: "supervisor", relation: "other" },
};
const SIGNED_IN_ACTORS = Object.keys(SEEN_FROM_A) as Exclude<ActorId, "anonymous">[];

/** A row's `allow` from the table: the actors whose role and relation to A it lists, in the states it lists. */
function byTable(capability: Capability): Row["allow"] {
  const actors = SIGNED_IN_ACTORS.filter((a) => can(capability, SEEN_FROM_A[a]));
  const states = PERMISSIONS[capability].states;
  return states ? { actors, states } : { actors };
}

/** The actors whose role may enter an area of the app (the table's role-only capabilities), whatever the agency. */
function inArea(capability: "oversee" | "administer" | "draft"): ActorId[] {
  return SIGNED_IN_ACTORS.filter((a) => roleMay(capability, SEEN_FROM_A[a].role));
}

/** Who may read agency A's reports: its own staff, its supervising office, the admin. */
const READERS_OF_A: readonly ActorId[] = byTable("view").actors;

const STATES: readonly ReportStatus[] = ["draft", "submitted", "returned", "approved", "published"];
const READ_YEAR: Record<ReportStatus, number> = { draft: 2031, submitted: 2033, returned: 2035, approved: 2037, published: 2039 };
const WRITE_YEAR = 2051;

const world = {
  agencyA: 0,
  agencyB: 0,
  toggleAgency: 0,
  toggleUser: 0,
  drafterA: 0,
  readIds: {} as Record<ReportStatus, number>,
  writeId: 0,
  commentId: 0,
  archiveId: 0,
  rollupYear: 0,
  warningKey: "",
  writeDoc: cleanReport(WRITE_YEAR, "矩阵测试局甲"),
  clients: {} as Record<ActorId, APIRequestContext>,
  officeX: 0,
  supervisorX: 0,
  qualityRun: 0,
  qualityItem: 0,
  baseURL: "",
  serial: 0,
};

// ------------------------------------------------------------------------------ the table

type Outcome = "ok" | "refused";
interface Call {
  as: APIRequestContext;
  actor: ActorId;
  report: { id: number; year: number; state: ReportStatus };
}
interface Row {
  target: string;
  label?: string;
  scope: "report" | "global";
  mutates?: boolean;
  allow: { actors: readonly ActorId[]; states?: readonly ReportStatus[] };
  call: (c: Call) => Promise<Outcome>;
}

const NO_REDIRECT = { maxRedirects: 0 } as const;

/** Pages: 200 is success; 403, 404 or a redirect to sign-in is a refusal; anything else fails the test. */
function page(res: APIResponse): Outcome {
  const s = res.status();
  if (s === 200) return "ok";
  if (s === 403 || s === 404) return "refused";
  if (s >= 300 && s < 400 && /\/login/.test(res.headers().location ?? "")) return "refused";
  throw new Error(`unexpected ${s} ${res.url()} → ${res.headers().location ?? ""}`);
}

/** Route handlers: 2xx is success; a 4xx refusal must carry a clear Chinese message; 5xx fails the test. */
async function api(res: APIResponse): Promise<Outcome> {
  const s = res.status();
  if (s >= 200 && s < 300) return "ok";
  if ([401, 403, 404, 409, 422, 423].includes(s)) {
    const body = await res.json();
    const problem = messageProblem(body.error);
    if (problem) throw new Error(`${res.url()} → ${s}: ${problem}`);
    return "refused";
  }
  throw new Error(`unexpected ${s} ${res.url()}: ${(await res.text()).slice(0, 200)}`);
}

/** A server action's effect, read from the database after the call; the response must not be a server error. */
function effect(res: APIResponse, happened: boolean): Outcome {
  if (res.status() >= 500) throw new Error(`server action answered ${res.status()}`);
  return happened ? "ok" : "refused";
}

const transition = (action: string, extra: Record<string, unknown> = {}) => async (c: Call) =>
  api(await c.as.post(`/api/reports/${c.report.id}/transition`, { data: { action, ...extra } }));

async function sessionUser(ctx: APIRequestContext): Promise<string | null> {
  const s = await (await ctx.get("/api/auth/session")).json().catch(() => null);
  return s?.user?.name ?? null;
}

/**
 * A second client of the same actor with a session of its own, for calls that would end or replace
 * its session. (A copy of the cookie would not do: sessions are server-side rows, and ending the
 * copy's session would end the actor's main one too.)
 */
async function cloneOf(c: Call): Promise<APIRequestContext> {
  return apiClient(world.baseURL, LOGINS[c.actor] ?? undefined);
}

const ROWS: Row[] = [
  // ── pages ──
  { target: "page /", scope: "global", allow: { actors: EVERYONE }, call: async (c) => ((await c.as.get("/", NO_REDIRECT)).status() === 307 ? "ok" : "refused") },
  {
    target: "page /login",
    scope: "global",
    allow: { actors: EVERYONE },
    // The sign-in form for visitors; the signed-in are sent to their home page.
    call: async (c) => {
      const s = (await c.as.get("/login", NO_REDIRECT)).status();
      return s === (c.actor === "anonymous" ? 200 : 307) ? "ok" : "refused";
    },
  },
  { target: "page /reports", scope: "global", allow: { actors: SIGNED_IN }, call: async (c) => page(await c.as.get("/reports", NO_REDIRECT)) },
  {
    target: "page /reports",
    label: "lists agency A's reports",
    scope: "global",
    allow: { actors: READERS_OF_A },
    call: async (c) => {
      const res = await c.as.get("/reports", NO_REDIRECT);
      if (page(res) === "refused") return "refused";
      const html = await res.text();
      return Object.values(world.readIds).some((id) => html.includes(`href="/reports/${id}"`)) ? "ok" : "refused";
    },
  },
  { target: "page /reports/[id]", scope: "report", allow: { actors: READERS_OF_A }, call: async (c) => page(await c.as.get(`/reports/${c.report.id}`, NO_REDIRECT)) },
  { target: "page /reports/[id]/history", scope: "report", allow: { actors: READERS_OF_A }, call: async (c) => page(await c.as.get(`/reports/${c.report.id}/history`, NO_REDIRECT)) },
  {
    target: "page /reports/[id]/history",
    label: "shows the audit trail",
    scope: "report",
    allow: byTable("seeAudit"),
    call: async (c) => {
      const res = await c.as.get(`/reports/${c.report.id}/history`, NO_REDIRECT);
      return page(res) === "ok" && (await res.text()).includes('data-testid="audit"') ? "ok" : "refused";
    },
  },
  { target: "page /oversight", scope: "global", allow: { actors: inArea("oversee") }, call: async (c) => page(await c.as.get("/oversight", NO_REDIRECT)) },
  {
    target: "page /oversight",
    label: "lists agency A",
    scope: "global",
    // The supervisor of A's office; the admin oversees every agency. Y's supervisor must not see A.
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => {
      // Searched for by name: the list is paged, and A comes after the 2,000 agencies of the onboarding test.
      const res = await c.as.get(`/oversight?q=${encodeURIComponent("矩阵测试局甲")}`, NO_REDIRECT);
      // A's row, not the search box that repeats the name searched for.
      return page(res) === "ok" && (await res.text()).includes('data-agency="矩阵测试局甲"') ? "ok" : "refused";
    },
  },
  { target: "page /oversight/rollup", scope: "global", allow: { actors: inArea("oversee") }, call: async (c) => page(await c.as.get("/oversight/rollup", NO_REDIRECT)) },
  {
    target: "page /archives",
    scope: "global",
    allow: { actors: SIGNED_IN },
    call: async (c) => page(await c.as.get("/archives", NO_REDIRECT)),
  },
  {
    target: "page /archives",
    label: "lists A's archive",
    scope: "global",
    allow: { actors: READERS_OF_A },
    call: async (c) => {
      const res = await c.as.get("/archives", NO_REDIRECT);
      return page(res) === "ok" && (await res.text()).includes(`/archives/${world.archiveId}"`) ? "ok" : "refused";
    },
  },
  { target: "page /archives/[id]", scope: "global", allow: { actors: READERS_OF_A }, call: async (c) => page(await c.as.get(`/archives/${world.archiveId}`, NO_REDIRECT)) },
  { target: "page /admin", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => page(await c.as.get("/admin", NO_REDIRECT)) },
  { target: "page /admin/agencies", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => page(await c.as.get("/admin/agencies", NO_REDIRECT)) },
  { target: "page /admin/users", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => page(await c.as.get("/admin/users", NO_REDIRECT)) },
  // Issue 16: 操作记录, its exports, 批量导入 and its template; a report's trail as .xlsx.
  { target: "page /admin/audit", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => page(await c.as.get("/admin/audit?from=2001-01-01&to=2001-01-02", NO_REDIRECT)) },
  { target: "GET /admin/audit/export", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => api(await c.as.get("/admin/audit/export?from=2001-01-01&to=2001-01-02", NO_REDIRECT)) },
  { target: "GET /admin/audit/raw", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => api(await c.as.get("/admin/audit/raw?from=2001-01-01&to=2001-01-02", NO_REDIRECT)) },
  { target: "page /admin/onboarding", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => page(await c.as.get("/admin/onboarding", NO_REDIRECT)) },
  { target: "GET /admin/onboarding/template", scope: "global", allow: { actors: inArea("administer") }, call: async (c) => api(await c.as.get("/admin/onboarding/template?format=csv&sheet=users", NO_REDIRECT)) },
  { target: "GET /reports/[id]/history/export", scope: "report", allow: byTable("seeAudit"), call: async (c) => api(await c.as.get(`/reports/${c.report.id}/history/export?from=2001-01-01&to=2001-01-02`, NO_REDIRECT)) },
  {
    // A route handler (cached page with ETag, issue 14) answering HTML: judged as a page.
    target: "GET /p/[agency]/[year]",
    scope: "report",
    // Public, and only once published.
    allow: { actors: EVERYONE, states: ["published"] },
    call: async (c) => page(await c.as.get(`/p/matrix-a/${c.report.year}`, NO_REDIRECT)),
  },

  // Issue 16 (office): 待办, 使用说明, the print views.
  { target: "page /todo", scope: "global", allow: { actors: SIGNED_IN }, call: async (c) => page(await c.as.get("/todo", NO_REDIRECT)) },
  { target: "page /help", scope: "global", allow: { actors: SIGNED_IN }, call: async (c) => page(await c.as.get("/help", NO_REDIRECT)) },
  { target: "page /reports/[id]/print", scope: "report", allow: { actors: READERS_OF_A }, call: async (c) => page(await c.as.get(`/reports/${c.report.id}/print`, NO_REDIRECT)) },
  { target: "page /oversight/rollup/print", scope: "global", allow: { actors: inArea("oversee") }, call: async (c) => page(await c.as.get("/oversight/rollup/print", NO_REDIRECT)) },

  // ── route handlers ──
  { target: "GET /api/health", scope: "global", allow: { actors: EVERYONE }, call: async (c) => api(await c.as.get("/api/health")) },
  { target: "GET /browser-check.js", scope: "global", allow: { actors: EVERYONE }, call: async (c) => api(await c.as.get("/browser-check.js")) },
  { target: "GET /api/auth/[...nextauth]", label: "session endpoint (public by design)", scope: "global", allow: { actors: EVERYONE }, call: async (c) => api(await c.as.get("/api/auth/session")) },
  {
    target: "POST /api/auth/[...nextauth]",
    label: "credentials sign-in (public by design)",
    scope: "global",
    allow: { actors: EVERYONE },
    call: async (c) => {
      const ctx = await cloneOf(c);
      await signInApi(ctx, "matrix-drafter-b");
      const who = await sessionUser(ctx);
      await ctx.dispose();
      return who === "矩阵乙填报人" ? "ok" : "refused";
    },
  },
  { target: "GET /api/reports/[id]", scope: "report", allow: { actors: READERS_OF_A }, call: async (c) => api(await c.as.get(`/api/reports/${c.report.id}`)) },
  {
    target: "PUT /api/reports/[id]",
    scope: "report",
    mutates: true,
    allow: byTable("edit"),
    call: async (c) => {
      const doc = structuredClone(world.writeDoc);
      doc.tables.proactive.licensing!.decisions = 1000 + world.serial++;
      return api(await c.as.put(`/api/reports/${c.report.id}`, { data: { version: reportRow(c.report.id)!.version, data: doc } }));
    },
  },
  { target: "POST /api/reports/[id]/transition", label: "submit", scope: "report", mutates: true, allow: byTable("submit"), call: (c) => transition("submit", { acknowledgements: { [world.warningKey]: "表四未决数为空：案件尚在统计中" } })(c) },
  { target: "POST /api/reports/[id]/transition", label: "withdraw", scope: "report", mutates: true, allow: byTable("withdraw"), call: transition("withdraw") },
  { target: "POST /api/reports/[id]/transition", label: "return", scope: "report", mutates: true, allow: byTable("return"), call: transition("return", { comment: "请核对复议数据", anchor: "report" }) },
  { target: "POST /api/reports/[id]/transition", label: "approve", scope: "report", mutates: true, allow: byTable("approve"), call: async (c) => transition("approve", { version: reportRow(world.writeId)!.version })(c) },
  { target: "POST /api/reports/[id]/transition", label: "publish", scope: "report", mutates: true, allow: byTable("publish"), call: async (c) => transition("publish", { version: reportRow(world.writeId)!.version })(c) },
  {
    target: "POST /api/reports/[id]/transition",
    label: "supervisorReturn",
    scope: "report",
    mutates: true,
    // Only the office above agency A, and only once the agency has handed the report in.
    allow: byTable("supervisorReturn"),
    call: transition("supervisorReturn", { comment: "请核实表三数据后重新报送", anchor: "report" }),
  },
  { target: "POST /api/reports/[id]/transition", label: "revise", scope: "report", mutates: true, allow: byTable("revise"), call: transition("revise", { comment: "更正行政许可数" }) },
  {
    target: "POST /api/reports/[id]/confirm-warning",
    scope: "report",
    mutates: true,
    allow: byTable("confirmWarning"),
    call: async (c) => api(await c.as.post(`/api/reports/${c.report.id}/confirm-warning`, { data: { key: world.warningKey, reason: "核实无误，案件尚在统计中" } })),
  },
  {
    target: "POST /api/reports/[id]/comments/[commentId]/resolve",
    scope: "report",
    mutates: true,
    allow: byTable("resolveComment"),
    call: async (c) => {
      const out = await api(await c.as.post(`/api/reports/${c.report.id}/comments/${world.commentId}/resolve`));
      const resolved = e2eDb().select().from(reviewComments).where(eq(reviewComments.id, world.commentId)).get()!.resolvedAt !== null;
      expect(resolved, "resolved exactly when the request succeeded").toBe(out === "ok");
      return out;
    },
  },
  {
    // 催办 agency A: its own office and the admin; the other office (403), agencies' staff (403), anonymous (401) not.
    target: "POST /api/oversight/urge",
    scope: "global",
    mutates: true,
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => api(await c.as.post("/api/oversight/urge", { data: { year: READ_YEAR.draft, agencyIds: [world.agencyA], message: "矩阵测试催办" } })),
  },
  {
    // Only drafters and reviewers receive 催办, so only they keep an address for it (their own).
    target: "PUT /api/notices/email",
    scope: "global",
    allow: { actors: ["drafter", "reviewer", "other-drafter", "other-reviewer"] },
    call: async (c) => api(await c.as.put("/api/notices/email", { data: { email: "" } })),
  },
  { target: "POST /api/notices/read", scope: "global", allow: { actors: SIGNED_IN }, call: async (c) => api(await c.as.post("/api/notices/read", { data: { all: true } })) },
  {
    // 回填发布地址: who, from the table; only once the report has been published (of the read-only
    // reports only the published one has a publication snapshot).
    target: "PUT /api/reports/[id]/portal-url",
    scope: "report",
    allow: { ...byTable("recordPortalUrl"), states: ["published"] },
    call: async (c) => api(await c.as.put(`/api/reports/${c.report.id}/portal-url`, { data: { url: "https://www.matrix-a.gov.cn/nb.html" } })),
  },
  {
    target: "GET /api/oversight/rollup",
    label: "xlsx",
    scope: "global",
    allow: { actors: inArea("oversee") },
    call: async (c) => api(await c.as.get("/api/oversight/rollup?format=xlsx")),
  },
  {
    target: "GET /api/oversight/rollup",
    label: "html, sums A's published report",
    scope: "global",
    // The current year's roll-up: A's report of that year is published (set up below) — only A's office and the admin count it.
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => {
      const res = await c.as.get(`/api/oversight/rollup?format=html&year=${world.rollupYear}&states=published`);
      if ((await api(res)) !== "ok") return "refused";
      return (await res.text()).includes("所属 0 个单位") ? "refused" : "ok";
    },
  },
  { target: "GET /api/reports/[id]/download", label: "docx", scope: "report", allow: { actors: READERS_OF_A }, call: async (c) => api(await c.as.get(`/api/reports/${c.report.id}/download?format=docx`)) },
  { target: "GET /api/reports/[id]/download", label: "html", scope: "report", allow: { actors: READERS_OF_A }, call: async (c) => api(await c.as.get(`/api/reports/${c.report.id}/download?format=html`)) },
  {
    target: "POST /api/reports/import",
    scope: "global",
    mutates: true,
    // A drafter imports into their own agency only — B's drafter into B.
    allow: { actors: inArea("draft") },
    call: async (c) => {
      const res = await c.as.post("/api/reports/import", { multipart: { file: { name: "报告.txt", mimeType: "text/plain", buffer: Buffer.from(SEED_TEXTS[1]!) }, year: "2071" } });
      const out = await api(res);
      if (out === "ok") {
        const row = e2eDb().select().from(reports).where(eq(reports.id, (await res.json()).id)).get()!;
        const own = e2eDb().select().from(users).where(eq(users.login, LOGINS[c.actor]!)).get()!;
        expect(row.agencyId, "imported into the drafter's own agency").toBe(own.agencyId);
        e2eDb().delete(reports).where(eq(reports.id, row.id)).run();
      }
      return out;
    },
  },

  // ── server actions ──
  {
    target: "action app/(app)/reports/actions.ts#createReportAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("draft") },
    call: async (c) => {
      const res = await callAction(c.as, "/reports", "app/(app)/reports/actions.ts#createReportAction", { year: "2072", rollForward: "on" });
      const created = e2eDb().select().from(reports).where(eq(reports.year, 2072)).all();
      for (const r of created) e2eDb().delete(reports).where(eq(reports.id, r.id)).run();
      return effect(res, created.length > 0);
    },
  },
  {
    target: "action app/(app)/admin/actions.ts#createAgencyAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const code = `matrix-new-${world.serial++}`;
      const res = await callAction(c.as, "/admin/agencies", "app/(app)/admin/actions.ts#createAgencyAction", { name: `矩阵新建局${code}`, code, parentId: "" });
      return effect(res, !!e2eDb().select().from(agencies).where(eq(agencies.code, code)).get());
    },
  },
  {
    target: "action app/(app)/admin/actions.ts#setAgencyActiveAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const res = await callAction(c.as, "/admin/agencies", "app/(app)/admin/actions.ts#setAgencyActiveAction", { id: String(world.toggleAgency), active: "0" });
      const disabled = !e2eDb().select().from(agencies).where(eq(agencies.id, world.toggleAgency)).get()!.active;
      e2eDb().update(agencies).set({ active: true }).where(eq(agencies.id, world.toggleAgency)).run();
      return effect(res, disabled);
    },
  },
  {
    target: "action app/(app)/admin/actions.ts#createUserAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const login = `matrix-new-user-${world.serial++}`;
      const res = await callAction(c.as, "/admin/users", "app/(app)/admin/actions.ts#createUserAction", { login, displayName: "矩阵新用户", role: "drafter", agencyId: String(world.toggleAgency), password: "Passw0rd2026" });
      return effect(res, !!e2eDb().select().from(users).where(eq(users.login, login)).get());
    },
  },
  {
    target: "action app/(app)/admin/actions.ts#setUserActiveAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const res = await callAction(c.as, "/admin/users", "app/(app)/admin/actions.ts#setUserActiveAction", { id: String(world.toggleUser), active: "0" });
      const disabled = !e2eDb().select().from(users).where(eq(users.id, world.toggleUser)).get()!.active;
      e2eDb().update(users).set({ active: true }).where(eq(users.id, world.toggleUser)).run();
      return effect(res, disabled);
    },
  },
  {
    target: "action app/(app)/admin/actions.ts#updateUserAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const before = e2eDb().select().from(users).where(eq(users.id, world.toggleUser)).get()!;
      const name = `矩阵改名${world.serial++}`;
      const res = await callAction(c.as, "/admin/users", "app/(app)/admin/actions.ts#updateUserAction", { id: String(world.toggleUser), displayName: name, role: before.role, agencyId: String(before.agencyId) });
      const changed = e2eDb().select().from(users).where(eq(users.id, world.toggleUser)).get()!.displayName === name;
      e2eDb().update(users).set({ displayName: before.displayName }).where(eq(users.id, world.toggleUser)).run();
      return effect(res, changed);
    },
  },
  {
    target: "action app/(app)/admin/onboarding/actions.ts#onboardingAction",
    scope: "global",
    // A dry run without a file: an admin is told to choose one; anyone else is refused before that.
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const res = await callAction(c.as, "/admin/onboarding", "app/(app)/admin/onboarding/actions.ts#onboardingAction", { mode: "check" });
      return effect(res, (await res.text()).includes("请选择要导入的文件"));
    },
  },
  {
    target: "action app/(app)/admin/actions.ts#resetPasswordAction",
    scope: "global",
    mutates: true,
    allow: { actors: inArea("administer") },
    call: async (c) => {
      const before = e2eDb().select().from(users).where(eq(users.id, world.toggleUser)).get()!.passwordHash;
      const res = await callAction(c.as, "/admin/users", "app/(app)/admin/actions.ts#resetPasswordAction", { id: String(world.toggleUser), password: `Matrix${world.serial++}pass` });
      return effect(res, e2eDb().select().from(users).where(eq(users.id, world.toggleUser)).get()!.passwordHash !== before);
    },
  },
  {
    target: "POST /api/auth/sign-out",
    scope: "global",
    // Anyone may sign out (for a visitor there is nothing to end). A plain form post (works before
    // hydration): 303 to the sign-in page, the session revoked on the server.
    allow: { actors: EVERYONE },
    call: async (c) => {
      const ctx = await cloneOf(c);
      const res = await ctx.post("/api/auth/sign-out", { form: { scope: "one" }, ...NO_REDIRECT });
      expect(res.status(), "sign-out answers 303 to /login").toBe(303);
      expect(res.headers()["location"]).toBe("/login");
      const still = await sessionUser(ctx);
      await ctx.dispose();
      return effect(res, still === null);
    },
  },
  {
    target: "page /account/password",
    scope: "global",
    // 修改密码 / 退出所有设备: every signed-in user, for their own account only.
    allow: { actors: SIGNED_IN },
    call: async (c) => page(await c.as.get("/account/password", NO_REDIRECT)),
  },
  {
    target: "action app/(auth)/account/password/actions.ts#changePasswordAction",
    scope: "global",
    mutates: true,
    // One's own password, knowing the current one. Judged by the stored hash; restored afterwards.
    allow: { actors: SIGNED_IN },
    call: async (c) => {
      const login = LOGINS[c.actor];
      const ctx = await cloneOf(c);
      const before = login ? e2eDb().select().from(users).where(eq(users.login, login)).get()!.passwordHash : null;
      const res = await callAction(ctx, "/account/password", "app/(auth)/account/password/actions.ts#changePasswordAction", { current: DEMO_PASSWORD, password: `Matrix${world.serial++}pass`, confirm: `Matrix${world.serial - 1}pass` });
      await ctx.dispose();
      if (!login) return effect(res, false);
      const after = e2eDb().select().from(users).where(eq(users.login, login)).get()!.passwordHash;
      if (after !== before) e2eDb().update(users).set({ passwordHash: before! }).where(eq(users.login, login)).run();
      return effect(res, after !== before);
    },
  },
  {
    target: "action app/(auth)/account/password/actions.ts#signOutEverywhereAction",
    scope: "global",
    // Ends every session of one's own account (here: of a second actor that signs in for it, whose
    // main client then signs in again).
    allow: { actors: SIGNED_IN },
    call: async (c) => {
      const ctx = await cloneOf(c);
      const res = await callAction(ctx, "/account/password", "app/(auth)/account/password/actions.ts#signOutEverywhereAction", null);
      const still = await sessionUser(ctx);
      const mainStill = await sessionUser(c.as);
      await ctx.dispose();
      if (c.actor !== "anonymous") {
        expect(mainStill, "退出所有设备 ends the actor's other sessions too").toBeNull();
        await world.clients[c.actor].dispose();
        world.clients[c.actor] = await apiClient(world.baseURL, LOGINS[c.actor]!);
      }
      return effect(res, c.actor !== "anonymous" && still === null);
    },
  },
  {
    target: "action app/(auth)/login/actions.ts#loginAction",
    scope: "global",
    allow: { actors: EVERYONE },
    call: async (c) => {
      const ctx = await cloneOf(c);
      const res = await callAction(ctx, "/login", "app/(auth)/login/actions.ts#loginAction", { callbackUrl: "", login: "matrix-drafter-b", password: DEMO_PASSWORD }, {});
      const who = await sessionUser(ctx);
      await ctx.dispose();
      return effect(res, who === "矩阵乙填报人");
    },
  },
  { target: "page /oversight/quality", scope: "global", allow: { actors: inArea("oversee") }, call: async (c) => page(await c.as.get("/oversight/quality", NO_REDIRECT)) },
  { target: "page /oversight/quality/[id]", scope: "global", allow: { actors: ["supervisor", "admin"] }, call: async (c) => page(await c.as.get(`/oversight/quality/${world.qualityRun}`, NO_REDIRECT)) },
  {
    target: "page /oversight/quality/[id]/items/[itemId]",
    scope: "global",
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => page(await c.as.get(`/oversight/quality/${world.qualityRun}/items/${world.qualityItem}`, NO_REDIRECT)),
  },
  {
    target: "POST /api/oversight/quality",
    scope: "global",
    allow: { actors: inArea("oversee") },
    call: async (c) => api(await c.as.post("/api/oversight/quality", { multipart: { year: String(currentReportYear()) } })),
  },
  { target: "GET /api/oversight/quality/[id]", scope: "global", allow: { actors: ["supervisor", "admin"] }, call: async (c) => api(await c.as.get(`/api/oversight/quality/${world.qualityRun}`)) },
  {
    target: "GET /api/oversight/quality/[id]/download",
    scope: "global",
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => api(await c.as.get(`/api/oversight/quality/${world.qualityRun}/download?format=xlsx`)),
  },
  {
    target: "POST /api/oversight/quality/[id]/cancel",
    scope: "global",
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => {
      const { run } = qualityRunOfX("running");
      return api(await c.as.post(`/api/oversight/quality/${run}/cancel`));
    },
  },
  {
    target: "POST /api/oversight/quality/[id]/confirm",
    scope: "global",
    allow: { actors: ["supervisor", "admin"] },
    call: async (c) => {
      const { run, item } = qualityRunOfX("done");
      return api(await c.as.post(`/api/oversight/quality/${run}/confirm`, { data: { itemId: item, agencyId: world.agencyA } }));
    },
  },
];

// ------------------------------------------------------------------------------ setup

/**
 * A quality check run of office X (issue 18) with one checked file of agency A, written straight
 * into the database (raw SQL: db/quality.ts loads the import worker, which Playwright cannot load).
 */
function qualityRunOfX(status: "running" | "done"): { run: number; item: number } {
  const sql = e2eDb().$client;
  const run = Number(
    sql.prepare("INSERT INTO quality_runs (year, office_id, created_by, status, total, done, scheme) VALUES (?, ?, ?, ?, 1, ?, ?)").run(currentReportYear(), world.officeX, world.supervisorX, status, status === "done" ? 1 : 0, JSON.stringify(DEFAULT_SCHEME)).lastInsertRowid,
  );
  const doc = cleanReport(READ_YEAR.published, "矩阵测试局甲");
  const item = Number(
    sql.prepare("INSERT INTO quality_items (run_id, source, file_name, agency_id, match_confidence, match_reason, status, report, score, breakdown) VALUES (?, 'file', '矩阵.html', ?, 'exact', '文件中署名', 'done', ?, 100, '[]')").run(run, world.agencyA, JSON.stringify(doc)).lastInsertRowid,
  );
  return { run, item };
}

async function setUpWorld(): Promise<void> {
  const db = e2eDb();
  const officeX = ensureAgency("矩阵测试主管办X", "matrix-office-x");
  world.agencyA = ensureAgency("矩阵测试局甲", "matrix-a", "matrix-office-x");
  ensureAgency("矩阵测试主管办Y", "matrix-office-y");
  world.agencyB = ensureAgency("矩阵测试局乙", "matrix-b", "matrix-office-y");
  world.toggleAgency = ensureAgency("矩阵开关局", "matrix-toggle", "matrix-office-y");
  world.drafterA = ensureUser("matrix-drafter-a", "矩阵甲填报人", "drafter", world.agencyA);
  const reviewerA = ensureUser("matrix-reviewer-a", "矩阵甲审核人", "reviewer", world.agencyA);
  world.supervisorX = ensureUser("matrix-supervisor-x", "矩阵X主管", "supervisor", officeX);
  world.officeX = officeX;
  ({ run: world.qualityRun, item: world.qualityItem } = qualityRunOfX("done"));
  ensureUser("matrix-drafter-b", "矩阵乙填报人", "drafter", world.agencyB);
  ensureUser("matrix-reviewer-b", "矩阵乙审核人", "reviewer", world.agencyB);
  ensureUser("matrix-supervisor-y", "矩阵Y主管", "supervisor", db.select().from(agencies).where(eq(agencies.code, "matrix-office-y")).get()!.id);
  world.toggleUser = ensureUser("matrix-toggle-user", "矩阵开关用户", "drafter", world.toggleAgency);

  for (const state of STATES) {
    const doc = cleanReport(READ_YEAR[state], "矩阵测试局甲");
    world.readIds[state] = putReport(world.agencyA, READ_YEAR[state], state, doc, world.drafterA).id;
  }
  // The published report has its publication snapshot (what the public page shows).
  const pub = world.readIds.published;
  if (!db.select().from(reportVersions).where(and(eq(reportVersions.reportId, pub), eq(reportVersions.kind, "publish"))).get()) {
    db.insert(reportVersions).values({ reportId: pub, reportVersion: 1, kind: "publish", status: "published", data: reportRow(pub)!.data, contentHash: "matrix" }).run();
  }

  // An old-style archive of A (what /archives shows its readers).
  const legacy = await importReport({ kind: "text", data: SEED_TEXTS[3]! });
  if (!legacy.ok || legacy.type !== "legacy") throw new Error("seed 003 should import as a legacy archive");
  const archiveData = JSON.stringify({ ...legacy.legacy, agency: { ...legacy.legacy.agency, name: "矩阵测试局甲", code: "matrix-a" } });
  world.archiveId =
    db.select().from(legacyArchives).where(eq(legacyArchives.agencyId, world.agencyA)).get()?.id ??
    db.insert(legacyArchives).values({ agencyId: world.agencyA, year: legacy.legacy.year, data: archiveData, fileName: "矩阵归档.txt", contentHash: "matrix", createdBy: world.drafterA }).returning().get().id;

  // A published report of A in a year the roll-up can choose (the report years end at the current one).
  world.rollupYear = currentReportYear();
  const rollupId = putReport(world.agencyA, world.rollupYear, "published", cleanReport(world.rollupYear, "矩阵测试局甲"), world.drafterA).id;
  if (!db.select().from(reportVersions).where(and(eq(reportVersions.reportId, rollupId), eq(reportVersions.kind, "publish"))).get()) {
    db.insert(reportVersions).values({ reportId: rollupId, reportVersion: 1, kind: "publish", status: "published", data: reportRow(rollupId)!.data, contentHash: "matrix" }).run();
  }

  // The writable report is complete (submit requires it) and has one warning — 六 does not state the
  // processing fee — so that confirming it can succeed, and one comment to resolve.
  world.writeDoc.narrative.other = "本年度无其他需要报告的事项，政务公开工作按计划推进。";
  const warning = validateReport(world.writeDoc).issues.find((i) => i.severity === "warning")!;
  expect(warning.rule).toBe("narrative.feeStatement");
  world.warningKey = `${warning.rule}|${warning.cell}`;
  world.writeId = putReport(world.agencyA, WRITE_YEAR, "draft", world.writeDoc, world.drafterA).id;
  // Approval needs every warning looked at by a reviewer: A's reviewer has confirmed this one (bound to
  // the values, which every reset restores), so the approve row tests who may approve, not the review.
  if (!db.select().from(warningAcks).where(and(eq(warningAcks.reportId, world.writeId), eq(warningAcks.kind, "reviewer"))).get()) {
    db.insert(warningAcks)
      .values({ reportId: world.writeId, rule: warning.rule, cell: warning.cell, fingerprint: warningFingerprint(world.writeDoc, warning), reason: "核实无误：本年度未收取信息处理费", kind: "reviewer", createdBy: reviewerA })
      .run();
  }
  const comment = db.select().from(reviewComments).where(eq(reviewComments.reportId, world.writeId)).get();
  world.commentId = comment?.id ?? db.insert(reviewComments).values({ reportId: world.writeId, authorId: world.drafterA, anchor: "report", body: "请核对" }).returning().get().id;
}

function resetWritable(state: ReportStatus): void {
  putReport(world.agencyA, WRITE_YEAR, state, world.writeDoc, world.drafterA);
  e2eDb().update(reviewComments).set({ resolvedAt: null, resolvedBy: null }).where(eq(reviewComments.id, world.commentId)).run();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  world.baseURL = baseURL!;
  await setUpWorld();
  for (const a of ACTOR_IDS) world.clients[a] = await apiClient(baseURL!, LOGINS[a] ?? undefined);
});

test.afterAll(async () => {
  await Promise.all(Object.values(world.clients).map((c) => c.dispose()));
});

// ------------------------------------------------------------------------------ the tests

test("the actors' relations to agency A, on which the expected outcomes rest, are the world's", () => {
  const h = runSqlite(e2eDb(), loadHierarchy());
  for (const a of SIGNED_IN_ACTORS) {
    const u = e2eDb().select().from(users).where(eq(users.login, LOGINS[a]!)).get()!;
    expect({ actor: a, role: u.role, relation: relationTo(u, world.agencyA, h) }).toEqual({ actor: a, ...SEEN_FROM_A[a] });
  }
});

test("every page, route handler and server action of the code has a row in the table", () => {
  const inTable = new Set(ROWS.map((r) => r.target));
  const missing = codeTargets().filter((t) => !inTable.has(t));
  expect(missing, "add a row to ROWS for each (see the top of this file)").toEqual([]);
  const stale = [...inTable].filter((t) => !codeTargets().includes(t));
  expect(stale, "rows whose target no longer exists").toEqual([]);
});

test("every actor × target × report state: exactly the allowed succeed", async () => {
  test.setTimeout(300_000);
  const readBefore = Object.values(world.readIds).map((id) => reportRow(id));
  const wrong: string[] = [];
  let cases = 0;
  let allowedCases = 0;

  const run = async (row: Row, actor: ActorId, state: ReportStatus | undefined) => {
    const allowed = row.allow.actors.includes(actor) && (state === undefined || !row.allow.states || row.allow.states.includes(state));
    const report = state === undefined ? { id: 0, year: 0, state: "draft" as const } : { id: row.mutates ? world.writeId : world.readIds[state], year: row.mutates ? WRITE_YEAR : READ_YEAR[state], state };
    const name = `${row.target}${row.label ? ` (${row.label})` : ""} · ${actor}${state ? ` · ${state}` : ""}`;
    let outcome: Outcome;
    try {
      outcome = await row.call({ as: world.clients[actor], actor, report });
    } catch (e) {
      wrong.push(`${name}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
      return;
    }
    cases++;
    if (allowed) allowedCases++;
    if (allowed && outcome !== "ok") wrong.push(`${name}: allowed but refused`);
    if (!allowed && outcome === "ok") wrong.push(`${name}: NOT allowed but succeeded`);
  };

  for (const row of ROWS) {
    for (const state of row.scope === "report" ? STATES : [undefined]) {
      if (row.mutates) {
        for (const actor of ACTOR_IDS) {
          if (state) resetWritable(state);
          await run(row, actor, state);
        }
      } else await Promise.all(ACTOR_IDS.map((actor) => run(row, actor, state)));
    }
  }
  resetWritable("draft");
  console.log(
    `authorization matrix: ${cases} cases (${ROWS.length} rows × ${ACTOR_IDS.length} actors, report rows × ${STATES.length} states): ${allowedCases} allowed, ${cases - allowedCases} to be refused; ${wrong.length} wrong`,
  );
  expect(wrong).toEqual([]);
  // Nothing any case did reached the read-only reports.
  expect(Object.values(world.readIds).map((id) => reportRow(id))).toEqual(readBefore);
});
