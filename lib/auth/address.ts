/**
 * The client's network address for throttling, from the request headers. Next's server fills
 * X-Forwarded-For with the socket's address when the request has none; a reverse proxy in front
 * should overwrite it (nginx: `proxy_set_header X-Forwarded-For $remote_addr`) so a client cannot
 * choose its own. The first entry is the client; anything unusable counts as "unknown".
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const first = (headers.get("x-forwarded-for") ?? headers.get("x-real-ip") ?? "").split(",")[0]!.trim();
  if (!first || first.length > 64 || !/^[0-9A-Fa-f:.[\]%a-zA-Z-]+$/.test(first)) return "unknown";
  return first.toLowerCase();
}
