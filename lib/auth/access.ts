// Who may see which agency's data: a pure function of the actor and the agency hierarchy.
// The server guard and the data-access layer call it; nothing else decides access.
import type { RoleId } from "./roles";

export type Actor = { id: number; role: RoleId; agencyId: number | null };
/** parentId by agency id: the supervision hierarchy. */
export type Hierarchy = ReadonlyMap<number, number | null>;

/** True when `agencyId` is `ancestorId` or lies below it in the hierarchy. */
export function isWithin(hierarchy: Hierarchy, agencyId: number, ancestorId: number): boolean {
  let current: number | null | undefined = agencyId;
  for (let depth = 0; current != null && depth < 64; depth++) {
    if (current === ancestorId) return true;
    current = hierarchy.get(current);
  }
  return false;
}

/** Read access to an agency's reports and audit trail. */
export function canViewAgency(actor: Actor, agencyId: number, hierarchy: Hierarchy): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "drafter":
    case "reviewer":
      return actor.agencyId === agencyId;
    case "supervisor":
      return actor.agencyId != null && isWithin(hierarchy, agencyId, actor.agencyId);
  }
}

/** Write access to an agency's report content (drafting). Workflow states narrow it further. */
export function canDraftForAgency(actor: Actor, agencyId: number): boolean {
  return actor.role === "drafter" && actor.agencyId === agencyId;
}
