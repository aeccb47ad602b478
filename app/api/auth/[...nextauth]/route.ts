// next-auth's endpoints (csrf, session, signin/callback, signout). Their POST bodies are a few small
// form fields: anything over 16 KB is refused before next-auth reads it — by the declared length,
// and by counting while reading when none is declared (chunked) — so a huge sign-in POST cannot
// make the server buffer it (a 400 MB POST used to take 1.3 GB and stall the server for 5 s).
import { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { readBoundedBody } from "@/app/_server/http";

const AUTH_BODY_LIMIT = 16_000;

export const GET = handlers.GET;

export async function POST(req: NextRequest): Promise<Response> {
  const body = await readBoundedBody(req, AUTH_BODY_LIMIT, "请求内容过大");
  if (!body.ok) return body.response;
  return handlers.POST(new NextRequest(req.url, { method: "POST", headers: req.headers, body: Buffer.from(body.bytes) }));
}
