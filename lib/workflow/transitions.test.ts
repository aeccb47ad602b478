import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/access";
import { ROLE_IDS } from "../auth/roles";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "./status";
import { availableActions, decide } from "./permissions";
import { ACTIONS, TRANSITIONS } from "./transitions";

const h = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 1],
]);
const STATES = Object.keys(REPORT_STATUS_LABELS) as ReportStatusId[];

// The expected matrix, written out independently of the TRANSITIONS table.
const ALLOWED: Record<string, { roles: string[]; from: ReportStatusId[] }> = {
  submit: { roles: ["drafter"], from: ["draft", "returned"] },
  withdraw: { roles: ["drafter"], from: ["submitted"] },
  return: { roles: ["reviewer"], from: ["submitted"] },
  approve: { roles: ["reviewer"], from: ["submitted"] },
  publish: { roles: ["reviewer", "admin"], from: ["approved"] },
  revise: { roles: ["drafter"], from: ["published"] },
  supervisorReturn: { roles: ["supervisor"], from: ["submitted", "approved", "published"] },
  // Role, agency and state only: that the report was imported and its deadline passed is checked by
  // db/workflow.ts (db/backfill.test.ts).
  backfillPublish: { roles: ["reviewer"], from: ["draft"] },
};
// For the supervisor, "own" means the report's agency (2) lies below the supervisor's office (1);
// "other" is a sibling office (3) with no authority over it.
function agencyOf(role: string, own: boolean): number | null {
  if (role === "admin") return null;
  if (role === "supervisor") return own ? 1 : 3;
  return own ? 2 : 3;
}

describe("workflow transitions: action × role × own/other agency × state", () => {
  for (const action of ACTIONS) {
    for (const role of ROLE_IDS) {
      for (const own of [true, false]) {
        for (const status of STATES) {
          const actor: Actor = { id: 9, role, agencyId: agencyOf(role, own) };
          const d = decide(actor, action, { agencyId: 2, status }, h);
          const rule = ALLOWED[action]!;
          // Admins are not bound to an agency; supervisors act on agencies below them; everyone else only on their own.
          const expected = rule.roles.includes(role) && (own || role === "admin") && rule.from.includes(status);
          it(`${action} by ${role} (${own ? "own" : "other"} agency) in ${status}: ${expected ? "allowed" : "refused"}`, () => {
            expect(d.ok).toBe(expected);
            if (!d.ok) expect(d.reason).toMatch(/[\u4e00-\u9fff]/);
          });
        }
      }
    }
  }

  it("refusals say 403 for the wrong person and 409 for the wrong state", () => {
    expect(decide({ id: 1, role: "reviewer", agencyId: 2 }, "submit", { agencyId: 2, status: "draft" }, h)).toMatchObject({ ok: false, status: 403 });
    expect(decide({ id: 1, role: "drafter", agencyId: 2 }, "submit", { agencyId: 2, status: "approved" }, h)).toMatchObject({ ok: false, status: 409 });
  });

  it("lists the buttons a user sees", () => {
    const labels = availableActions({ id: 1, role: "reviewer", agencyId: 2 }, { agencyId: 2, status: "submitted" }, h).map((t) => t.label);
    expect(labels).toEqual(["退回修改", "审核通过"]);
    expect(TRANSITIONS.find((t) => t.action === "return")!.needsComment).toBe(true);
    const supervisor = availableActions({ id: 1, role: "supervisor", agencyId: 1 }, { agencyId: 2, status: "published" }, h).map((t) => t.label);
    expect(supervisor).toEqual(["退回整改"]);
  });

  it("a supervisor cannot return its own office's report, nor one outside its hierarchy", () => {
    const deep = new Map<number, number | null>([...h, [4, 2]]);
    expect(decide({ id: 1, role: "supervisor", agencyId: 1 }, "supervisorReturn", { agencyId: 4, status: "submitted" }, deep).ok).toBe(true);
    expect(decide({ id: 1, role: "supervisor", agencyId: 1 }, "supervisorReturn", { agencyId: 1, status: "submitted" }, deep)).toMatchObject({ ok: false, status: 403 });
    expect(decide({ id: 1, role: "supervisor", agencyId: 2 }, "supervisorReturn", { agencyId: 3, status: "submitted" }, deep)).toMatchObject({ ok: false, status: 403 });
  });
});
