// POST { id } or { all: true }: marks the signed-in user's own notice(s) read.
import { z } from "zod";
import { defineRoute } from "@/app/_server/edge";
import { markNoticesRead } from "@/db/notices";
import { run } from "@/db/store";

export const dynamic = "force-dynamic";

const body = z.union([z.object({ id: z.number().int().positive() }), z.object({ all: z.literal(true) })]);

export const POST = defineRoute({ body, bodyLimit: 1000 }, async ({ user, body, write }) => {
  const changed = await write(() => run(markNoticesRead(user.id, "id" in body ? body.id : "all")));
  return { ok: true, changed };
});
