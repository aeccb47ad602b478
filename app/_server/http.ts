// Small helpers for JSON route handlers: Chinese error bodies, no caching, bounded request bodies.
import "server-only";
import { BUSY_MESSAGE, BUSY_RETRY_AFTER_S, isBusyError } from "@/lib/auth/busy";

export function jsonResponse(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function jsonError(status: number, code: string, error: string, extra: Record<string, unknown> = {}): Response {
  return jsonResponse(status, { ok: false, code, error, ...extra });
}

/** Largest request body we accept (a full report is ~15 KB; narratives of a few 10 000 characters fit easily). */
export const MAX_BODY_BYTES = 1_000_000;

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads a JSON body of bounded size; malformed or oversized input becomes a Chinese 400/413. */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return { ok: false, response: jsonError(413, "too_large", `请求内容过大（上限 ${Math.round(limit / 1000)} KB）`) };
  let text = "";
  if (req.body) {
    const reader = req.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return { ok: false, response: jsonError(413, "too_large", `请求内容过大（上限 ${Math.round(limit / 1000)} KB）`) };
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: jsonError(400, "bad_json", "请求内容不是有效的 JSON") };
  }
}

/**
 * Reads a body of bounded size as bytes, whether or not it declares its length (a chunked upload
 * has no content-length: `req.formData()` alone would buffer any amount before a check could run).
 */
export async function readBoundedBody(req: Request, limit: number, what = "文件过大"): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  const bound = limit >= 1_000_000 ? `${Math.round(limit / 1_000_000)} MB` : `${Math.round(limit / 1000)} KB`;
  const tooLarge = () => ({ ok: false as const, response: jsonError(413, "too_large", `${what}（上限 ${bound}）`) });
  if (Number(req.headers.get("content-length") ?? "0") > limit) return tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return tooLarge();
      }
      parts.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { ok: true, bytes };
}

/**
 * Content-Disposition for a download: an ASCII fallback name (`<asciiBase>.<ext>`) for old clients,
 * the real Chinese name in filename* (RFC 6266 / 5987).
 */
export function attachment(fileName: string, asciiBase: string): string {
  return `attachment; filename="${asciiBase}${fileName.slice(fileName.lastIndexOf("."))}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The answer while the database is busy (its write lock held elsewhere past busy_timeout): retry later. */
export function busyResponse(): Response {
  return Response.json(
    { ok: false, code: "busy", error: BUSY_MESSAGE },
    { status: 503, headers: { "cache-control": "no-store", "retry-after": String(BUSY_RETRY_AFTER_S) } },
  );
}

/**
 * Wraps a route handler: a busy database becomes 503 + Retry-After + 「系统繁忙，请稍后重试」, any
 * other unexpected error a Chinese 500 JSON body (logged) instead of Next's empty 500.
 */
export function apiRoute<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      if (isBusyError(e)) return busyResponse();
      // next's redirect()/notFound() and similar control-flow errors carry a digest: let them through.
      if (e && typeof e === "object" && "digest" in e) throw e;
      console.error(e);
      return jsonError(500, "server_error", "服务器内部错误，请稍后重试");
    }
  };
}
