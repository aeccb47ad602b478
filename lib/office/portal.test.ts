import { describe, expect, it } from "vitest";
import { checkPortalUrl, publicPath, publicUrl } from "./portal";

describe("checkPortalUrl", () => {
  it("accepts http(s) addresses and normalises them", () => {
    expect(checkPortalUrl(" https://www.sfs.gov.cn/zwgk/nb/2024.html ")).toEqual({ ok: true, url: "https://www.sfs.gov.cn/zwgk/nb/2024.html" });
    expect(checkPortalUrl("http://10.1.2.3:8080/a?b=1")).toEqual({ ok: true, url: "http://10.1.2.3:8080/a?b=1" });
  });
  it("blank clears", () => expect(checkPortalUrl("  ")).toEqual({ ok: true, url: null }));
  it.each(["javascript:alert(1)", "/p/x/2024", "www.sfs.gov.cn", "ftp://a.cn/x", "https://u:p@a.cn/", "data:text/html,x", "https://a.cn/" + "x".repeat(600)])("refuses %s in Chinese", (bad) => {
    const r = checkPortalUrl(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("public address", () => {
  it("joins origin and path", () => {
    expect(publicPath("sfsyjj", 2024)).toBe("/p/sfsyjj/2024");
    expect(publicUrl("http://127.0.0.1:3000/", "sfsyjj", 2024)).toBe("http://127.0.0.1:3000/p/sfsyjj/2024");
  });
});
