// The editor's form values, outside React: ~200 uncontrolled inputs whose text is kept here, by
// field name ("cells.applications.received.natural", "narrative.overview", "meta.date").
//
// It replaces react-hook-form, of which the editor used five calls (register, getValues, setValue,
// subscribe, useWatch) and no validation: the library was 13 KB gzip of the editor's first load,
// and each keystroke went through its asynchronous change handler (a dirty-state deep compare, a
// validation pass that had nothing to validate, every watcher told). Here a keystroke writes one
// string and tells the listeners of that one name, then the whole-form listeners (the rule engine).
import { useCallback, useSyncExternalStore, type ChangeEvent } from "react";
import type { FormValues } from "@/lib/data/form-values";

type Listener = () => void;
type Control = HTMLInputElement | HTMLTextAreaElement;

/** What `{...form.register(name)}` spreads onto an <input> or <textarea>. */
export interface RegisteredField {
  name: string;
  defaultValue: string;
  ref: (el: Control | null) => void;
  onChange: (e: ChangeEvent<Control>) => void;
}

export class FormStore {
  private readonly values: FormValues;
  private readonly elements = new Map<string, Control>();
  private readonly fields = new Map<string, RegisteredField>();
  private readonly nameListeners = new Map<string, Set<Listener>>();
  private readonly listeners = new Set<Listener>();

  constructor(initial: FormValues) {
    // Its own copy: the store writes into it, and the caller's object (a restored backup, the
    // session's start values) must stay as it was.
    // (Nested records of strings: JSON copies them exactly; structuredClone is Chromium 98+, above
    // the Chromium 86 floor.)
    this.values = JSON.parse(JSON.stringify(initial)) as FormValues;
  }

  /** All values (live: read them, do not keep or change them). */
  getValues(): FormValues {
    return this.values;
  }

  /** One field's text ("" when the field does not exist). */
  get(name: string): string {
    let node: unknown = this.values;
    for (const part of name.split(".")) {
      if (node == null || typeof node !== "object") return "";
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === "string" ? node : node == null ? "" : String(node);
  }

  /** Sets a field's text (and the mounted input's), as typing it would. */
  setValue(name: string, value: string): void {
    const el = this.elements.get(name);
    if (el && el.value !== value) el.value = value;
    this.write(name, value);
  }

  /** An arrow property: passed around unbound (`register={form.register}`). */
  register = (name: string): RegisteredField => {
    let field = this.fields.get(name);
    if (!field) {
      field = {
        name,
        defaultValue: this.get(name),
        ref: (el) => {
          if (!el) {
            this.elements.delete(name);
            return;
          }
          this.elements.set(name, el);
          // A remount (or a value set while unmounted) shows the stored text, not the first one.
          const v = this.get(name);
          if (el.value !== v) el.value = v;
        },
        onChange: (e) => this.write(name, e.currentTarget.value),
      };
      this.fields.set(name, field);
    }
    return field;
  };

  /** Told after every change of any field. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told after a change of `name` only. */
  subscribeName(name: string, listener: Listener): () => void {
    let set = this.nameListeners.get(name);
    if (!set) this.nameListeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private write(name: string, value: string): void {
    if (this.get(name) === value) return;
    const parts = name.split(".");
    let node = this.values as unknown as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (next && typeof next === "object" ? next : (node[part] = {})) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
    this.nameListeners.get(name)?.forEach((l) => l());
    this.listeners.forEach((l) => l());
  }
}

/** A field's text; the component re-renders when that field changes, not for other fields. */
export function useFieldValue(form: FormStore, name: string): string {
  const subscribe = useCallback((l: Listener) => form.subscribeName(name, l), [form, name]);
  const read = () => form.get(name);
  return useSyncExternalStore(subscribe, read, read);
}

/** Several fields' texts (a total's addends). The snapshot is one string, so it compares by value. */
export function useFieldValues(form: FormStore, names: readonly string[]): string[] {
  const subscribe = useCallback(
    (l: Listener) => {
      const offs = names.map((n) => form.subscribeName(n, l));
      return () => offs.forEach((off) => off());
    },
    [form, names],
  );
  const read = () => JSON.stringify(names.map((n) => form.get(n)));
  return JSON.parse(useSyncExternalStore(subscribe, read, read)) as string[];
}
