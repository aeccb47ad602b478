// The browsers nianbao promises to work in, and the tiny script that tells everyone else so.
//
// Government PCs (信创 machines on 统信UOS/麒麟, Windows in county offices) browse with 奇安信可信浏览器
// or 360安全浏览器, whose Chromium kernels go back to 86 and which often open a site in IE 兼容模式.
// The build targets this floor through package.json "browserslist" (a unit test keeps the two
// equal; scripts/browser-floor.mjs checks the built chunks against it). Below the floor, in IE
// mode, or when the app's scripts cannot run, the page must say so instead of showing a dead form.

/** Oldest supported major version per engine. Chromium covers Chrome, Edge, 360, 奇安信, UOS. */
export const BROWSER_FLOOR = { chromium: 86, firefox: 111, safari: 16.4 } as const;

/** package.json "browserslist", derived from the floor (kept equal by lib/browser-support.test.ts). */
export const BROWSERSLIST = [
  `chrome >= ${BROWSER_FLOOR.chromium}`,
  `edge >= ${BROWSER_FLOOR.chromium}`,
  `firefox >= ${BROWSER_FLOOR.firefox}`,
  `safari >= ${BROWSER_FLOOR.safari}`,
];

export type BrowserVerdict = "ok" | "ie" | "old";

/**
 * What a user agent string says about support. `documentMode` is IE's (also set by 360/奇安信 in
 * 兼容模式, which run the Trident engine). The same logic is inlined in the page script below, in
 * ES3, because the browsers it must catch cannot run anything newer.
 */
export function judgeBrowser(ua: string, documentMode?: number): BrowserVerdict {
  if (documentMode || /MSIE |Trident\//.test(ua)) return "ie";
  const chromium = /(?:Chrome|Chromium)\/(\d+)/.exec(ua);
  if (chromium) return Number(chromium[1]) < BROWSER_FLOOR.chromium ? "old" : "ok";
  const firefox = /Firefox\/(\d+)/.exec(ua);
  if (firefox) return Number(firefox[1]) < BROWSER_FLOOR.firefox ? "old" : "ok";
  const safari = /Version\/(\d+(?:\.\d+)?).*Safari\//.exec(ua);
  if (safari) return Number(safari[1]) < BROWSER_FLOOR.safari ? "old" : "ok";
  return "ok"; // unknown engines get the benefit of the doubt; a script failure is caught below
}

export const BROWSER_MESSAGES = {
  ie: "当前浏览器处于兼容模式（IE 内核），本系统无法正常使用。请点击地址栏右侧的闪电/“e”图标切换到“极速模式”，或使用 Chromium 86 及以上内核的浏览器。",
  old: `当前浏览器内核版本过低，本系统无法正常使用。请升级浏览器（Chromium 内核 ${BROWSER_FLOOR.chromium} 及以上，或最新版 Edge、Firefox、Safari），360、奇安信等浏览器请使用“极速模式”。`,
  failed: "页面脚本未能加载或运行，表单暂不可用（已输入的内容不会被接收）。请刷新页面；如仍出现此提示，请使用“极速模式”或升级浏览器。",
  noscript: "本系统需要启用 JavaScript。请在浏览器设置中允许本网站运行脚本，或使用“极速模式”。",
} as const;

/** How long after `load` a page whose scripts never came alive is declared failed. */
export const LIVE_TIMEOUT_MS = 10_000;

/**
 * The page script (served at /browser-check.js, loaded synchronously in <head> before the app's
 * own chunks). ES3 only: it must run in IE 7 mode. It shows a banner (#browser-warning) when the
 * browser is below the floor, or when the app has not come alive (<html data-live> is set by the
 * root layout's client component) after a script error or LIVE_TIMEOUT_MS after load.
 */
export function browserCheckScript(): string {
  const f = BROWSER_FLOOR;
  const msg = JSON.stringify(BROWSER_MESSAGES);
  return `(function () {
  var M = ${msg};
  var ua = navigator.userAgent, verdict = "ok", m;
  if (document.documentMode || /MSIE |Trident\\//.test(ua)) verdict = "ie";
  else if ((m = /(?:Chrome|Chromium)\\/(\\d+)/.exec(ua))) { if (+m[1] < ${f.chromium}) verdict = "old"; }
  else if ((m = /Firefox\\/(\\d+)/.exec(ua))) { if (+m[1] < ${f.firefox}) verdict = "old"; }
  else if ((m = /Version\\/(\\d+(?:\\.\\d+)?).*Safari\\//.exec(ua))) { if (+m[1] < ${f.safari}) verdict = "old"; }
  var shown = false;
  function show(kind) {
    if (shown || !document.body) return;
    shown = true;
    // An element of our own, of a tag React never renders: when React 19 hydrates <body> it skips
    // children whose tag matches nothing it rendered, but would claim (and reset) a <div>.
    var el = document.createElement("nb-browser-warning");
    el.id = "browser-warning";
    el.className = "browser-warning";
    el.setAttribute("role", "alert");
    el.setAttribute("data-kind", kind);
    el.appendChild(document.createTextNode(M[kind]));
    document.body.insertBefore(el, document.body.firstChild);
  }
  function live() { return document.documentElement.getAttribute("data-live") === "1"; }
  function on(target, type, fn) {
    if (target.addEventListener) target.addEventListener(type, fn, true);
    else if (target.attachEvent) target.attachEvent("on" + type, fn);
  }
  if (verdict !== "ok") {
    if (document.readyState === "loading") on(document, "DOMContentLoaded", function () { show(verdict); });
    else show(verdict);
    on(window, "load", function () { show(verdict); });
    return;
  }
  var failed = false;
  function checkSoon(ms) { setTimeout(function () { if (!live()) show("failed"); }, ms); }
  on(window, "error", function (e) {
    var t = e && (e.target || e.srcElement);
    var scriptLoad = t && t.tagName === "SCRIPT";
    var syntax = e && e.message && /SyntaxError|Unexpected token|Unexpected identifier/.test(e.message);
    if ((scriptLoad || syntax) && !failed) { failed = true; checkSoon(1500); }
  });
  on(window, "load", function () { checkSoon(${LIVE_TIMEOUT_MS}); });
})();`;
}
