import { describe, expect, it } from "vitest";
import type { Issue } from "@/lib/rules/types";
import { paintCell, type PaintTarget } from "./cell-paint";
import { derivedCellView, inputCellView } from "./cell-view";
import { EditorStore, type EditorSnapshot } from "./store";

const snap = (issues: Issue[], inputErrors = new Map<string, string>()): Omit<EditorSnapshot, "server"> => ({ issues, errors: issues.length, warnings: 0, inputErrors, progress: [], completion: 0 });
const issue = (cell: string, cells: string[], severity: Issue["severity"], message: string): Issue => ({ rule: "table.sum", severity, cell, cells, message }) as Issue;

/** An element as the browser keeps it: attributes by name, the class and the text. */
function fakeElement(tagName: string, init: { className: string; attrs: Record<string, string | undefined>; text?: string }): PaintTarget & { attrs: Map<string, string> } {
  const attrs = new Map<string, string>();
  for (const [k, v] of Object.entries(init.attrs)) if (v !== undefined) attrs.set(k, v);
  return {
    tagName,
    className: init.className,
    textContent: init.text ?? "",
    attrs,
    getAttribute: (n: string) => attrs.get(n) ?? null,
    setAttribute: (n: string, v: string) => void attrs.set(n, v),
    removeAttribute: (n: string) => void attrs.delete(n),
    hasAttribute: (n: string) => attrs.has(n),
  };
}

/** What React renders for an input cell from the store (table-grid.tsx), as attributes. */
function renderedInput(store: EditorStore, ref: string) {
  const v = inputCellView(store.cellStatus(ref));
  return { className: v.className, attrs: { title: v.title, "aria-invalid": v.invalid ? "true" : undefined } };
}

function renderedTotal(store: EditorStore, ref: string) {
  const v = derivedCellView(store.cellStatus(ref));
  return { className: v.className, attrs: { title: v.title }, text: store.total(ref) };
}

describe("painting a check's result on the cells equals rendering them again", () => {
  it("input cells and totals, through errors, warnings, input errors and back", () => {
    const store = new EditorStore({ ...snap([]), server: null }, new Map([["t.total.c", ""]]));
    const a = fakeElement("INPUT", renderedInput(store, "t.a.c"));
    const total = fakeElement("OUTPUT", renderedTotal(store, "t.total.c"));
    const painted: string[][] = [];
    store.onCellsChanged((refs) => {
      painted.push([...refs].sort());
      for (const ref of refs) {
        if (ref === "t.a.c") paintCell(a, store, ref);
        if (ref === "t.total.c") paintCell(total, store, ref);
      }
    });
    const steps: [Issue[], Map<string, string>, Map<string, string>][] = [
      [[issue("t.total.c", ["t.total.c", "t.a.c"], "error", "合计应为 5")], new Map(), new Map([["t.total.c", "4"]])],
      [[issue("t.total.c", ["t.total.c", "t.a.c"], "warning", "请核对")], new Map(), new Map([["t.total.c", "5"]])],
      [[], new Map([["t.a.c", "请填写数字"]]), new Map([["t.total.c", ""]])],
      [[issue("t.a.c", ["t.a.c"], "error", "不能为负数"), issue("t.a.c", ["t.a.c"], "warning", "偏大")], new Map(), new Map([["t.total.c", "-1"]])],
      [[], new Map(), new Map([["t.total.c", "7"]])],
    ];
    for (const [issues, inputErrors, totals] of steps) {
      store.updateCells(issues, inputErrors, totals);
      const ra = renderedInput(store, "t.a.c");
      expect(a.className).toBe(ra.className);
      expect(a.getAttribute("title") ?? undefined).toBe(ra.attrs.title);
      expect(a.getAttribute("aria-invalid") ?? undefined).toBe(ra.attrs["aria-invalid"]);
      const rt = renderedTotal(store, "t.total.c");
      expect([total.className, total.getAttribute("title"), total.textContent]).toEqual([rt.className, rt.attrs.title, rt.text]);
    }
    expect(a.className).toBe("cell-input");
    expect(total.textContent).toBe("7");
    // Told only what changed, once per check.
    expect(painted).toEqual([["t.a.c", "t.total.c"], ["t.a.c", "t.total.c"], ["t.a.c", "t.total.c"], ["t.a.c", "t.total.c"], ["t.a.c", "t.total.c"]]);
    store.updateCells([], new Map(), new Map([["t.total.c", "7"]]));
    expect(painted).toHaveLength(5);
  });

  it("an input cell in error says so to assistive technology and in its title", () => {
    const v = inputCellView({ severity: "error", messages: ["合计不等"], inputError: "请填写数字" });
    expect(v).toEqual({ className: "cell-input sev-error", title: "请填写数字\n合计不等", invalid: true });
    expect(inputCellView({ severity: "warning", messages: [], inputError: null })).toEqual({ className: "cell-input sev-warning", title: undefined, invalid: false });
    expect(derivedCellView({ severity: null, messages: [], inputError: null }).title).toBe("自动计算，不可编辑");
  });
});
