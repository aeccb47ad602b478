import { describe, expect, it } from "vitest";
// @ts-expect-error — a plain .mjs script without types
import { checkScript, checkStyles, chromeFloor } from "./browser-floor.mjs";

describe("the browser-floor check of built chunks", () => {
  it("reads the floor from browserslist", () => {
    expect(chromeFloor({ browserslist: ["chrome >= 86", "firefox >= 111"] })).toBe(86);
    expect(() => chromeFloor({})).toThrow(/chrome >= N/);
  });

  it("accepts what Chromium 86 runs", () => {
    const ok = `(globalThis.TURBOPACK ||= []).push(["x", 1]); class A { #p = 1; static s = 2; #m() { return this.#p } get v() { return a?.b ?? 1_000 } }; /a(?<n>b)/u.test(s);`;
    expect(checkScript(ok, 86)).toEqual([]);
  });

  it("names syntax and built-ins above the floor (the class static block that broke Chromium 86–92)", () => {
    expect(checkScript("class A { static { init() } }", 86)).toEqual(["class static block (Chromium 94)"]);
    expect(checkScript("class A { static { init() } }", 94)).toEqual([]);
    expect(checkScript("class A { #x; static is(o) { return #x in o } }", 86)).toEqual(["#private in obj (ergonomic brand check) (Chromium 91)"]);
    expect(checkScript("var r = /a/d;", 86)).toEqual(["RegExp flag d (match indices) (Chromium 90)"]);
    expect(checkScript("Object.hasOwn(o, 'k'); structuredClone(o); xs.findLast(f); xs.toSorted();", 86).sort()).toEqual(
      [".findLast() (Chromium 97)", ".toSorted() (Chromium 110)", "Object.hasOwn() (Chromium 93)", "structuredClone() (Chromium 98)"].sort(),
    );
    expect(checkScript("await load();", 86)).toEqual(["top-level await (Chromium 89)"]);
    expect(checkScript("using x = f();", 86)[0]).toMatch(/syntax newer than ES2022/);
  });

  it("does not mistake strings and comments for code", () => {
    expect(checkScript(`var s = "class A { static { } }"; /* Object.hasOwn(x) */`, 86)).toEqual([]);
  });

  it("names CSS features above the floor unless they sit in an @supports block that tests them", () => {
    expect(checkStyles("main.page:has(.editor-layout){max-width:none}", 86)).toHaveLength(1);
    expect(checkStyles("@supports selector(:has(a)){main.page:has(.editor-layout){max-width:none}}@supports not selector(:has(a)){main.page{max-width:none}}", 86)).toEqual([]);
    expect(checkStyles(".d{position:fixed;inset:0}", 86)[0]).toMatch(/^inset shorthand \(Chromium 87\)/);
    expect(checkStyles("@media (max-width:1100px){.a{aspect-ratio:1}}", 86)[0]).toMatch(/^aspect-ratio/);
    expect(checkStyles(".a{height:100dvh}", 86)[0]).toMatch(/dynamic viewport units/);
    expect(checkStyles(".a{color:red}.b:focus-visible{outline:1px solid}.c{gap:1rem;display:flex}", 86)).toEqual([]);
  });
});
