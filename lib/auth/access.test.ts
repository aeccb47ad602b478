import { describe, expect, it } from "vitest";
import { canDraftForAgency, canViewAgency, isWithin, type Actor } from "./access";

// office(1) ─┬─ bureau A(2) ── sub-unit(5)
//            └─ bureau B(3)
// other city(4)
const h = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 1],
  [4, null],
  [5, 2],
]);

const actor = (role: Actor["role"], agencyId: number | null): Actor => ({ id: 1, role, agencyId });

describe("agency access", () => {
  it("drafters and reviewers see only their own agency", () => {
    for (const role of ["drafter", "reviewer"] as const) {
      expect(canViewAgency(actor(role, 2), 2, h)).toBe(true);
      expect(canViewAgency(actor(role, 2), 3, h)).toBe(false);
      expect(canViewAgency(actor(role, 2), 5, h)).toBe(false);
      expect(canViewAgency(actor(role, 2), 1, h)).toBe(false);
    }
  });

  it("a supervisor sees the whole hierarchy below its office, and nothing outside it", () => {
    const s = actor("supervisor", 1);
    expect([1, 2, 3, 5].every((a) => canViewAgency(s, a, h))).toBe(true);
    expect(canViewAgency(s, 4, h)).toBe(false);
    expect(canViewAgency(actor("supervisor", 2), 3, h)).toBe(false);
    expect(canViewAgency(actor("supervisor", 2), 5, h)).toBe(true);
    expect(canViewAgency(actor("supervisor", null), 1, h)).toBe(false);
  });

  it("admins see everything", () => {
    expect([1, 2, 3, 4, 5].every((a) => canViewAgency(actor("admin", null), a, h))).toBe(true);
  });

  it("only a drafter of the agency may draft for it", () => {
    expect(canDraftForAgency(actor("drafter", 2), 2)).toBe(true);
    expect(canDraftForAgency(actor("drafter", 2), 3)).toBe(false);
    for (const role of ["reviewer", "supervisor", "admin"] as const) expect(canDraftForAgency(actor(role, 2), 2)).toBe(false);
  });

  it("a cycle in the hierarchy cannot hang the check", () => {
    const cyclic = new Map<number, number | null>([
      [7, 8],
      [8, 7],
    ]);
    expect(isWithin(cyclic, 7, 99)).toBe(false);
  });
});
