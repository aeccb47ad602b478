// Malformed percent-escapes in the path (`/p/%E4%B8/2024`, `/archives/%`): Next fails to decode the
// route parameters and answers a bare English "Internal Server Error" (issue 14). Such a request is
// answered here with a Chinese 400 before routing. The matcher only lets paths containing `%` reach
// this proxy, so ordinary requests pay nothing for it.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(req: NextRequest) {
  const raw = new URL(req.url).pathname;
  try {
    decodeURIComponent(raw);
    for (const segment of raw.split("/")) decodeURIComponent(segment);
  } catch {
    if (raw.startsWith("/api/")) {
      return NextResponse.json({ ok: false, code: "bad_request", error: "请求地址中含有无法识别的字符编码（%）" }, { status: 400, headers: { "cache-control": "no-store" } });
    }
    return new NextResponse("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>地址无效</title></head><body><h1>地址无效（400）</h1><p>网址中含有无法识别的字符编码（%），请检查地址。</p><p><a href=\"/\">返回首页</a></p></body></html>", {
      status: 400,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/:path*%:rest*", "/(.*%.*)"],
};
