// The one wrapper of a server action bound to a form: `(prev, form) => ActionResult`. The action
// states who may run it and the zod schema of its form fields; here, the same for every action:
// session and role (./guard withUser: re-read user, busy database → 「系统繁忙，请稍后重试」) → the
// argument really is FormData → its fields through the schema (one place: no action parses a form
// by hand) → handler → a failure ({ kind, message }, lib/edge/outcome.ts) becomes { ok: false, error }.
// A handler that returns redirectTo(path) is redirected after the guard, outside any try/catch
// (redirect() throws on purpose). Origin: Next checks a server action's Origin against the Host
// itself, and proxy.ts bounds its body (413) before Next reads it.
import "server-only";
import { redirect } from "next/navigation";
import { safeParse, type $ZodIssue, type $ZodType, type output } from "zod/v4/core";
import type { ActionResult } from "@/lib/action-result";
import type { RoleId } from "@/lib/auth/roles";
import { FailureError, FAILURE_TABLE, isFailure, toActionResult, type Failure, type Wording } from "@/lib/edge/outcome";
import { withUser, type SessionUser } from "../guard";

type Out<S> = S extends $ZodType ? output<S> : undefined;

export interface ActionSpec<I extends $ZodType | undefined> {
  roles?: readonly RoleId[];
  allowPasswordChangePending?: boolean;
  /** Schema of the form's fields (`Object.fromEntries(form)`: the last value of a repeated name). */
  input?: I;
  /** Answer to fields that do not match: a fixed message (default 「参数有误」), or "first-issue": the schema's own message. */
  invalid?: string;
  wording?: Wording;
}

/** Marks a handler's answer as "go there now" (see the header). */
export type RedirectTo = { redirectTo: string };
export const redirectTo = (path: string): RedirectTo => ({ redirectTo: path });

export type FormAction<T> = (prev: unknown, form: FormData) => Promise<ActionResult<T>>;

/** A form's fields through a schema (`Object.fromEntries(form)`: the last value of a repeated name). */
export function parseForm<S extends $ZodType>(schema: S, form: FormData): { ok: true; data: output<S> } | { ok: false; issues: readonly $ZodIssue[] } {
  const parsed = safeParse(schema, Object.fromEntries(form));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: parsed.error.issues };
}

export function defineAction<I extends $ZodType | undefined = undefined, T = undefined>(
  spec: ActionSpec<I>,
  handler: (ctx: { user: SessionUser; input: Out<I>; form: FormData }) => Promise<ActionResult<T> | Failure | RedirectTo> | ActionResult<T> | Failure | RedirectTo,
): FormAction<T> {
  return async (_prev, form) => {
    let target: string | null = null;
    const result = await withUser<T>({ roles: spec.roles, allowPasswordChangePending: spec.allowPasswordChangePending }, async (user) => {
      if (!(form instanceof FormData)) return { ok: false, error: "参数有误" };
      let input: unknown;
      if (spec.input) {
        const parsed = parseForm(spec.input, form);
        if (!parsed.ok) {
          const error = spec.invalid === "first-issue" ? (parsed.issues[0]?.message ?? FAILURE_TABLE.invalid.message) : (spec.invalid ?? "参数有误");
          return { ok: false, error };
        }
        input = parsed.data;
      }
      let out: ActionResult<T> | Failure | RedirectTo;
      try {
        out = await handler({ user, input: input as Out<I>, form });
      } catch (e) {
        if (e instanceof FailureError) return toActionResult(e.failure, spec.wording);
        throw e;
      }
      if ("redirectTo" in out) {
        target = out.redirectTo;
        return { ok: true };
      }
      return isFailure(out) ? toActionResult(out, spec.wording) : out;
    });
    if (target !== null) redirect(target);
    return result;
  };
}
