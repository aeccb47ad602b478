// The one wrapper of a JSON route handler. A route states its contract — who may call it, the zod
// schemas of its URL parameters and body, how large the body may be — and answers with a success
// body, a Response (downloads), or a failure ({ kind, message }, lib/edge/outcome.ts). Everything
// between is done here, in this order, the same for every route:
//   session (re-read from the database; 401/403 from ./guard) → role → URL parameters (a bad id is
//   「not found」, worded by the route) → bounded body (413) → JSON (400) → zod (400 or the route's
//   own failure) → handler → failure table (404/403/409/422/423/503 with Chinese messages).
// A busy database anywhere answers 503 + Retry-After, any other error a Chinese 500 (apiRoute).
// Cross-site and non-JSON posts never get here: proxy.ts refuses them first (lib/auth/csrf.ts).
import "server-only";
import { safeParse, type $ZodIssue, type $ZodType, type output } from "zod/v4/core";
import type { RoleId } from "@/lib/auth/roles";
import { FailureError, fail, isFailure, toHttp, type Failure, type Wording } from "@/lib/edge/outcome";
import { withStorage } from "@/db/health";
import { currentUser, requireApiUser, type SessionUser } from "../guard";
import { apiRoute, jsonResponse, MAX_BODY_BYTES, readBoundedBody, readJsonBody } from "../http";

type Schema = $ZodType;
type Out<S> = S extends Schema ? output<S> : undefined;

/** A non-JSON body: multipart form data (an upload) or the raw bytes, bounded either way. */
export interface Upload {
  as: "form" | "bytes";
  limit: number;
  /** The 413 message, completed with the bound: 「文件过大（上限 5 MB）」. */
  tooLarge?: string;
  /** as "form": the 400 message when the body is not form data. */
  malformed?: string;
}

/** "user": signed in (default); "optional": the user or null; "none": no session read at all. */
type Session = "user" | "optional" | "none";

export interface RouteSpec<P extends Schema | undefined, B extends Schema | undefined, U extends Upload | undefined, S extends Session> {
  session?: S;
  roles?: readonly RoleId[];
  /** Open to a user who must still replace an initial password. */
  allowPasswordChangePending?: boolean;
  params?: P;
  /** The JSON body's schema; read with `bodyLimit` bytes at most (default 1 MB). */
  body?: B;
  bodyLimit?: number;
  upload?: U;
  /** This route's wording of default messages, e.g. { not_found: "年报不存在" } (also used for a bad URL parameter). */
  wording?: Wording;
  /** The answer to URL parameters that do not parse (default: not_found). */
  badParams?: Failure;
  /** The answer to a body that does not match `body` (default: 400 「请求格式不正确」). */
  badBody?: Failure | ((issues: readonly $ZodIssue[]) => Failure);
}

type UserOf<S> = S extends "optional" ? SessionUser | null : S extends "none" ? null : SessionUser;
type UploadOf<U> = U extends { as: "form" } ? FormData : U extends { as: "bytes" } ? Uint8Array : undefined;

export interface RouteContext<P, B, U, S> {
  req: Request;
  user: UserOf<S>;
  params: Out<P>;
  body: Out<B>;
  upload: UploadOf<U>;
  /** Runs a write; a storage failure (disk full, read-only file) answers 503 「…」 with code "storage". */
  write<T>(f: () => T | Promise<T>): Promise<T>;
}

/** A success body: always { ok: true, … }, answered as 200 JSON (return a Response for anything else). */
export type Success = { ok: true } & Record<string, unknown>;
type Answer = Response | Failure | Success;

async function write<T>(f: () => T | Promise<T>): Promise<T> {
  const stored = await withStorage(f);
  if (!stored.ok) throw new FailureError(fail("storage", stored.reason));
  return stored.value;
}

function answer(out: Answer, wording: Wording): Response {
  if (out instanceof Response) return out;
  if (isFailure(out)) {
    const h = toHttp(out, wording);
    return Response.json(h.body, { status: h.status, headers: h.headers });
  }
  return jsonResponse(200, out);
}

export function defineRoute<P extends Schema | undefined = undefined, B extends Schema | undefined = undefined, U extends Upload | undefined = undefined, S extends Session = "user">(
  spec: RouteSpec<P, B, U, S>,
  handler: (ctx: RouteContext<P, B, U, S>) => Promise<Answer> | Answer,
): (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> {
  const wording = spec.wording ?? {};
  return apiRoute(async (req: Request, routeCtx: { params: Promise<Record<string, string>> }) => {
    try {
      let user: SessionUser | null = null;
      if (spec.session === "optional") user = await currentUser();
      else if (spec.session !== "none") {
        const guard = await requireApiUser({ roles: spec.roles, allowPasswordChangePending: spec.allowPasswordChangePending });
        if (!guard.ok) return guard.response;
        user = guard.user;
      }
      let params: unknown;
      if (spec.params) {
        const p = safeParse(spec.params, await routeCtx.params);
        if (!p.success) return answer(spec.badParams ?? fail("not_found"), wording);
        params = p.data;
      }
      let body: unknown;
      if (spec.body) {
        const raw = await readJsonBody(req, spec.bodyLimit ?? MAX_BODY_BYTES);
        if (!raw.ok) return raw.response;
        const b = safeParse(spec.body, raw.value);
        if (!b.success) {
          const bad = typeof spec.badBody === "function" ? spec.badBody(b.error.issues) : (spec.badBody ?? fail("bad_request"));
          return answer(bad, wording);
        }
        body = b.data;
      }
      let upload: unknown;
      if (spec.upload) {
        const u = spec.upload;
        const raw = await readBoundedBody(req, u.limit, u.tooLarge);
        if (!raw.ok) return raw.response;
        upload = raw.bytes;
        if (u.as === "form") {
          try {
            upload = await new Response(raw.bytes as BodyInit, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
          } catch {
            return answer(fail("bad_request", u.malformed), wording);
          }
        }
      }
      const ctx = { req, user, params, body, upload, write } as RouteContext<P, B, U, S>;
      return answer(await handler(ctx), wording);
    } catch (e) {
      if (e instanceof FailureError) return answer(e.failure, wording);
      throw e;
    }
  });
}
