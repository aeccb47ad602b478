// Data access for agencies and the supervision hierarchy.
import { asc, eq, sql } from "drizzle-orm";
import type { Hierarchy } from "../lib/auth/access";
import { isWithin } from "../lib/auth/access";
import type { Db, DbOrTx } from "./client";
import { agencies, type Agency } from "./schema";

export function listAgencies(db: Db): Agency[] {
  return db.select().from(agencies).orderBy(asc(agencies.id)).all();
}

export function getAgency(db: Db, id: number): Agency | undefined {
  return db.select().from(agencies).where(eq(agencies.id, id)).get();
}

export function getAgencyByCode(db: Db, code: string): Agency | undefined {
  return db.select().from(agencies).where(eq(agencies.code, code)).get();
}

export function loadHierarchy(db: Db): Hierarchy {
  const rows = db.select({ id: agencies.id, parentId: agencies.parentId }).from(agencies).all();
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The agency itself and every agency below it (the supervisor's scope). */
export function agencySubtree(db: Db, rootId: number): Agency[] {
  const h = loadHierarchy(db);
  return listAgencies(db).filter((a) => isWithin(h, a.id, rootId));
}

export function insertAgency(db: DbOrTx, values: { name: string; code: string; parentId: number | null }): Agency {
  return db.insert(agencies).values(values).returning().get();
}

export function setAgencyActive(db: DbOrTx, id: number, active: boolean): void {
  db.update(agencies)
    .set({ active, updatedAt: sql`(unixepoch('subsec') * 1000)` })
    .where(eq(agencies.id, id))
    .run();
}
