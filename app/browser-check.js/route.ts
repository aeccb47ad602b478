// The ES3 page script that warns browsers below the floor (lib/browser-support.ts). Served from
// this origin (CSP 'self'), static, cached by the browser for a day.
import { browserCheckScript } from "@/lib/browser-support";

export const dynamic = "force-static";

export function GET(): Response {
  return new Response(browserCheckScript(), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
  });
}
