import { describe, expect, it } from "vitest";
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
});
