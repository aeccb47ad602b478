// The contract of a route under /api/oversight/quality/[id]: the supervising office or an admin
// (the permission table's oversee area), the run's id, and 「检查不存在」 for a bad one.
import { idParams } from "@/app/_server/edge";
import { rolesFor } from "@/lib/workflow/permissions";

export const runById = { roles: rolesFor("oversee"), params: idParams, wording: { not_found: "检查不存在" } };
