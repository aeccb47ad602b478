// PUT { url }: 回填发布地址 — where the agency published the report on its own portal (blank clears it).
import { z } from "zod";
import { defineRoute, fail, refused, reportById } from "@/app/_server/edge";
import { run } from "@/db/store";
import { setPortalUrl } from "@/db/reports";
import { checkPortalUrl } from "@/lib/office/portal";

export const dynamic = "force-dynamic";

const body = z.object({ url: z.string().max(2000) });

export const PUT = defineRoute({ ...reportById, body, bodyLimit: 4000 }, async ({ user, params, body, write }) => {
  const checked = checkPortalUrl(body.url);
  if (!checked.ok) return fail("invalid", checked.error);
  const out = await write(() => run(setPortalUrl(user, params.id, checked.url)));
  return out.ok ? { ok: true, url: out.url } : refused(out);
});
