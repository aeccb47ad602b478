// The user behind a session, re-read on every request (app/_server/guard.ts): account, role,
// agency and both active flags, as db/users.ts findUserById reads them, from a prepared statement.
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { prepared } from "./prepared";
import { agencies, users } from "./schema";
import type { UserWithAgency } from "./users";

export function findSessionUser(db: Db, id: number): Omit<UserWithAgency, "passwordHash"> | undefined {
  return prepared(db, "session-user", (d) =>
    d
      .select({
        id: users.id,
        login: users.login,
        displayName: users.displayName,
        role: users.role,
        active: users.active,
        agencyId: users.agencyId,
        agencyName: agencies.name,
        agencyActive: agencies.active,
      })
      .from(users)
      .leftJoin(agencies, eq(users.agencyId, agencies.id))
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}
