// Data access for agencies and the supervision hierarchy (data functions: db/unit.ts).
import { asc, eq } from "drizzle-orm";
import type { Hierarchy } from "../lib/auth/access";
import { isWithin } from "../lib/auth/access";
import type { Agency } from "./schema";
import { all, exec, one, type Q } from "./unit";

export function* listAgencies(): Q<Agency[]> {
  return yield* all((d, t) => d.select().from(t.agencies).orderBy(asc(t.agencies.id)));
}

export function* getAgency(id: number): Q<Agency | undefined> {
  return yield* one((d, t) => d.select().from(t.agencies).where(eq(t.agencies.id, id)));
}

export function* getAgencyByCode(code: string): Q<Agency | undefined> {
  return yield* one((d, t) => d.select().from(t.agencies).where(eq(t.agencies.code, code)));
}

export function* loadHierarchy(): Q<Hierarchy> {
  const rows = yield* all((d, t) => d.select({ id: t.agencies.id, parentId: t.agencies.parentId }).from(t.agencies));
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The agency itself and every agency below it (the supervisor's scope). */
export function* agencySubtree(rootId: number): Q<Agency[]> {
  const h = yield* loadHierarchy();
  return (yield* listAgencies()).filter((a) => isWithin(h, a.id, rootId));
}

export function* insertAgency(values: { name: string; code: string; parentId: number | null }): Q<Agency> {
  const rows = yield* all((d, t) => d.insert(t.agencies).values(values).returning());
  return rows[0]!;
}

export function* setAgencyActive(id: number, active: boolean): Q<void> {
  yield* exec((d, t) => d.update(t.agencies).set({ active, updatedAt: new Date() }).where(eq(t.agencies.id, id)));
}
