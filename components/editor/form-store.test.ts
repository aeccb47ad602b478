import { describe, expect, it } from "vitest";
import type { FormValues } from "@/lib/data/form-values";
import { FormStore } from "./form-store";

const start = (): FormValues => ({
  narrative: { overview: "甲", problems: "", other: "" },
  meta: { preamble: "", signature: "", date: "" },
  cells: { proactive: {}, applications: { received: { natural: "5" } }, appeals: {} },
});

describe("FormStore: the editor's values outside React", () => {
  it("reads, writes and tells only the listeners of the changed name, then the whole-form ones", () => {
    const initial = start();
    const form = new FormStore(initial);
    const seen: string[] = [];
    form.subscribeName("cells.applications.received.natural", () => seen.push("received"));
    form.subscribeName("narrative.overview", () => seen.push("overview"));
    form.subscribe(() => seen.push("form"));

    expect(form.get("cells.applications.received.natural")).toBe("5");
    expect(form.get("cells.applications.nowhere.natural")).toBe("");
    form.setValue("cells.applications.received.natural", "51");
    expect(seen).toEqual(["received", "form"]);
    // The same text again is no change; a new row is created on first write.
    form.setValue("cells.applications.received.natural", "51");
    form.setValue("cells.applications.granted.natural", "3");
    expect(seen).toEqual(["received", "form", "form"]);
    expect(form.getValues().cells.applications).toEqual({ received: { natural: "51" }, granted: { natural: "3" } });
    // The caller's object is never written into.
    expect(initial.cells.applications.received).toEqual({ natural: "5" });
  });

  it("register gives the stored text as default, one stable field per name, and input events write through", () => {
    const form = new FormStore(start());
    const field = form.register("narrative.overview");
    expect(field).toBe(form.register("narrative.overview"));
    expect(field.defaultValue).toBe("甲");
    const el = { value: "" } as HTMLTextAreaElement;
    field.ref(el);
    expect(el.value).toBe("甲");
    field.onChange({ currentTarget: { value: "甲乙" } } as never);
    expect(form.get("narrative.overview")).toBe("甲乙");
    form.setValue("narrative.overview", "丙");
    expect(el.value).toBe("丙");
    field.ref(null);
    form.setValue("narrative.overview", "丁");
    expect(el.value).toBe("丙");
  });
});

describe("FormStore.register", () => {
  it("works passed on unbound, as the editor hands it to the header fields", () => {
    const form = new FormStore(start());
    const { register } = form;
    expect(register("meta.date").defaultValue).toBe("");
  });
});
