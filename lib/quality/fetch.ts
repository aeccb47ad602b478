// Fetching a published report from the office's portal (issue 18 §1c), with the limits a server
// that fetches addresses typed by a user needs (SSRF):
// - http/https only, no user name or password in the address;
// - bounded time (one deadline for the whole fetch, redirects included) and size (streamed, cut at
//   the limit; a larger Content-Length is refused before reading);
// - redirects followed by hand, at most MAX_REDIRECTS, and only to the host of the address the
//   office gave (or another host of NIANBAO_PORTAL_HOSTS): never off the portal;
// - addresses of the machine itself and of private networks (loopback, 10/8, 172.16/12, 192.168/16,
//   link-local, unique-local IPv6, …) are refused — checked on every address the name resolves to,
//   at connection time (so a name that resolves differently the second time gains nothing) —
//   unless the deployment allows them (NIANBAO_FETCH_PRIVATE=1: a portal on the intranet, the tests);
// - NIANBAO_PORTAL_HOSTS (comma-separated host names) limits the addresses to the portal's hosts.
// Every refusal or failure is a Chinese sentence: the item's finding (import.failed), never a crash.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { ENV_SCHEMA } from "../env";

export interface FetchPolicy {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Loopback and private-network addresses may be fetched (an intranet portal; the tests). */
  allowPrivate: boolean;
  /** When not empty: the only hosts that may be fetched (lower-case names). */
  portalHosts: readonly string[];
}

export const FETCH_LIMITS = { timeoutMs: 15_000, maxBytes: 5_000_000, maxRedirects: 3 } as const;

/** The policy of this deployment, from the (validated) environment. */
export function fetchPolicyFromEnv(env: Record<string, string | undefined> = process.env): FetchPolicy {
  const priv = ENV_SCHEMA.shape.NIANBAO_FETCH_PRIVATE.safeParse(env.NIANBAO_FETCH_PRIVATE || undefined);
  const hosts = ENV_SCHEMA.shape.NIANBAO_PORTAL_HOSTS.safeParse(env.NIANBAO_PORTAL_HOSTS || undefined);
  return {
    ...FETCH_LIMITS,
    allowPrivate: priv.success && priv.data === "1",
    portalHosts: hosts.success && hosts.data ? portalHostList(hosts.data) : [],
  };
}

export function portalHostList(text: string): string[] {
  return text
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** True for an address of this machine or of a private, link-local, reserved or multicast network. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "");
  const v = isIP(a);
  if (v === 4) return blocked.check(a, "ipv4");
  if (v === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
    if (mapped) return blocked.check(mapped[1]!, "ipv4");
    return blocked.check(a, "ipv6");
  }
  return true; // not an address at all: never connect to it
}

export type FetchOutcome = { ok: true; name: string; bytes: Uint8Array; url: string } | { ok: false; error: string };

class Refused extends Error {}

const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, "").toLowerCase();

/** Why the address may not be fetched under the policy, or undefined. */
function refusal(u: URL, policy: FetchPolicy): string | undefined {
  if (u.protocol !== "http:" && u.protocol !== "https:") return "只能获取 http 或 https 网址";
  if (u.username || u.password) return "网址不能包含用户名或密码";
  const host = hostOf(u);
  if (policy.portalHosts.length && !policy.portalHosts.includes(host)) return `「${host}」不是本单位门户网站的域名（允许的域名：${policy.portalHosts.join("、")}）`;
  if (isIP(host) && !policy.allowPrivate && isPrivateAddress(host)) return `网址指向本机或内部网络地址（${host}），出于安全考虑不予获取`;
  return undefined;
}

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses private addresses (checked when the connection is made). */
function guardedLookup(policy: FetchPolicy) {
  return (hostname: string, options: { all?: boolean }, cb: LookupCb) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return cb(err, []);
      const bad = policy.allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return cb(new Refused(`「${hostname}」解析为本机或内部网络地址（${bad.address}），出于安全考虑不予获取`), []);
      if (options.all) return cb(null, addresses);
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), []);
      cb(null, first.address, first.family);
    });
  };
}

