import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("post-sign-in redirect target", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/reports/12")).toBe("/reports/12");
    expect(safeCallbackUrl("/admin/users?x=1")).toBe("/admin/users?x=1");
    expect(safeCallbackUrl("/reports/12#sec-3")).toBe("/reports/12#sec-3");
    expect(safeCallbackUrl("/p/sfsyjj/2024?q=%E4%B8%AD")).toBe("/p/sfsyjj/2024?q=%E4%B8%AD");
  });

  it("refuses other sites, in every spelling a browser accepts", () => {
    const bad = [
      "https://evil.example/",
      "http:evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example", // the reported one: %2F%09%2Fevil.example after query decoding
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/\t\\evil.example",
      "/ /evil.example",
      " //evil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "/%5Cevil.example",
      "/%5c%5cevil.example",
      "\t//evil.example",
      "/\u0000/evil.example",
      "/\u2028/evil.example",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "evil.example",
      "./evil",
      "",
      null,
      undefined,
      "/login",
      "/login?callbackUrl=/x",
      "/api/auth/signout",
      "/api/reports/1",
      "/".padEnd(3000, "a"),
    ];
    for (const b of bad) expect(safeCallbackUrl(b), JSON.stringify(b)).toBeNull();
  });

  it("normalises what it keeps to what the browser would open", () => {
    expect(safeCallbackUrl("/reports/../admin")).toBe("/admin");
    expect(safeCallbackUrl("/a/./b")).toBe("/a/b");
    // Never a path that a browser would read as another host.
    for (const p of ["/reports/..//evil.example", "/./\u0009/evil"]) {
      const r = safeCallbackUrl(p);
      if (r != null) expect(new URL(r, "https://nianbao.example").host).toBe("nianbao.example");
    }
  });
});
