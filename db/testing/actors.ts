// The demo users as actors, for data tests on both databases (db/testing/stores.ts): read once per
// store, so a test names a user by login (`actor("yingji-drafter")`) without a query of its own.
import { asc } from "drizzle-orm";
import type { Actor } from "../../lib/auth/access";
import { all, type Q } from "../unit";

export function* actorsByLogin(): Q<Map<string, Actor>> {
  const rows = yield* all((d, t) => d.select({ id: t.users.id, login: t.users.login, role: t.users.role, agencyId: t.users.agencyId }).from(t.users).orderBy(asc(t.users.id)));
  return new Map(rows.map((u) => [u.login, { id: u.id, role: u.role, agencyId: u.agencyId }]));
}
