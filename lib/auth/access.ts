// Who may see which agency's data: a pure function of the actor and the agency hierarchy, read from
// the one permission table (lib/workflow/permissions.ts). The server guard and the data-access layer
// call it; nothing else decides access.
import { may } from "../workflow/permissions";
import type { RoleId } from "./roles";
import type { Hierarchy } from "./hierarchy";

export { isWithin, type Hierarchy } from "./hierarchy";

export type Actor = { id: number; role: RoleId; agencyId: number | null };

/** Read access to an agency's reports and audit trail (the table's `view`). */
export function canViewAgency(actor: Actor, agencyId: number, hierarchy: Hierarchy): boolean {
  return may("view", actor, { agencyId }, hierarchy);
}

/**
 * Write access to an agency's report content (the table's `draft`: creating, importing, drafting).
 * Workflow states narrow it further (`edit`). The agency's own staff only, so no hierarchy is needed.
 */
export function canDraftForAgency(actor: Actor, agencyId: number): boolean {
  return may("draft", actor, { agencyId }, new Map());
}
