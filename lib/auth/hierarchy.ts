// The supervision hierarchy of agencies (pure): who lies below whom.

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
