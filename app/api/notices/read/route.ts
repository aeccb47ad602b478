// POST { id } or { all: true }: marks the signed-in user's own notice(s) read.
import { z } from "zod";
import { defineRoute } from "@/app/_server/edge";
import { getDb } from "@/db/client";
import { markNoticesRead } from "@/db/notices";

export const dynamic = "force-dynamic";

const body = z.union([z.object({ id: z.number().int().positive() }), z.object({ all: z.literal(true) })]);

export const POST = defineRoute({ body, bodyLimit: 1000 }, ({ user, body }) => {
  const changed = markNoticesRead(getDb(), user.id, "id" in body ? body.id : "all");
  return { ok: true, changed };
});
