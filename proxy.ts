// Next 16's proxy (formerly middleware). Two jobs, each in this one place rather than per route:
//
// 1. Refuse cross-site state-changing requests to /api/ (lib/auth/csrf.ts). It runs only for
//    requests that carry a browser's provenance headers (Origin or Sec-Fetch-Site): a request
//    without either does not come from a web page, so no victim's cookie can be abused by it, and
//    the route handlers' own bounded body readers refuse oversized ones at once. This matters:
//    for every request the proxy runs on, Next first copies the body (up to 10 MB) for the proxy.
// 2. Refuse oversized server-action posts by their declared length, with a Chinese 413, before
//    Next reads them: Next's own limit (1 MB) answers an oversized action with a bare 500. The
//    sign-in form (POST /login) is bounded much lower — it has two short fields.
//    Server actions are otherwise checked by Next itself (Origin against Host).
// 3. A Content-Security-Policy with a fresh nonce for every page: scripts run only when Next marked
//    them with the nonce (its own inline bootstrap and the chunks it loads), never an inline script
//    an attacker managed to inject. Next reads the nonce from the request's CSP header and puts it
//    on its script tags (every page is rendered per request anyway). The static policy of
//    next.config.js stays for everything else (API answers, files); where both apply, a script must
//    satisfy both, so the nonce rules.
// 4. Malformed percent-escapes in the path (`/p/%E4%B8/2024`, `/archives/%`): Next fails to decode
//    the route parameters and answers a bare English "Internal Server Error". Such a request is
//    answered here with a Chinese 400 before routing (matched only for paths that contain `%`).
import { NextResponse, type NextRequest } from "next/server";
import { csrfRefusal } from "@/lib/auth/csrf";
import { pageCsp } from "@/lib/auth/csp";

const ACTION_BODY_LIMIT = 1_000_000;
const LOGIN_BODY_LIMIT = 64_000;

function refuse(status: number, code: string, error: string) {
  return NextResponse.json({ ok: false, code, error }, { status, headers: { "cache-control": "no-store" } });
}

function withNonce(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

function undecodablePath(raw: string): boolean {
  try {
    decodeURIComponent(raw);
    for (const segment of raw.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

function badAddress(raw: string): NextResponse {
  if (raw.startsWith("/api/")) return refuse(400, "bad_request", "请求地址中含有无法识别的字符编码（%）");
  return new NextResponse(
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>地址无效</title></head><body><h1>地址无效（400）</h1><p>网址中含有无法识别的字符编码（%），请检查地址。</p><p><a href="/">返回首页</a></p></body></html>',
    { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );
}

export function proxy(request: NextRequest) {
  const raw = new URL(request.url).pathname;
  if (raw.includes("%") && undecodablePath(raw)) return badAddress(raw);
  const path = request.nextUrl.pathname;
  if ((request.method === "GET" || request.method === "HEAD") && !path.startsWith("/api/")) return withNonce(request);
  if (request.headers.has("next-action") && request.method === "POST") {
    const limit = path === "/login" ? LOGIN_BODY_LIMIT : ACTION_BODY_LIMIT;
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (!(declared <= limit)) return refuse(413, "too_large", `请求内容过大（上限 ${Math.round(limit / 1000)} KB）`);
    if (!path.startsWith("/api/")) return NextResponse.next();
  }
  const refusal = csrfRefusal({ method: request.method, pathname: path, headers: request.headers });
  if (refusal) return refuse(refusal.status, refusal.code, refusal.error);
  return NextResponse.next();
}

export const config = {
  matcher: [
    // Paths containing % (one anchored pattern with a single ".*%.*": linear to test on any path;
    // the path-to-regexp form "/:path*%:rest*" compiles to a nested lazy pattern).
    "/(.*%.*)",
    { source: "/api/:path*", has: [{ type: "header", key: "origin" }] },
    { source: "/api/:path*", has: [{ type: "header", key: "sec-fetch-site" }] },
    { source: "/((?!_next/static|_next/image).*)", has: [{ type: "header", key: "next-action" }] },
    // Pages (documents and their RSC payloads), not files or prefetches.
    {
      source: "/((?!api/|_next/static|_next/image|icon\\.svg|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
