"use server";
import { signOut } from "@/auth";
import { currentUser } from "@/app/_server/guard";
import { getDb } from "@/db/client";
import { writeAudit } from "@/db/audit";

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) writeAudit(getDb(), { actorId: user.id, action: "auth.signout", entityType: "user", entityId: user.id, agencyId: user.agencyId });
  await signOut({ redirectTo: "/login" });
}
