// The address people reach nianbao at, for links that leave the app (the public page's QR code,
// the link in a 催办 e-mail). NIANBAO_PUBLIC_URL wins; otherwise the request's (forwarded) host.
import "server-only";

export function originFrom(h: Headers): string {
  const configured = process.env.NIANBAO_PUBLIC_URL;
  if (configured && /^https?:\/\/[^\s/]+/i.test(configured)) return configured.replace(/\/+$/, "");
  const host = (h.get("x-forwarded-host") ?? h.get("host") ?? "localhost").split(",")[0]!.trim();
  const proto = (h.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  const safeHost = /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : "localhost";
  return `${proto === "https" ? "https" : "http"}://${safeHost}`;
}
