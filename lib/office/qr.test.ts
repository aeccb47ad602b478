import { describe, expect, it } from "vitest";
import { qrDataUrl, qrSvg } from "./qr";

describe("qrSvg", () => {
  it("draws an SVG whose module count grows with the text", async () => {
    const short = await qrSvg("http://a.cn/p/x/2024");
    const long = await qrSvg(`https://www.example.gov.cn/${"a".repeat(300)}`);
    expect(short.startsWith("<svg")).toBe(true);
    const size = (s: string) => Number(/viewBox="0 0 (\d+)/.exec(s)?.[1]);
    expect(size(long)).toBeGreaterThan(size(short));
  });
  it("refuses text beyond the cap", async () => {
    await expect(qrSvg("x".repeat(1001))).rejects.toThrow();
  });
  it("is a base64 SVG data URL", async () => {
    const u = await qrDataUrl("http://a.cn/");
    expect(u.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(Buffer.from(u.split(",")[1]!, "base64").toString()).toContain("<path");
  });
});
