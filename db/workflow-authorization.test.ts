// Authorization matrix on the data layer: every workflow step, and every other capability with a
// data-layer function (view, edit, resolve a comment, confirm a warning, record the portal URL), ×
// role × relation to the report's agency (own / supervised / other) × report state. The expected
// outcome is the permission table's (lib/workflow/permissions.ts); the outcome is what the database
// functions really do. The table's content itself is pinned by lib/workflow/transitions.test.ts
// (an independent written-out matrix) and lib/workflow/permissions.test.ts.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import { parseReport } from "../lib/data";
import { validateReport } from "../lib/rules";
import type { Actor } from "../lib/auth/access";
import { ROLE_IDS } from "../lib/auth/roles";
import { can, check, relationTo, type Capability } from "../lib/workflow/permissions";
import { ACTIONS } from "../lib/workflow/transitions";
import { getAgencyByCode, insertAgency, loadHierarchy } from "./agencies";
import type { Db } from "./client";
import { useTempDb } from "./testing/temp-db";
import { getReportForActor, saveReport, setPortalUrl } from "./reports";
import { reports, reportVersions, reviewComments, users, type ReportStatus } from "./schema";
import { findUserByLogin } from "./users";
import { applyTransition, confirmWarning, resolveComment } from "./workflow";
import { runSqlite } from "./run-sqlite";

// Authorized for the agency's reviewer on a draft, but only for an imported past year's report:
// this one was written here, so it is refused with 422 (db/backfill.test.ts covers the allowed case).
const CONTENT_REFUSED = new Set(["backfillPublish"]);
const STATES: ReportStatus[] = ["draft", "submitted", "returned", "approved", "published"];
const LOGINS = {
  own: { drafter: "yingji-drafter", reviewer: "yingji-reviewer" },
  other: { drafter: "shengtai-drafter", reviewer: "shengtai-reviewer" },
};

let db: Db;
let reportId: number;
let otherOfficeId: number;
let otherSupervisorId: number;
let agencyId: number;
let commentId: number;
let doc: ReturnType<typeof fixture>;

function fixture(name: string) {
  const parsed = parseReport({ ...example, agency: { name } });
  if (!parsed.ok) throw new Error("fixture");
  return parsed.report;
}

useTempDb("authz", (d) => {
  db = d;
  const agency = runSqlite(db, getAgencyByCode("sfsyjj"))!;
  agencyId = agency.id;
  doc = fixture(agency.name);
  expect(validateReport(doc).issues).toEqual([]);
  otherOfficeId = runSqlite(db, insertAgency({ name: "另一市人民政府办公室", code: "lysszfb", parentId: null })).id;
  otherSupervisorId = db.insert(users).values({ login: "other-supervisor", displayName: "另一市政务公开办", passwordHash: "x", role: "supervisor", agencyId: otherOfficeId }).returning().get().id;
  reportId = db.insert(reports).values({ agencyId: agency.id, year: 2024, edition: "2021", data: JSON.stringify(doc) }).returning().get().id;
  commentId = db.insert(reviewComments).values({ reportId, authorId: runSqlite(db, findUserByLogin("yingji-reviewer"))!.id, anchor: "report", body: "请核对" }).returning().get().id;
  // Published once (the portal URL may be recorded only then).
  db.insert(reportVersions).values({ reportId, reportVersion: 1, kind: "publish", status: "published", data: JSON.stringify(doc), contentHash: "x" }).run();
});

function actorFor(role: string, own: boolean): Actor {
  if (role === "supervisor" && !own) return { id: otherSupervisorId, role: "supervisor", agencyId: otherOfficeId };
  const login =
    role === "admin" ? "admin" : role === "supervisor" ? "supervisor" : LOGINS[own ? "own" : "other"][role as "drafter" | "reviewer"];
  const u = runSqlite(db, findUserByLogin(login))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
}

/** The table's verdict for `actor` on the report in `status`, with the relation read from the database. */
function expectation(capability: Capability, actor: Actor, status: ReportStatus) {
  const ctx = { role: actor.role, relation: relationTo(actor, agencyId, runSqlite(db, loadHierarchy())), status };
  return { viewable: can("view", ctx), verdict: check(capability, ctx), relation: ctx.relation };
}

