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
import type { Hierarchy } from "../lib/auth/access";
import { getAgencyByCode, insertAgency, loadHierarchy } from "./agencies";
import { getReportForActor, saveReport, setPortalUrl } from "./reports";
import type { ReportStatus } from "./schema";
import { actorsByLogin } from "./testing/actors";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec, one } from "./unit";
import { applyTransition, confirmWarning, resolveComment } from "./workflow";

// Authorized for the agency's reviewer on a draft, but only for an imported past year's report:
// this one was written here, so it is refused with 422 (db/backfill.test.ts covers the allowed case).
const CONTENT_REFUSED = new Set(["backfillPublish"]);
const STATES: ReportStatus[] = ["draft", "submitted", "returned", "approved", "published"];
const LOGINS = {
  own: { drafter: "yingji-drafter", reviewer: "yingji-reviewer" },
  other: { drafter: "shengtai-drafter", reviewer: "shengtai-reviewer" },
};

let s: TempStore;
let actors: Map<string, Actor>;
let hierarchy: Hierarchy;
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

useTempStore("authz", async (store) => {
  s = store;
  const agency = (await s.run(getAgencyByCode("sfsyjj")))!;
  agencyId = agency.id;
  doc = fixture(agency.name);
  expect(validateReport(doc).issues).toEqual([]);
  otherOfficeId = (await s.run(insertAgency({ name: "另一市人民政府办公室", code: "lysszfb", parentId: null }))).id;
  const first = async <T>(rows: Promise<T[]>) => (await rows)[0]!;
  otherSupervisorId = (await first(s.run(all((d, t) => d.insert(t.users).values({ login: "other-supervisor", displayName: "另一市政务公开办", passwordHash: "x", role: "supervisor", agencyId: otherOfficeId }).returning())))).id;
  reportId = (await first(s.run(all((d, t) => d.insert(t.reports).values({ agencyId: agency.id, year: 2024, edition: "2021", data: JSON.stringify(doc) }).returning())))).id;
  actors = await s.run(actorsByLogin());
  commentId = (await first(s.run(all((d, t) => d.insert(t.reviewComments).values({ reportId, authorId: actors.get("yingji-reviewer")!.id, anchor: "report", body: "请核对" }).returning())))).id;
  // Published once (the portal URL may be recorded only then).
  await s.run(exec((d, t) => d.insert(t.reportVersions).values({ reportId, reportVersion: 1, kind: "publish", status: "published", data: JSON.stringify(doc), contentHash: "x" })));
  hierarchy = await s.run(loadHierarchy());
});

function actorFor(role: string, own: boolean): Actor {
  if (role === "supervisor" && !own) return { id: otherSupervisorId, role: "supervisor", agencyId: otherOfficeId };
  const login =
    role === "admin" ? "admin" : role === "supervisor" ? "supervisor" : LOGINS[own ? "own" : "other"][role as "drafter" | "reviewer"];
  return actors.get(login)!;
}

/** The table's verdict for `actor` on the report in `status`, with the relation read from the database. */
function expectation(capability: Capability, actor: Actor, status: ReportStatus) {
  const ctx = { role: actor.role, relation: relationTo(actor, agencyId, hierarchy), status };
  return { viewable: can("view", ctx), verdict: check(capability, ctx), relation: ctx.relation };
}

/** Every role in each relation the world has: own agency, supervising office (supervisor), another agency or office. */
const CASES = ROLE_IDS.flatMap((role) => [true, false].filter((own) => role !== "admin" || own).map((own) => ({ role, own })));

async function setStatus(status: ReportStatus) {
  await s.run(exec((d, t) => d.update(t.reports).set({ status }).where(eq(t.reports.id, reportId))));
}

