import { describe, expect, it, vi } from "vitest";
import type { Issue } from "@/lib/rules/types";
import { EditorStore, type EditorSnapshot } from "./store";

const issue = (cell: string, message: string): Issue => ({ rule: "table.sum", severity: "error", cell, cells: [cell, "t.b.c"], message }) as Issue;
const snap = (issues: Issue[]): Omit<EditorSnapshot, "server"> => ({ issues, errors: issues.length, warnings: 0, inputErrors: new Map(), progress: [], completion: 0 });

describe("EditorStore: a keystroke notifies only what changed", () => {
  it("keeps the snapshot (no panel re-render) when the findings are the same, and tells the cells whose status changed", () => {
    const store = new EditorStore({ ...snap([]), server: null });
    let panel = 0;
    let cellA = 0;
    let cellB = 0;
    store.subscribe(() => panel++);
    store.subscribeCell("t.a.c", () => cellA++);
    store.subscribeCell("t.x.c", () => cellB++);

    store.update(snap([issue("t.a.c", "合计不等")]));
    expect([panel, cellA, cellB]).toEqual([1, 1, 0]);
    const first = store.getSnapshot();

    // The same finding again (a keystroke that changed nothing that is checked).
    store.update(snap([issue("t.a.c", "合计不等")]));
    expect([panel, cellA, cellB]).toEqual([1, 1, 0]);
    expect(store.getSnapshot()).toBe(first);

    // Another expected value in the message: the panel re-renders, the cell's text changes too.
    store.update(snap([issue("t.a.c", "合计应为 5")]));
    expect([panel, cellA, cellB]).toEqual([2, 2, 0]);

    store.update(snap([]));
    expect([panel, cellA, cellB]).toEqual([3, 3, 0]);
    expect(store.cellStatus("t.a.c").severity).toBeNull();
  });

  it("paints the cells at once and gives the lists one snapshot after the frame, from the last keystroke", () => {
    vi.useFakeTimers();
    try {
      const store = new EditorStore({ ...snap([]), server: null }, new Map([["t.total.c", ""]]));
      let panel = 0;
      let cellA = 0;
      let total = 0;
      store.subscribe(() => panel++);
      store.subscribeCell("t.a.c", () => cellA++);
      store.subscribeCell("t.total.c", () => total++);
      let made = 0;
      const keystroke = (issues: Issue[], sum: string) => {
        store.updateCells(issues, new Map(), new Map([["t.total.c", sum]]));
        store.later(() => {
          made++;
          return snap(issues);
        });
      };
      keystroke([issue("t.a.c", "合计不等")], "1");
      expect([cellA, total, panel]).toEqual([1, 1, 0]);
      expect(store.cellStatus("t.a.c").severity).toBe("error");
      expect(store.total("t.total.c")).toBe("1");
      keystroke([], "12");
      expect([cellA, total, panel]).toEqual([2, 2, 0]);
      vi.advanceTimersByTime(200);
      // Two keystrokes within one frame: the lists are computed once, from the second.
      expect([made, panel]).toEqual([1, 0]);
      expect(store.getSnapshot().issues).toEqual([]);
      keystroke([issue("t.a.c", "合计不等")], "1");
      store.flush();
      expect([made, panel]).toEqual([2, 1]);
      expect(store.getSnapshot().errors).toBe(1);
      vi.advanceTimersByTime(200);
      expect([made, panel]).toEqual([2, 1]);
    } finally {
      vi.useRealTimers();
    }
  });
  it("lets the lists wait while keys keep coming, and still follows a long burst", () => {
    vi.useFakeTimers();
    try {
      const store = new EditorStore({ ...snap([]), server: null });
      let panel = 0;
      store.subscribe(() => panel++);
      let n = 0;
      // A key every 30 ms for 1.2 s, each one changing the findings.
      for (let t = 0; t < 1200; t += 30) {
        const issues = n++ % 2 ? [] : [issue("t.a.c", "合计不等")];
        store.updateCells(issues, new Map());
        store.later(() => snap(issues));
        vi.advanceTimersByTime(30);
      }
      // Not after every key (40 keys), nor never: about once per 500 ms of the burst.
      expect(panel).toBeGreaterThanOrEqual(2);
      expect(panel).toBeLessThanOrEqual(3);
      const before = panel;
      store.updateCells([issue("t.a.c", "合计应为 5")], new Map());
      store.later(() => snap([issue("t.a.c", "合计应为 5")]));
      vi.advanceTimersByTime(40);
      expect(panel).toBe(before);
      vi.advanceTimersByTime(60);
      // Once typing pauses, the lists show the last keystroke's findings.
      expect(panel).toBe(before + 1);
      expect(store.getSnapshot().issues[0]?.message).toBe("合计应为 5");
    } finally {
      vi.useRealTimers();
    }
  });
});
