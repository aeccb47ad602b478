"use server";
import { signOut } from "@/auth";
import { currentUser } from "@/app/_server/guard";
import { getDb } from "@/db/client";
import { writeAudit } from "@/db/audit";
import { revokeSession } from "@/db/sessions";

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) {
    const db = getDb();
    // Revoked on the server: a copy of this cookie kept elsewhere no longer works (next-auth's
    // signOut event revokes it too; both are idempotent).
    db.transaction((tx) => {
      revokeSession(tx, user.sessionId);
      writeAudit(tx, { actorId: user.id, action: "auth.signout", entityType: "user", entityId: user.id, agencyId: user.agencyId });
    });
  }
  await signOut({ redirectTo: "/login" });
}