interface Answer {
  status: number;
  location?: string;
  type: string;
  bytes?: Uint8Array;
  tooLarge?: boolean;
}

function request(u: URL, policy: FetchPolicy, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const mod = u.protocol === "https:" ? https : http;
    // No pooled sockets (agent: false): every connection goes through the guarded lookup.
    const req = mod.request(u, { method: "GET", signal, agent: false, lookup: guardedLookup(policy) as never, headers: { "user-agent": "nianbao-quality-check", accept: "*/*" } }, (res) => {
      const status = res.statusCode ?? 0;
      const type = String(res.headers["content-type"] ?? "");
      if (status >= 300 && status < 400) {
        res.resume();
        resolve({ status, type, ...(res.headers.location ? { location: res.headers.location } : {}) });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        resolve({ status, type });
        return;
      }
      if (Number(res.headers["content-length"] ?? 0) > policy.maxBytes) {
        res.destroy();
        resolve({ status, type, tooLarge: true });
        return;
      }
      const parts: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > policy.maxBytes) {
          res.destroy();
          resolve({ status, type, tooLarge: true });
          return;
        }
        parts.push(chunk);
      });
      res.on("end", () => resolve({ status, type, bytes: new Uint8Array(Buffer.concat(parts)) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function fileName(u: URL, type: string): string {
  let last: string;
  try {
    last = decodeURIComponent(u.pathname.replace(/\/+$/, "").split("/").pop() ?? "");
  } catch {
    last = "";
  }
  last ||= "index";
  const ext = /\.(html?|docx|pdf|txt)$/i.test(last) ? "" : /wordprocessingml/.test(type) ? ".docx" : /pdf/.test(type) ? ".pdf" : /text\/plain/.test(type) ? ".txt" : ".html";
  return `${last}${ext}`;
}

/**
 * A published report fetched by URL under the policy. Never throws: what cannot or may not be
 * fetched comes back as a Chinese reason.
 */
export async function fetchPublished(url: string, policy: FetchPolicy = fetchPolicyFromEnv()): Promise<FetchOutcome> {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return { ok: false, error: "网址无效" };
  }
  const first = refusal(u, policy);
  if (first) return { ok: false, error: first };
  const home = hostOf(u);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const seconds = Math.round(policy.timeoutMs / 1000);
  const mb = Math.round(policy.maxBytes / 1_000_000);
  try {
    for (let hops = 0; ; hops++) {
      const a = await request(u, policy, signal);
      if (a.status >= 300 && a.status < 400) {
        if (!a.location) return { ok: false, error: `网站返回 HTTP ${a.status}，但未给出跳转地址` };
        if (hops >= policy.maxRedirects) return { ok: false, error: `网页跳转超过 ${policy.maxRedirects} 次，不再跟随` };
        let next: URL;
        try {
          next = new URL(a.location, u);
        } catch {
          return { ok: false, error: "网页跳转到无效的网址" };
        }
        const host = hostOf(next);
        if (host !== home && !policy.portalHosts.includes(host)) return { ok: false, error: `网页跳转到其他网站（${host}），不予跟随` };
        const why = refusal(next, policy);
        if (why) return { ok: false, error: why };
        u = next;
        continue;
      }
      if (a.status < 200 || a.status >= 300) return { ok: false, error: `网站返回 HTTP ${a.status}` };
      if (a.tooLarge || !a.bytes) return { ok: false, error: `网页过大（上限 ${mb} MB）` };
      return { ok: true, name: fileName(u, a.type), bytes: a.bytes, url: u.toString() };
    }
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message };
    const err = e as NodeJS.ErrnoException;
    if (signal.aborted || err.name === "AbortError" || err.name === "TimeoutError") return { ok: false, error: `${seconds} 秒内未能获取网页` };
    if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") return { ok: false, error: `无法解析网站域名「${hostOf(u)}」（请确认服务器能访问门户网站）` };
    return { ok: false, error: "无法连接网站（请确认服务器能访问门户网站）" };
  }
}
