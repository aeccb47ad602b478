// POST { key: "rule|cell", reason }: the reviewer verifies a warning as correct.
import { z } from "zod";
import { defineRoute, refused, reportById } from "@/app/_server/edge";
import { run } from "@/db/store";
import { confirmWarning } from "@/db/workflow";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

const body = z.object({ key: z.string().max(300), reason: z.string().max(1000) });

export const POST = defineRoute({ ...reportById, roles: rolesFor("confirmWarning"), body, bodyLimit: 20_000 }, async ({ user, params, body, write }) => {
  const out = await write(() => run(confirmWarning(user, params.id, body.key, body.reason)));
  return out.ok ? { ok: true } : refused(out);
});
