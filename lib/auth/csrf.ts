// Cross-site request refusal for state-changing API requests (every method but GET/HEAD/OPTIONS
// under /api/). Applied once, in proxy.ts, before any route handler runs.
//
// A browser tells where a request comes from: Sec-Fetch-Site (Chromium 76+, so the 信创 browsers'
// Chromium 86 kernels) and Origin (on every POST/PUT/DELETE). A request another page makes — even
// from the same host on another port ("same-site") — is refused. A request with neither header does
// not come from a browser page (curl, scripts, the CLI): no cookie of a victim rides along with it
// unless its author has the cookie already, so it is let through to the normal session check.
//
// Bodies: where the endpoint reads JSON, the request must say `application/json` — a plain HTML
// form (or fetch with mode no-cors) can only send text/plain, urlencoded or multipart, so a
// cross-site page cannot forge one without a CORS preflight, which this server never grants.
// next-auth's endpoints take urlencoded forms (and check their own CSRF token); the import takes
// multipart, and so does the upload of a quality check run. Those get the origin check only.

export type CsrfInput = {
  method: string;
  pathname: string;
  headers: { get(name: string): string | null };
};

export type Refusal = { status: 403 | 415; code: string; error: string };

export const CROSS_SITE: Refusal = { status: 403, code: "cross_site", error: "跨站请求已被拒绝：请在本系统的页面中操作" };
export const NOT_JSON: Refusal = { status: 415, code: "unsupported_media_type", error: "请求内容类型须为 application/json" };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** Endpoints whose body is not JSON: they get the origin check only. */
const NON_JSON = [/^\/api\/auth(\/|$)/, /^\/api\/reports\/import\/?$/, /^\/api\/oversight\/quality\/?$/];

/** The host (name:port) the request was sent to, as the browser saw it. */
function requestHost(headers: CsrfInput["headers"]): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host") || "").toLowerCase() || null;
}

function hasBody(headers: CsrfInput["headers"]): boolean {
  const len = headers.get("content-length");
  if (len != null) return Number(len) > 0;
  return headers.get("transfer-encoding") != null;
}

export function csrfRefusal(req: CsrfInput): Refusal | null {
  const method = req.method.toUpperCase();
  if (SAFE.has(method)) return null;
  if (!req.pathname.startsWith("/api/")) return null;

  const site = req.headers.get("sec-fetch-site");
  if (site != null && site !== "same-origin" && site !== "none") return CROSS_SITE;

  const origin = req.headers.get("origin");
  if (origin != null) {
    let host: string;
    try {
      const u = new URL(origin);
      if (u.protocol !== "http:" && u.protocol !== "https:") return CROSS_SITE;
      host = u.host.toLowerCase();
    } catch {
      return CROSS_SITE; // "null" (sandboxed frame, file:, data:) or garbage
    }
    if (host !== requestHost(req.headers)) return CROSS_SITE;
  }

  if (!NON_JSON.some((re) => re.test(req.pathname)) && hasBody(req.headers)) {
    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") return NOT_JSON;
  }
  return null;
}
