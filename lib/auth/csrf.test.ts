import { describe, expect, it } from "vitest";
import { CROSS_SITE, csrfRefusal, NOT_JSON } from "./csrf";

const h = (o: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...o });
const post = (pathname: string, headers: Record<string, string>, method = "POST") => csrfRefusal({ method, pathname, headers: h(headers) });

describe("cross-site refusal of state-changing API requests", () => {
  it("refuses the reported attack: a text/plain form post from another port of the same host", () => {
    for (const path of ["/api/reports/1/transition", "/api/reports/1", "/api/reports/1/confirm-warning", "/api/reports/1/comments/2/resolve"])
      expect(post(path, { origin: "http://127.0.0.1:8080", "sec-fetch-site": "same-site", "content-type": "text/plain", "content-length": "20" })).toEqual(CROSS_SITE);
  });

  it("refuses by Origin alone (older browsers) and by Sec-Fetch-Site alone", () => {
    expect(post("/api/reports/1/transition", { origin: "http://evil.example", "content-type": "application/json", "content-length": "2" })).toEqual(CROSS_SITE);
    expect(post("/api/reports/1/transition", { origin: "null", "content-type": "application/json", "content-length": "2" })).toEqual(CROSS_SITE);
    expect(post("/api/reports/1/transition", { origin: "http://127.0.0.1:3000.evil.example" })).toEqual(CROSS_SITE);
    expect(post("/api/reports/1/transition", { "sec-fetch-site": "cross-site", "content-type": "application/json" })).toEqual(CROSS_SITE);
    expect(post("/api/reports/import", { origin: "http://127.0.0.1:3001", "content-type": "multipart/form-data; boundary=x" })).toEqual(CROSS_SITE);
    expect(post("/api/auth/signout", { "sec-fetch-site": "same-site", "content-type": "application/x-www-form-urlencoded" })).toEqual(CROSS_SITE);
    expect(post("/api/reports/1", { origin: "http://127.0.0.1:3001" }, "PUT")).toEqual(CROSS_SITE);
    expect(post("/api/reports/1", { origin: "http://127.0.0.1:3001" }, "DELETE")).toEqual(CROSS_SITE);
  });

  it("requires JSON where the body is JSON, even same-origin", () => {
    expect(post("/api/reports/1/transition", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin", "content-type": "text/plain", "content-length": "20" })).toEqual(NOT_JSON);
    expect(post("/api/reports/1/transition", { "content-type": "application/x-www-form-urlencoded", "content-length": "20" })).toEqual(NOT_JSON);
    expect(post("/api/reports/1", { "content-length": "20" }, "PUT")).toEqual(NOT_JSON);
  });

  it("lets the app's own requests and non-browser clients through", () => {
    expect(post("/api/reports/1/transition", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8", "content-length": "20" })).toBeNull();
    expect(post("/api/reports/1/comments/2/resolve", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBeNull(); // no body
    expect(post("/api/reports/import", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin", "content-type": "multipart/form-data; boundary=x", "content-length": "99" })).toBeNull();
    expect(post("/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", "content-length": "40" })).toBeNull(); // curl / tests
    expect(post("/api/reports/1", { "content-type": "application/json", "content-length": "40" }, "PUT")).toBeNull();
    expect(post("/api/reports/1", { "sec-fetch-site": "none", "content-type": "application/json", "content-length": "4" }, "PUT")).toBeNull(); // typed in the address bar
    // Behind a reverse proxy the browser's host is X-Forwarded-Host.
    expect(csrfRefusal({ method: "POST", pathname: "/api/reports/1/transition", headers: new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "nianbao.gov.example", origin: "https://nianbao.gov.example", "content-type": "application/json", "content-length": "2" }) })).toBeNull();
  });

  it("never concerns reads, nor pages", () => {
    expect(post("/api/reports/1", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }, "GET")).toBeNull();
    expect(post("/api/reports/1", { origin: "http://evil.example" }, "HEAD")).toBeNull();
    expect(post("/reports/1", { origin: "http://evil.example" })).toBeNull(); // server actions: Next's own origin check
  });
});