describe(`server-side authorization of every transition (${TEST_DIALECT})`, () => {
  for (const action of ACTIONS)
    for (const { role, own } of CASES)
      for (const status of STATES) {
        // The admin has no agency: "own" has no meaning. For the supervisor, "own" is the demo office
        // above the bureau (supervised), "other" a supervising office elsewhere (created in the setup).
        it(`${action} · ${role} · ${own ? "own" : "other"} agency · ${status} → the table's verdict`, async () => {
          await setStatus(status);
          const actor = actorFor(role, own);
          const { viewable, verdict } = expectation(action, actor, status);
          const expected = verdict.ok && !CONTENT_REFUSED.has(action);
          // approve and publish name the version read (the report was inserted at version 1 and is never saved here).
          const out = await s.run(applyTransition(actor, reportId, { action, comment: "理由充分", anchor: "report", version: 1 }));
          expect(out.ok).toBe(expected);
          if (!out.ok) {
            // Whoever may not view the report does not even learn that it exists.
            if (!viewable) expect(out.status).toBe(404);
            else expect(out.status).toBe(verdict.ok ? 422 : verdict.why === "state" ? 409 : 403);
          }
        });
      }
});

describe(`server-side authorization of the other report capabilities (${TEST_DIALECT})`, () => {
  for (const { role, own } of CASES)
    for (const status of STATES) {
      const name = `${role} · ${own ? "own" : "other"} agency · ${status}`;
      it(`view: ${name}`, async () => {
        await setStatus(status);
        const actor = actorFor(role, own);
        const { verdict } = expectation("view", actor, status);
        const out = await s.run(getReportForActor(actor, reportId));
        expect(out.ok).toBe(verdict.ok);
      });
      it(`edit (autosave): ${name}`, async () => {
        await setStatus(status);
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("edit", actor, status);
        const out = await s.run(saveReport(actor, reportId, 1, doc));
        expect(out.kind).toBe(verdict.ok ? "saved" : !viewable ? "not_found" : verdict.why === "state" ? "locked" : "forbidden");
      });
      it(`resolve a comment: ${name}`, async () => {
        await setStatus(status);
        await s.run(exec((d, t) => d.update(t.reviewComments).set({ resolvedAt: null, resolvedBy: null }).where(eq(t.reviewComments.id, commentId))));
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("resolveComment", actor, status);
        const out = await s.run(resolveComment(actor, reportId, commentId));
        expect(out.ok).toBe(verdict.ok);
        if (!out.ok) expect(out.status).toBe(viewable ? 403 : 404);
        const resolved = (await s.run(one((d, t) => d.select().from(t.reviewComments).where(eq(t.reviewComments.id, commentId)))))!.resolvedAt !== null;
        expect(resolved).toBe(verdict.ok);
      });
      it(`confirm a warning: ${name}`, async () => {
        await setStatus(status);
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("confirmWarning", actor, status);
        // The report has no warning: an authorized reviewer gets past the permission check to 「该警告已不存在」.
        const out = await s.run(confirmWarning(actor, reportId, "narrative.feeStatement|narrative.other", "核实无误，确无收费"));
        expect(out.ok).toBe(false);
        if (out.ok) return;
        if (!viewable) expect(out.status).toBe(404);
        else if (verdict.ok) expect(out.reason).toContain("该警告已不存在");
        else expect(out.status).toBe(verdict.why === "state" ? 409 : 403);
      });
      it(`record the portal URL: ${name}`, async () => {
        await setStatus(status);
        const actor = actorFor(role, own);
        const { viewable, verdict } = expectation("recordPortalUrl", actor, status);
        const out = await s.run(setPortalUrl(actor, reportId, "https://www.example.gov.cn/nb.html"));
        expect(out.ok).toBe(verdict.ok);
        if (!out.ok) expect(out.status).toBe(viewable ? 403 : 404);
      });
    }

  it("the world covers every relation: own agency, supervised agency and other", async () => {
    const relations = new Set(CASES.map(({ role, own }) => expectation("view", actorFor(role, own), "draft").relation));
    expect([...relations].sort()).toEqual(["other", "own", "supervised"]);
  });
});
