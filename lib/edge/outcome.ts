// What a route handler or a server action answers when it does not succeed, as data: a kind
// (not found, forbidden, invalid, locked, conflict, busy, …), a Chinese message and, for the JSON
// API, extra fields. ONE table maps each kind to its HTTP status, its `code` in the JSON body and
// its default message; the wrappers in app/_server/edge/ turn a failure into the JSON answer
// (`toHttp`) or into a server action's { ok: false, error } (`toActionResult`). Pure: no Next.js.
import type { ActionResult } from "@/lib/action-result";
import { BUSY_MESSAGE, BUSY_RETRY_AFTER_S } from "@/lib/auth/busy";

export const FAILURE_KINDS = ["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "too_large", "invalid", "locked", "storage", "busy", "refused"] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Status and default Chinese message of each kind. `refused` carries the status the data layer chose. */
export const FAILURE_TABLE: Record<FailureKind, { status: number; message: string }> = {
  bad_request: { status: 400, message: "请求格式不正确" },
  unauthorized: { status: 401, message: "未登录或登录已过期，请重新登录" },
  forbidden: { status: 403, message: "无权访问" },
  not_found: { status: 404, message: "所请求的内容不存在" },
  conflict: { status: 409, message: "内容已被他人修改，请刷新后重试" },
  too_large: { status: 413, message: "请求内容过大" },
  invalid: { status: 422, message: "输入有误" },
  locked: { status: 423, message: "当前状态下不能修改" },
  storage: { status: 503, message: "数据库暂时无法写入，请稍后重试" },
  busy: { status: 503, message: BUSY_MESSAGE },
  refused: { status: 409, message: "操作被拒绝" },
};

/**
 * A handler's refusal. `code` (default: the kind) is what the client matches on (the editor reads
 * "conflict", the import form "exists"); `details` are extra fields of the JSON body; `status`
 * overrides the table (a data-layer refusal that chose its own 403/404/409/422).
 */
export interface Failure {
  ok: false;
  kind: FailureKind;
  message?: string;
  status?: number;
  code?: string;
  details?: Record<string, unknown>;
}

export function fail(kind: FailureKind, message?: string, extra: Pick<Failure, "code" | "status" | "details"> = {}): Failure {
  return { ok: false, kind, ...(message !== undefined ? { message } : {}), ...extra };
}

/** A data-layer refusal ({ ok: false, status, reason }, db/workflow.ts and friends) as a failure: code "refused". */
export function refused(r: { status: number; reason: string }, details?: Record<string, unknown>): Failure {
  return { ok: false, kind: "refused", status: r.status, message: r.reason, ...(details ? { details } : {}) };
}

export function isFailure(v: unknown): v is Failure {
  return typeof v === "object" && v !== null && (v as { ok?: unknown }).ok === false && typeof (v as { kind?: unknown }).kind === "string" && (FAILURE_KINDS as readonly string[]).includes((v as { kind: string }).kind);
}

/** Per-route wording of a kind's default message (e.g. not_found → 「年报不存在」). */
export type Wording = Partial<Record<FailureKind, string>>;

export interface HttpFailure {
  status: number;
  headers: Record<string, string>;
  body: { ok: false; code: string; error: string } & Record<string, unknown>;
}

/** The JSON answer of a failure: { ok: false, code, error, ...details }, never cached; busy adds Retry-After. */
export function toHttp(f: Failure, wording: Wording = {}): HttpFailure {
  const row = FAILURE_TABLE[f.kind];
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (f.kind === "busy") headers["retry-after"] = String(BUSY_RETRY_AFTER_S);
  return {
    status: f.status ?? row.status,
    headers,
    body: { ok: false, code: f.code ?? f.kind, error: f.message ?? wording[f.kind] ?? row.message, ...f.details },
  };
}

/** A server action's answer for a failure: the form shows `error`. */
export function toActionResult(f: Failure, wording: Wording = {}): ActionResult<never> {
  return { ok: false, error: f.message ?? wording[f.kind] ?? FAILURE_TABLE[f.kind].message };
}

/** Thrown inside a handler (or a helper it calls) to answer with a failure at once. */
export class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message ?? failure.kind);
    this.name = "FailureError";
  }
}
