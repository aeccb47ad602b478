// PUT { email }: the signed-in drafter or reviewer sets (or, blank, clears) the address 催办 e-mail goes to.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { setOwnEmail } from "@/db/notices";
import { isEmailAddress } from "@/lib/office/urge";

export const dynamic = "force-dynamic";

const body = z.object({ email: z.string().max(1000) });

export const PUT = apiRoute(async function emailHandler(req: Request) {
  const guard = await requireApiUser({ roles: ["drafter", "reviewer"] });
  if (!guard.ok) return guard.response;
  const raw = await readJsonBody(req, 2000);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.value);
  if (!parsed.success) return jsonError(400, "bad_request", "请求格式不正确");
  const email = parsed.data.email.trim();
  if (email && !isEmailAddress(email)) return jsonError(422, "invalid", "邮箱地址格式不正确，例如 wangmin@example.gov.cn");
  setOwnEmail(getDb(), guard.user.id, email || null);
  return jsonResponse(200, { ok: true, email: email || null });
});
