/** Only same-site absolute paths may be redirect targets after sign-in (no open redirect). */
export function safeCallbackUrl(raw: string | null | undefined): string | null {
  if (!raw || typeof raw !== "string") return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  if (raw.startsWith("/login") || raw.startsWith("/api/auth")) return null;
  return raw;
}
