import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("post-sign-in redirect target", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/reports/12")).toBe("/reports/12");
    expect(safeCallbackUrl("/admin/users?x=1")).toBe("/admin/users?x=1");
  });
  it("refuses other sites and loops", () => {
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined, "/login", "/api/auth/signout"])
      expect(safeCallbackUrl(bad)).toBeNull();
  });
});