/** Every role in each relation the world has: own agency, supervising office (supervisor), another agency or office. */
const CASES = ROLE_IDS.flatMap((role) => [true, false].filter((own) => role !== "admin" || own).map((own) => ({ role, own })));

function setStatus(status: ReportStatus) {
  db.update(reports).set({ status }).where(eq(reports.id, reportId)).run();
}

describe("server-side authorization of every transition", () => {
  for (const action of ACTIONS)
    for (const { role, own } of CASES)
      for (const status of STATES) {
        // The admin has no agency: "own" has no meaning. For the supervisor, "own" is the demo office
        // above the bureau (supervised), "other" a supervising office elsewhere (created in the setup).
        it(`${action} · ${role} · ${own ? "own" : "other"} agency · ${status} → the table's verdict`, () => {
          setStatus(status);
          const actor = actorFor(role, own);
          const { viewable, verdict } = expectation(action, actor, status);
          const expected = verdict.ok && !CONTENT_REFUSED.has(action);
          // approve and publish name the version read (the report was inserted at version 1 and is never saved here).
          const out = applyTransition(db, actor, reportId, { action, comment: "理由充分", anchor: "report", version: 1 });
          expect(out.ok).toBe(expected);
          if (!out.ok) {
            // Whoever may not view the report does not even learn that it exists.
            if (!viewable) expect(out.status).toBe(404);
            else expect(out.status).toBe(verdict.ok ? 422 : verdict.why === "state" ? 409 : 403);
          }
        });
      }
});

describe("server-side authorization of the other report capabilities", () => {
  for (const { role, own } of CASES)
    for (const status of STATES) {
      const name = `${role} · ${own ? "own" : "other"} agency · ${status}`;
      it(`view: ${name}`, () => {
        setStatus(status);
        const actor = actorFor(role, own);
        const { verdict } = expectation("view", actor, status);
        const out = getReportForActor(db, actor, reportId);
        expect(out.ok).toBe(verdict.ok);
      });
      it(`edit (autosave): ${name}`, () => {
        setStatus(status);
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("edit", actor, status);
        const out = saveReport(db, actor, reportId, 1, doc);
        expect(out.kind).toBe(verdict.ok ? "saved" : !viewable ? "not_found" : verdict.why === "state" ? "locked" : "forbidden");
      });
      it(`resolve a comment: ${name}`, () => {
        setStatus(status);
        db.update(reviewComments).set({ resolvedAt: null, resolvedBy: null }).where(eq(reviewComments.id, commentId)).run();
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("resolveComment", actor, status);
        const out = resolveComment(db, actor, reportId, commentId);
        expect(out.ok).toBe(verdict.ok);
        if (!out.ok) expect(out.status).toBe(viewable ? 403 : 404);
        const resolved = db.select().from(reviewComments).where(eq(reviewComments.id, commentId)).get()!.resolvedAt !== null;
        expect(resolved).toBe(verdict.ok);
      });
      it(`confirm a warning: ${name}`, () => {
        setStatus(status);
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("confirmWarning", actor, status);
        // The report has no warning: an authorized reviewer gets past the permission check to 「该警告已不存在」.
        const out = confirmWarning(db, actor, reportId, "narrative.feeStatement|narrative.other", "核实无误，确无收费");
        expect(out.ok).toBe(false);
        if (out.ok) return;
        if (!viewable) expect(out.status).toBe(404);
        else if (verdict.ok) expect(out.reason).toContain("该警告已不存在");
        else expect(out.status).toBe(verdict.why === "state" ? 409 : 403);
      });
      it(`record the portal URL: ${name}`, () => {
        setStatus(status);
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("recordPortalUrl", actor, status);
        const out = setPortalUrl(db, actor, reportId, "https://www.example.gov.cn/nb.html");
        expect(out.ok).toBe(verdict.ok);
        if (!out.ok) expect(out.status).toBe(viewable ? 403 : 404);
      });
    }

  it("the world covers every relation: own agency, supervised agency and other", () => {
    const relations = new Set(CASES.map(({ role, own }) => expectation("view", actorFor(role, own), "draft").relation));
    expect([...relations].sort()).toEqual(["other", "own", "supervised"]);
  });
});
