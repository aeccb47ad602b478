// Authorization matrix on the server's transition path: every action × role × own/other agency ×
// report state, with content that satisfies the content conditions, so only authorization decides.
// The expected outcome is written out here independently of lib/workflow/transitions.ts.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import { parseReport } from "../lib/data";
import { validateReport } from "../lib/rules";
import type { Actor } from "../lib/auth/access";
import { ACTIONS } from "../lib/workflow/transitions";
import { getAgencyByCode, insertAgency } from "./agencies";
import type { Db } from "./client";
import { reports, users, type ReportStatus } from "./schema";
import { findUserByLogin } from "./users";
import { applyTransition } from "./workflow";
import { useTempDb } from "./testing/temp-db";

const ALLOWED: Record<string, { roles: string[]; from: ReportStatus[] }> = {
  submit: { roles: ["drafter"], from: ["draft", "returned"] },
  withdraw: { roles: ["drafter"], from: ["submitted"] },
  return: { roles: ["reviewer"], from: ["submitted"] },
  approve: { roles: ["reviewer"], from: ["submitted"] },
  publish: { roles: ["reviewer", "admin"], from: ["approved"] },
  revise: { roles: ["drafter"], from: ["published"] },
  supervisorReturn: { roles: ["supervisor"], from: ["submitted", "approved", "published"] },
  // Authorized for the agency's reviewer on a draft, but only for an imported past year's report:
  // this one was written here, so it is refused with 422 (db/backfill.test.ts covers the allowed case).
  backfillPublish: { roles: ["reviewer"], from: ["draft"] },
};
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

useTempDb("authz", (d) => {
  db = d;
  const agency = getAgencyByCode(db, "sfsyjj")!;
  const parsed = parseReport({ ...example, agency: { name: agency.name } });
  if (!parsed.ok) throw new Error("fixture");
  expect(validateReport(parsed.report).issues).toEqual([]);
  otherOfficeId = insertAgency(db, { name: "另一市人民政府办公室", code: "lysszfb", parentId: null }).id;
  otherSupervisorId = db.insert(users).values({ login: "other-supervisor", displayName: "另一市政务公开办", passwordHash: "x", role: "supervisor", agencyId: otherOfficeId }).returning().get().id;
  reportId = db.insert(reports).values({ agencyId: agency.id, year: 2024, edition: "2021", data: JSON.stringify(parsed.report) }).returning().get().id;
});

function actorFor(role: string, own: boolean): Actor {
  if (role === "supervisor" && !own) return { id: otherSupervisorId, role: "supervisor", agencyId: otherOfficeId };
  const login =
    role === "admin" ? "admin" : role === "supervisor" ? "supervisor" : LOGINS[own ? "own" : "other"][role as "drafter" | "reviewer"];
  const u = findUserByLogin(db, login)!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
}

describe("server-side authorization of every transition", () => {
  for (const action of ACTIONS)
    for (const role of ["drafter", "reviewer", "supervisor", "admin"])
      for (const own of [true, false])
        for (const status of STATES) {
          // The admin has no agency: "own" has no meaning. For the supervisor, "own" is the demo office
          // above the bureau, "other" a supervising office elsewhere (created in the setup).
          if (role === "admin" && !own) continue;
          const rule = ALLOWED[action]!;
          const authorized = rule.roles.includes(role) && (own || role === "admin") && rule.from.includes(status);
          const expected = authorized && !CONTENT_REFUSED.has(action);
          it(`${action} · ${role} · ${own ? "own" : "other"} agency · ${status} → ${expected ? "allowed" : "refused"}`, () => {
            db.update(reports).set({ status }).where(eq(reports.id, reportId)).run();
            // approve and publish name the version read (the report was inserted at version 1 and is never saved here).
            const out = applyTransition(db, actorFor(role, own), reportId, { action, comment: "理由充分", anchor: "report", version: 1 });
            expect(out.ok).toBe(expected);
            if (!out.ok) {
              // Another agency's drafter/reviewer does not even learn that the report exists.
              if (!own) expect(out.status).toBe(404);
              else expect(authorized ? [422] : [403, 409]).toContain(out.status);
            }
          });
        }
});
