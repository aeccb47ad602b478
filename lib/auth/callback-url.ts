/**
 * Where to go after sign-in: only a path on this site, or null. Browsers are lenient about URLs —
 * they drop tabs and newlines, read `\` as `/`, and treat `//host` (also `/\host`, `/\t/host`) as
 * another site — so anything with a control character, whitespace or a backslash is refused
 * outright, and what remains is parsed as a URL against a placeholder origin and must stay on it.
 * The result is the parsed, normalised path (what the browser will go to), never the raw input.
 */
const BASE = "http://nianbao.invalid";

export function safeCallbackUrl(raw: string | null | undefined): string | null {
  if (!raw || typeof raw !== "string" || raw.length > 2000) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]/.test(raw)) return null;
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname;
  // Normalisation can produce `//host` again (`/a/..//host`).
  if (path.startsWith("//")) return null;
  // An encoded slash or backslash at the start could be decoded into `//host` by something later.
  if (/^\/(%2f|%5c)/i.test(path)) return null;
  if (path === "/login" || path.startsWith("/login/") || path.startsWith("/api/")) return null;
  return path + url.search + url.hash;
}
