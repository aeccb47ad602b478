"use server";
// 批量导入: 检查 (dry run: read, validate, write nothing) and 导入 (the same checks again, then one
// transaction). The file is sent again for the import: nothing of a dry run is kept on the server.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/app/_server/edge";
import { commitOnboarding, existingState, initialPasswords } from "@/db/onboarding";
import { run } from "@/db/store";
import type { OnboardingOutcome } from "@/components/admin/onboarding-form";
import { LIMITS } from "@/lib/onboarding/columns";
import type { UploadedFile } from "@/lib/onboarding/read";
import { checkInWorker } from "@/lib/onboarding/worker/run-check";
import { rolesFor } from "@/lib/workflow/permissions";

/** Problems sent back at most (a 5,000-row file of garbage); the count is always exact. */
const MAX_PROBLEMS = 5000;

/** The files are read from the form itself (several under "files"); `mode`: "commit" imports, anything else checks. */
export const onboardingAction = defineAction<undefined, OnboardingOutcome>({ roles: rolesFor("administer") }, async ({ user, form }) => {
  const mode = form.get("mode") === "commit" ? "commit" : "check";
  const entries = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  const total = entries.reduce((n, f) => n + f.size, 0);
  if (total > LIMITS.maxBytes) return { ok: false, error: `文件过大，上限 ${Math.round(LIMITS.maxBytes / 1000)} KB；请分批导入` };
  const files: UploadedFile[] = [];
  for (const f of entries.slice(0, 3)) files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  // Read and validated in a worker thread (time and heap limits): a wide workbook at the size
  // limit takes seconds to parse, which must not hold up everyone else's requests.
  const plan = await checkInWorker({ files, existing: await run(existingState()) });
  const outcome: OnboardingOutcome = { mode, problems: plan.problems.slice(0, MAX_PROBLEMS), problemCount: plan.problems.length, agencies: plan.agencies.length, users: plan.users.length };
  if (mode === "check" || plan.problems.length) {
    outcome.mode = "check";
    outcome.preview = { agencies: plan.agencies.slice(0, 20), users: plan.users.slice(0, 20) };
    return { ok: true, data: outcome };
  }
  const r = await run(commitOnboarding(user.id, plan, files.map((f) => f.name).join("、"), await initialPasswords(plan)));
  if (!r.ok) return r;
  revalidatePath("/admin/agencies");
  revalidatePath("/admin/users");
  return { ok: true, data: { ...outcome, credentials: r.credentials }, message: `已导入 ${r.agencies} 个单位、${r.users} 个用户` };
});
