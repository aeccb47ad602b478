// Next 16's proxy (formerly middleware): runs before every /api/ request. One job here: refuse
// cross-site state-changing requests (lib/auth/csrf.ts) — in one place, not per route. Server
// actions are POSTs to pages, outside this matcher: Next checks their Origin against the host itself.
import { NextResponse, type NextRequest } from "next/server";
import { csrfRefusal } from "@/lib/auth/csrf";

export function proxy(request: NextRequest) {
  const refusal = csrfRefusal({ method: request.method, pathname: request.nextUrl.pathname, headers: request.headers });
  if (refusal) {
    return NextResponse.json({ ok: false, code: refusal.code, error: refusal.error }, { status: refusal.status, headers: { "cache-control": "no-store" } });
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/:path*" };
