// The published link of a report: its public address in nianbao (/p/<agency code>/<year>) and the
// address where the agency published it on its own portal (回填发布地址). Pure.

export const MAX_PORTAL_URL = 500;

export type PortalUrlCheck = { ok: true; url: string | null } | { ok: false; error: string };

/**
 * The portal URL as the office typed it: an absolute http(s) address without credentials, or blank
 * to clear it. Anything else (javascript:, relative paths, spaces) is refused in Chinese.
 */
export function checkPortalUrl(input: string): PortalUrlCheck {
  const s = input.trim();
  if (s === "") return { ok: true, url: null };
  if (s.length > MAX_PORTAL_URL) return { ok: false, error: `发布地址最多 ${MAX_PORTAL_URL} 个字符` };
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, error: "发布地址须是完整的网址，以 http:// 或 https:// 开头" };
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return { ok: false, error: "发布地址须以 http:// 或 https:// 开头" };
  if (u.username || u.password) return { ok: false, error: "发布地址不能包含用户名或密码" };
  if (!u.hostname) return { ok: false, error: "发布地址缺少网站域名" };
  return { ok: true, url: u.toString() };
}

/** The public page's path of an agency's published report. */
export function publicPath(agencyCode: string, year: number): string {
  return `/p/${encodeURIComponent(agencyCode)}/${year}`;
}

/**
 * The absolute public address, from the origin the office reaches nianbao at (`origin` comes from
 * the request's forwarded host/proto; a configured NIANBAO_PUBLIC_URL wins).
 */
export function publicUrl(origin: string, agencyCode: string, year: number): string {
  return `${origin.replace(/\/+$/, "")}${publicPath(agencyCode, year)}`;
}
