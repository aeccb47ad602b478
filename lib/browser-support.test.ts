import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { BROWSER_FLOOR, BROWSER_MESSAGES, BROWSERSLIST, browserCheckScript, judgeBrowser } from "./browser-support";

const UA = {
  chrome86: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36",
  chrome80: "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.86 Safari/537.36 QIHU 360SE",
  qax: "Mozilla/5.0 (X11; Linux mips64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.116 Safari/537.36 Qaxbrowser",
  uos: "Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.5481.100 Safari/537.36 UOS",
  ie7compat: "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E)",
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
  firefox100: "Mozilla/5.0 (X11; Linux x86_64; rv:100.0) Gecko/20100101 Firefox/100.0",
  firefoxEsr: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  safari15: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15",
  safari17: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
};

describe("browser floor", () => {
  it("package.json browserslist is the one derived from BROWSER_FLOOR", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.browserslist).toEqual(BROWSERSLIST);
    expect(BROWSER_FLOOR.chromium).toBe(86);
  });

  it("judges user agents of the browsers offices use", () => {
    expect(judgeBrowser(UA.chrome86)).toBe("ok");
    expect(judgeBrowser(UA.uos)).toBe("ok");
    expect(judgeBrowser(UA.chrome80)).toBe("old");
    expect(judgeBrowser(UA.qax)).toBe("old");
    expect(judgeBrowser(UA.ie7compat)).toBe("ie");
    expect(judgeBrowser(UA.ie11)).toBe("ie");
    expect(judgeBrowser(UA.chrome86, 11)).toBe("ie");
    expect(judgeBrowser(UA.firefox100)).toBe("old");
    expect(judgeBrowser(UA.firefoxEsr)).toBe("ok");
    expect(judgeBrowser(UA.safari15)).toBe("old");
    expect(judgeBrowser(UA.safari17)).toBe("ok");
  });
});

/** Runs the page script in a fake page and returns what the banner says (null: none). */
function runPageScript(ua: string, opts: { documentMode?: number; fire?: { type: string; event: object }[]; live?: boolean; wait?: boolean } = {}) {
  let banner: string | null = null;
  const listeners: Record<string, ((e: object) => void)[]> = {};
  const timers: (() => void)[] = [];
  const target = { addEventListener: (t: string, fn: (e: object) => void) => (listeners[t] ??= []).push(fn) };
  const createElement = () => {
    const el = { id: "", className: "", text: "", attrs: {} as Record<string, string>, setAttribute: (k: string, v: string) => (el.attrs[k] = v), appendChild: (n: { text: string }) => (el.text += n.text) };
    return el;
  };
  const document = {
    readyState: "complete",
    documentMode: opts.documentMode,
    body: { firstChild: null, insertBefore: (el: { id: string; text: string }) => (banner = el.id === "browser-warning" ? el.text : null) },
    createElement,
    createTextNode: (text: string) => ({ text }),
    documentElement: { getAttribute: (k: string) => (k === "data-live" && opts.live ? "1" : null) },
    ...target,
  };
  const window = { ...target };
  runInNewContext(browserCheckScript(), { navigator: { userAgent: ua }, document, window, setTimeout: (fn: () => void) => timers.push(fn) });
  for (const f of opts.fire ?? []) for (const fn of Array.from(listeners[f.type] ?? [])) fn(f.event);
  if (opts.wait) for (const t of timers) t();
  return banner;
}

describe("the page script (/browser-check.js)", () => {
  it("is ES3, so that it runs even in IE 7 compatibility mode", () => {
    expect(() => parse(browserCheckScript(), { ecmaVersion: 3 })).not.toThrow();
  });

  it("agrees with judgeBrowser and shows the matching Chinese message", () => {
    for (const ua of Object.values(UA)) {
      const verdict = judgeBrowser(ua);
      expect(runPageScript(ua), ua).toBe(verdict === "ok" ? null : BROWSER_MESSAGES[verdict]);
    }
    expect(runPageScript(UA.chrome86, { documentMode: 7 })).toBe(BROWSER_MESSAGES.ie);
  });

  it("says the scripts failed when a chunk does not parse and the page never comes alive", () => {
    const syntaxError = { type: "error", event: { message: "Uncaught SyntaxError: Unexpected token '{'", target: {} } };
    expect(runPageScript(UA.chrome86, { fire: [syntaxError], wait: true })).toBe(BROWSER_MESSAGES.failed);
    const scriptLoad = { type: "error", event: { target: { tagName: "SCRIPT" } } };
    expect(runPageScript(UA.chrome86, { fire: [scriptLoad], wait: true })).toBe(BROWSER_MESSAGES.failed);
    expect(runPageScript(UA.chrome86, { fire: [{ type: "load", event: {} }], wait: true })).toBe(BROWSER_MESSAGES.failed);
  });

  it("stays quiet on a page that came alive, whatever errors other scripts raise", () => {
    const syntaxError = { type: "error", event: { message: "SyntaxError: Unexpected token", target: {} } };
    expect(runPageScript(UA.chrome86, { fire: [syntaxError, { type: "load", event: {} }], wait: true, live: true })).toBeNull();
    expect(runPageScript(UA.uos, { fire: [{ type: "error", event: { message: "TypeError: x is undefined" } }], wait: true })).toBeNull();
  });
});
