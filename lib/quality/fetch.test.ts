// The limits of fetching published pages (SSRF): time, size, redirects only on the portal's host,
// loopback/private addresses refused unless the deployment allows them — each with a Chinese reason.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPolicyFromEnv, fetchPublished, isPrivateAddress, type FetchPolicy } from "./fetch";

let server: Server;
let port = 0;
const PAGE = "<html><body><h1>示范市应急管理局2024年政府信息公开工作年度报告</h1></body></html>";

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (url === "/ok.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PAGE);
    } else if (url === "/report") {
      res.writeHead(200, { "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      res.end("PK");
    } else if (url === "/same") {
      res.writeHead(302, { location: "/ok.html" });
      res.end();
    } else if (url === "/off") {
      res.writeHead(302, { location: `http://localhost:${port}/ok.html` });
      res.end();
    } else if (url === "/loop") {
      res.writeHead(301, { location: "/loop" });
      res.end();
    } else if (url === "/declared-big") {
      res.writeHead(200, { "content-type": "text/html", "content-length": "2000" });
      res.end("x".repeat(2000));
    } else if (url === "/streamed-big") {
      res.writeHead(200, { "content-type": "text/html" }); // chunked: no length announced
      for (let i = 0; i < 20; i++) res.write("y".repeat(100));
      res.end();
    } else if (url === "/slow") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html>"); // and never ends
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const open: FetchPolicy = { timeoutMs: 2_000, maxBytes: 1_000, maxRedirects: 3, allowPrivate: true, portalHosts: [] };
const at = (path: string, host = "127.0.0.1") => `http://${host}:${port}${path}`;

describe("fetching a published page", { timeout: 20_000 }, () => {
  it("reads a page and names it by its path or its content type", async () => {
    const r = await fetchPublished(at("/ok.html"), open);
    expect(r).toMatchObject({ ok: true, name: "ok.html" });
    if (r.ok) expect(new TextDecoder().decode(r.bytes)).toBe(PAGE);
    expect(await fetchPublished(at("/report"), open)).toMatchObject({ ok: true, name: "report.docx" });
  });

  it("follows a redirect on the same host, never one to another host, and not forever", async () => {
    expect(await fetchPublished(at("/same"), open)).toMatchObject({ ok: true, name: "ok.html", url: at("/ok.html") });
    expect(await fetchPublished(at("/off"), open)).toEqual({ ok: false, error: "网页跳转到其他网站（localhost），不予跟随" });
    expect(await fetchPublished(at("/loop"), open)).toEqual({ ok: false, error: "网页跳转超过 3 次，不再跟随" });
    // A redirect to another host of the portal's list is followed.
    expect(await fetchPublished(at("/off"), { ...open, portalHosts: ["127.0.0.1", "localhost"] })).toMatchObject({ ok: true, name: "ok.html" });
  });

  it("stops at the size limit, announced or streamed, and at the time limit", async () => {
    expect(await fetchPublished(at("/declared-big"), open)).toEqual({ ok: false, error: "网页过大（上限 0 MB）" });
    expect(await fetchPublished(at("/streamed-big"), { ...open, maxBytes: 1_500_000 })).toMatchObject({ ok: true });
    expect(await fetchPublished(at("/streamed-big"), open)).toMatchObject({ ok: false, error: expect.stringContaining("网页过大") });
    const started = Date.now();
    expect(await fetchPublished(at("/slow"), { ...open, timeoutMs: 300 })).toEqual({ ok: false, error: "0 秒内未能获取网页" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses loopback and private addresses unless allowed — by literal address and by a name that resolves to one", async () => {
    const closed = { ...open, allowPrivate: false };
    expect(await fetchPublished(at("/ok.html"), closed)).toEqual({ ok: false, error: "网址指向本机或内部网络地址（127.0.0.1），出于安全考虑不予获取" });
    expect(await fetchPublished(at("/ok.html", "localhost"), closed)).toMatchObject({ ok: false, error: expect.stringMatching(/^「localhost」解析为本机或内部网络地址（(127\.0\.0\.1|::1)）/) });
    expect(await fetchPublished("http://[::1]/x", closed)).toMatchObject({ ok: false, error: expect.stringContaining("（::1）") });
    expect(await fetchPublished("http://10.1.2.3/x", closed)).toMatchObject({ ok: false, error: expect.stringContaining("10.1.2.3") });
    // A redirect from an allowed host to a private literal is refused too (the portal list names it).
    expect(await fetchPublished(at("/ok.html", "localhost"), { ...open, allowPrivate: false, portalHosts: ["localhost"] })).toMatchObject({ ok: false });
  });

  it("refuses other schemes, credentials, hosts outside the portal's list, bad addresses; a 404 and an unknown host are reasons too", async () => {
    expect(await fetchPublished("file:///etc/passwd", open)).toEqual({ ok: false, error: "只能获取 http 或 https 网址" });
    expect(await fetchPublished(`http://u:p@127.0.0.1:${port}/ok.html`, open)).toEqual({ ok: false, error: "网址不能包含用户名或密码" });
    expect(await fetchPublished(at("/ok.html"), { ...open, portalHosts: ["www.example.gov.cn"] })).toEqual({
      ok: false,
      error: "「127.0.0.1」不是本单位门户网站的域名（允许的域名：www.example.gov.cn）",
    });
    expect(await fetchPublished("not a url", open)).toEqual({ ok: false, error: "网址无效" });
    expect(await fetchPublished(at("/missing"), open)).toEqual({ ok: false, error: "网站返回 HTTP 404" });
    expect(await fetchPublished("http://no-such-host.invalid/x", open)).toMatchObject({ ok: false, error: expect.stringContaining("无法解析网站域名「no-such-host.invalid」") });
  });
});

describe("addresses", () => {
  it.each(["127.0.0.1", "10.0.0.5", "172.20.1.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "[::1]", "nonsense"])("%s is private", (a) => {
    expect(isPrivateAddress(a)).toBe(true);
  });
  it.each(["8.8.8.8", "114.114.114.114", "172.32.0.1", "2400:3200::1"])("%s is public", (a) => {
    expect(isPrivateAddress(a)).toBe(false);
  });
});

describe("the deployment's policy", () => {
  it("comes from NIANBAO_FETCH_PRIVATE and NIANBAO_PORTAL_HOSTS; private addresses are refused by default", () => {
    expect(fetchPolicyFromEnv({})).toMatchObject({ allowPrivate: false, portalHosts: [], timeoutMs: 15_000, maxBytes: 5_000_000 });
    expect(fetchPolicyFromEnv({ NIANBAO_FETCH_PRIVATE: "1", NIANBAO_PORTAL_HOSTS: "WWW.Example.gov.cn, example.gov.cn" })).toMatchObject({
      allowPrivate: true,
      portalHosts: ["www.example.gov.cn", "example.gov.cn"],
    });
    // An invalid value allows nothing (the server refuses to start with it: lib/env.ts).
    expect(fetchPolicyFromEnv({ NIANBAO_FETCH_PRIVATE: "yes" }).allowPrivate).toBe(false);
  });
});
