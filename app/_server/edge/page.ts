// The one wrapper of a page that shows one thing by id: sign-in (redirect back to the page), role,
// URL parameters through their zod schema (a bad id is the page's 404), then the loader — whose
// failure (lib/edge/outcome.ts) becomes notFound() or forbidden().
import "server-only";
import { forbidden, notFound } from "next/navigation";
import { safeParse, type $ZodType, type output } from "zod/v4/core";
import type { RoleId } from "@/lib/auth/roles";
import { FailureError, isFailure, type Failure } from "@/lib/edge/outcome";
import { requireUser, type SessionUser } from "../guard";

function refuse(f: Failure): never {
  if (f.kind === "forbidden" || (f.kind === "refused" && f.status === 403)) forbidden();
  if (f.kind === "not_found" || (f.kind === "refused" && f.status === 404)) notFound();
  throw new Error(f.message ?? f.kind);
}

export async function loadPage<P extends $ZodType, T>(
  spec: { params: P; roles?: readonly RoleId[]; returnTo: (raw: Record<string, string>) => string },
  rawParams: Promise<Record<string, string>>,
  load: (ctx: { user: SessionUser; params: output<P> }) => T | Failure | Promise<T | Failure>,
): Promise<{ user: SessionUser; params: output<P>; data: T }> {
  const raw = await rawParams;
  const user = await requireUser({ roles: spec.roles }, spec.returnTo(raw));
  const parsed = safeParse(spec.params, raw);
  if (!parsed.success) notFound();
  let data: T | Failure;
  try {
    data = await load({ user, params: parsed.data });
  } catch (e) {
    if (e instanceof FailureError) refuse(e.failure);
    throw e;
  }
  if (isFailure(data)) refuse(data);
  return { user, params: parsed.data, data };
}
