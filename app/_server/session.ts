// The signed-in session of the current request.
//
// Decision (the open issue "own a session module on a JOSE library, or use the library's API, not
// its internals"): we use next-auth's documented API — `getToken` and `decode` of `next-auth/jwt` —
// and nothing of its internals. next-auth keeps owning the cookie: its name (`__Secure-` on https),
// its chunking and its encryption. What a JWT cannot do — be revoked, and end at a fixed time after
// sign-in however often it is refreshed — is done by a server-side row (db/sessions.ts) whose id
// the token carries; this module accepts a token only while that row is live. A module of our own
// on `jose` would mean a second cookie beside next-auth's and re-implementing the Credentials flow
// and its CSRF protection, for nothing the table does not already give. We do not call `auth()`
// here: it also mints a CSRF token and re-encrypts a refreshed token on every call, only to throw
// both away outside /api/auth/* (~2 ms of CPU per autosave).
import "server-only";
import { headers } from "next/headers";
import { decode, getToken } from "next-auth/jwt";
import { getAuthSecret } from "@/db/auth-secret";
import { liveSessionUser } from "@/db/sessions";
import { run } from "@/db/store";

export type SessionRef = { userId: number; sid: string };

/**
 * Decrypted tokens by their exact text. Decryption is deterministic, so a token that decrypted once
 * need not be decrypted again on each autosave; whether its session is still live is checked in the
 * database on EVERY use. Only valid tokens are kept, so garbage cookies cannot fill the map; it is
 * bounded, oldest entry out first.
 */
const decoded = new Map<string, SessionRef>();
const MAX_CACHED = 10_000;
let cachedFor: string | undefined;

/** next-auth's session cookie names: `__Secure-` when served over https, plain otherwise. */
const COOKIE_VARIANTS = [
  { secureCookie: true, salt: "__Secure-authjs.session-token" },
  { secureCookie: false, salt: "authjs.session-token" },
] as const;

async function refOf(token: string, salt: string, secret: string): Promise<SessionRef | null> {
  try {
    const payload = await decode({ token, secret, salt });
    const userId = Number(payload?.sub);
    const sid = payload?.sid;
    if (!payload || !Number.isSafeInteger(userId) || userId <= 0 || typeof sid !== "string" || !sid) return null;
    return { userId, sid };
  } catch {
    return null; // tampered, expired or encrypted with another secret: no session
  }
}

/** A token the request carried that decrypted to a session reference, and its key in `decoded`. */
type Candidate = { key: string; ref: SessionRef };

/**
 * The candidates a request's credentials (its exact Cookie and Authorization header texts) yield.
 * An autosave sends the same headers every time: reading its tokens again (next-auth's getToken,
 * once per cookie name, each parsing every cookie of the header) is skipped. Like `decoded`, only
 * headers that yielded a valid token are kept, so garbage cannot fill it, and bounded; a candidate
 * is accepted only after its session is found live in the database on EVERY use.
 */
const byCredentials = new Map<string, readonly Candidate[]>();
const MAX_CACHED_HEADERS = 2_000;

async function candidatesOf(h: Headers, secret: string): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const v of COOKIE_VARIANTS) {
    const token = await getToken({ req: { headers: h }, secret, secureCookie: v.secureCookie, raw: true });
    if (!token) continue;
    const key = `${v.salt}\n${token}`;
    let ref = decoded.get(key) ?? null;
    if (!ref) {
      ref = await refOf(token, v.salt, secret);
      if (!ref) continue;
      if (decoded.size >= MAX_CACHED) decoded.delete(decoded.keys().next().value!);
      decoded.set(key, ref);
    }
    out.push({ key, ref });
  }
  return out;
}

/** The live session of this request, or null. The caller still re-reads the user. */
export async function currentSession(): Promise<SessionRef | null> {
  const h = await headers();
  const secret = getAuthSecret();
  if (cachedFor !== secret) {
    decoded.clear();
    byCredentials.clear();
    cachedFor = secret;
  }
  const credentials = `${h.get("cookie") ?? ""}\0${h.get("authorization") ?? ""}`;
  let candidates = byCredentials.get(credentials);
  if (!candidates) {
    candidates = await candidatesOf(h, secret);
    if (candidates.length) {
      if (byCredentials.size >= MAX_CACHED_HEADERS) byCredentials.delete(byCredentials.keys().next().value!);
      byCredentials.set(credentials, candidates);
    }
  }
  for (const c of candidates) {
    if ((await run(liveSessionUser(c.ref.sid))) === c.ref.userId) return c.ref;
    // Ended (signed out, revoked, expired): never taken from either cache again.
    decoded.delete(c.key);
    byCredentials.delete(credentials);
  }
  return null;
}

/** The user id of a live session, or null. */
export async function sessionUserId(): Promise<number | null> {
  return (await currentSession())?.userId ?? null;
}
