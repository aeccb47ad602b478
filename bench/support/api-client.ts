// Plain-HTTP API clients for load and crash tests: signs in through next-auth's credentials flow
// (CSRF token, then the callback, exactly as the sign-in page does) and keeps the session cookie.

function cookiePairs(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((pair) => pair.split("=")[1] !== "");
}

export interface ApiSession {
  login: string;
  /** The value for a Cookie header that carries the session. */
  cookie: string;
}

/** Signs `login` in; throws with the server's answer when the sign-in is refused. */
export async function signInOverHttp(baseUrl: string, login: string, password: string): Promise<ApiSession> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ login, password, csrfToken, callbackUrl: "/" }),
  });
  const session = cookiePairs(res).filter((c) => c.startsWith("authjs.session-token"));
  if (!session.length) throw new Error(`sign-in of ${login} refused: HTTP ${res.status} → ${res.headers.get("location") ?? ""}`);
  return { login, cookie: session.join("; ") };
}
