import { describe, expect, it } from "vitest";
import { toCsv } from "../template";
import { checkInWorker } from "./run-check";

const existing = { agencies: [{ code: "sfszfb", name: "示范市人民政府办公室", active: true }], logins: new Set(["admin"]) };

describe("onboarding check in a worker", () => {
  it("answers the same plan as in-process, and a time limit ends a long check with a Chinese problem", async () => {
    const csv = new TextEncoder().encode(toCsv("agencies", [["甲局", "jia", "sfszfb"], ["乙局", "yi", "nosuch"]]));
    const input = { files: [{ name: "单位.csv", bytes: csv }], existing };
    const inWorker = await checkInWorker(input);
    expect(inWorker).toEqual(await checkInWorker(input, { inline: true }));
    expect(inWorker.agencies.map((a) => a.code)).toEqual(["jia"]);
    expect(inWorker.problems.map((p) => p.row)).toEqual([3]);
    const slow = await checkInWorker(input, { timeLimitMs: 1 });
    expect(slow.problems[0]!.message).toMatch(/秒内未能读完/);
  }, 30_000);
});
