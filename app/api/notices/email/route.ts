// PUT { email }: the signed-in drafter or reviewer sets (or, blank, clears) the address 催办 e-mail goes to.
import { z } from "zod";
import { defineRoute, fail } from "@/app/_server/edge";
import { setOwnEmail } from "@/db/notices";
import { run } from "@/db/store";
import { isEmailAddress } from "@/lib/office/urge";

export const dynamic = "force-dynamic";

const body = z.object({ email: z.string().max(1000) });

export const PUT = defineRoute({ roles: ["drafter", "reviewer"], body, bodyLimit: 2000 }, async ({ user, body, write }) => {
  const email = body.email.trim();
  if (email && !isEmailAddress(email)) return fail("invalid", "邮箱地址格式不正确，例如 wangmin@example.gov.cn");
  await write(() => run(setOwnEmail(user.id, email || null)));
  return { ok: true, email: email || null };
});
