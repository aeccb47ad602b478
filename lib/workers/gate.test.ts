import { describe, expect, it } from "vitest";
import { createGate } from "./gate";

describe("createGate", () => {
  it("runs at most maxRunning jobs at once, queues maxWaiting more and refuses the rest", async () => {
    const gate = createGate(1, 1);
    let active = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      new Promise<string>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        releases.push(() => {
          active--;
          resolve("done");
        });
      });
    const first = gate.run(job, () => "busy");
    const second = gate.run(job, () => "busy");
    expect(await gate.run(job, () => "busy")).toBe("busy");
    await Promise.resolve();
    releases.shift()!();
    expect(await first).toBe("done");
    await new Promise((r) => setTimeout(r, 0));
    releases.shift()!();
    expect(await second).toBe("done");
    expect(peak).toBe(1);
  });

  it("frees the slot when a job throws", async () => {
    const gate = createGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error("x")), () => "busy")).rejects.toThrow("x");
    expect(await gate.run(() => Promise.resolve("ok"), () => "busy")).toBe("ok");
  });
});
