// Reads the signed-in user's id from the next-auth session cookie. This is what `auth()` does for a
// JWT session (decrypt the cookie with the secret, take the subject) without the rest of its work:
// `auth()` in a server component or route handler also mints a CSRF token and re-encrypts a
// refreshed session token — and then throws both away (next-auth only sets them when /api/auth/*
// answers). That cost ~2 ms of CPU per autosave; the decryption here is the same check.
import "server-only";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getAuthSecret } from "@/db/auth-secret";

/** next-auth's cookie names (the token is encrypted with the name as salt); `__Secure-` on https. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** jose's tolerance in next-auth's decode(): a token counts until 15 s after its expiry. */
const CLOCK_TOLERANCE_MS = 15_000;

/**
 * Decrypted tokens by their exact text. Decryption is deterministic — the same token text always
 * yields the same subject and expiry — so a token that decrypted once need not be decrypted again
 * on each autosave; its expiry is still checked on every use. Only valid tokens are kept, so
 * garbage cookies cannot fill the map; it is bounded, oldest entry out first.
 */
const decoded = new Map<string, { userId: number; expiresAtMs: number }>();
const MAX_CACHED = 10_000;
let cachedFor: string | undefined;

/** The cookie's value, joining next-auth's chunks (name.0, name.1, …) when a large token was split. */
function tokenOf(store: Awaited<ReturnType<typeof cookies>>, name: string): string | undefined {
  const whole = store.get(name)?.value;
  if (whole) return whole;
  const chunks = store
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

async function decodeToken(token: string, salt: string, secret: string): Promise<{ userId: number; expiresAtMs: number } | null> {
  try {
    const payload = await decode({ token, secret, salt });
    const userId = Number(payload?.sub);
    if (!payload || !Number.isSafeInteger(userId) || userId <= 0 || typeof payload.exp !== "number") return null;
    return { userId, expiresAtMs: payload.exp * 1000 };
  } catch {
    return null; // tampered, expired or encrypted with another secret: no session
  }
}

/** The user id of a valid session cookie, or null. The caller still re-reads the user. */
export async function sessionUserId(): Promise<number | null> {
  const store = await cookies();
  const secret = getAuthSecret();
  if (cachedFor !== secret) {
    decoded.clear();
    cachedFor = secret;
  }
  for (const name of SESSION_COOKIES) {
    const token = tokenOf(store, name);
    if (!token) continue;
    const key = `${name}\n${token}`;
    let entry = decoded.get(key) ?? null;
    if (!entry) {
      entry = await decodeToken(token, name, secret);
      if (entry) {
        if (decoded.size >= MAX_CACHED) decoded.delete(decoded.keys().next().value!);
        decoded.set(key, entry);
      }
    }
    if (entry && entry.expiresAtMs + CLOCK_TOLERANCE_MS > Date.now()) return entry.userId;
    if (entry) decoded.delete(key);
  }
  return null;
}
