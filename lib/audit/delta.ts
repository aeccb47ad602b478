// The audit record of one autosave: what changed between two stored versions of a report, as a
// compact, reversible delta of its JSON text — not the changed sections before and after.
//
// A delta is a list of operations on the parsed JSON document, each naming a path of keys:
//   ["t", path, pos, del, ins]  a string value edited: at UTF-16 offset `pos`, `del` replaced by `ins`
//                               (a narrative keystroke burst costs its own characters, not the section)
//   ["s", path, before, after]  a value replaced (a cell 41 → 42, a short string, an array)
//   ["a", path, value]          a key added (at the end of its object)
//   ["r", path, value]          a key removed
// or, when those cannot reproduce the stored text byte for byte (keys reordered, a hand-written
// stored document), one splice of the whole text:
//   ["j", pos, del, ins]
// `makeDelta` checks, before anything is stored, that applying the delta to the old text gives the
// new text exactly and reverting it gives the old text exactly; so every saved version can be
// rebuilt from the current one by reverting the deltas newest first (`revertDelta`), and each step
// is checked against the hash of the version it should produce.
//
// Pure: no database, no Node-only modules except the hash (node:crypto, server and CLI only).

import { createHash } from "node:crypto";

type Key = string | number;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export type DeltaOp =
  | ["t", Key[], number, string, string]
  | ["s", Key[], Json, Json]
  | ["a", Key[], Json]
  | ["r", Key[], Json]
  | ["j", number, string, string];

/** What an autosave's audit entry stores (the `after` column of `report.save`, as JSON). */
export interface SaveDelta {
  /** The report's version this save produced. */
  version: number;
  /** The version it was made from. */
  base: number;
  /** First 16 hex digits of the SHA-256 of the stored text of `version`. */
  hash: string;
  ops: DeltaOp[];
}

/** Strings at least this long are stored as an edit (offset, removed, inserted), shorter ones whole. */
const EDIT_MIN_LENGTH = 48;

export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** The JSON value `x` stands for (undefined → absent), as JSON.stringify would write it. */
function present(x: unknown): boolean {
  return x !== undefined && typeof x !== "function" && typeof x !== "symbol";
}

/** One splice turning `a` into `b`: common prefix and suffix kept. */
function splice(a: string, b: string): [number, string, string] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return [p, a.slice(p, a.length - s), b.slice(p, b.length - s)];
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `path` is the walk's current path, shared and changed in place: an operation stores a copy. */
function diffValues(a: unknown, b: unknown, path: Key[], ops: DeltaOp[]): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) {
    for (const k in a) {
      if (!Object.hasOwn(a, k) || !present(a[k])) continue;
      path.push(k);
      if (!present(b[k])) ops.push(["r", [...path], a[k] as Json]);
      else diffValues(a[k], b[k], path, ops);
      path.pop();
    }
    for (const k in b) {
      if (Object.hasOwn(b, k) && present(b[k]) && !(Object.hasOwn(a, k) && present(a[k]))) ops.push(["a", [...path, k], JSON.parse(JSON.stringify(b[k])) as Json]);
    }
    return;
  }
  if (typeof a === "string" && typeof b === "string" && Math.max(a.length, b.length) >= EDIT_MIN_LENGTH) {
    const [pos, del, ins] = splice(a, b);
    ops.push(["t", [...path], pos, del, ins]);
    return;
  }
  if (sameJson(a, b)) return;
  ops.push(["s", [...path], JSON.parse(JSON.stringify(a)) as Json, JSON.parse(JSON.stringify(b)) as Json]);
}

function parentOf(doc: unknown, path: Key[]): Record<string, unknown> {
  let cur = doc as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i] as string] as Record<string, unknown>;
  if (typeof cur !== "object" || cur === null) throw new Error("delta does not fit the document");
  return cur;
}

function applyOp(doc: unknown, op: DeltaOp, forward: boolean): void {
  if (op[0] === "j") throw new Error("text splice applied to a document");
  const path = op[1];
  const parent = parentOf(doc, path);
  const key = path[path.length - 1] as string;
  switch (op[0]) {
    case "t": {
      const [, , pos, del, ins] = op;
      const [from, to] = forward ? [del, ins] : [ins, del];
      const v = parent[key];
      if (typeof v !== "string" || v.slice(pos, pos + from.length) !== from) throw new Error("delta does not fit the document");
      parent[key] = v.slice(0, pos) + to + v.slice(pos + from.length);
      return;
    }
    case "s":
      parent[key] = structuredClone(forward ? op[3] : op[2]);
      return;
    case "a":
    case "r":
      if ((op[0] === "a") === forward) parent[key] = structuredClone(op[2]);
      else delete parent[key];
      return;
  }
}

function applyToText(text: string, ops: DeltaOp[], forward: boolean): string {
  if (ops.length === 1 && ops[0]![0] === "j") {
    const [, pos, del, ins] = ops[0]!;
    const [from, to] = forward ? [del, ins] : [ins, del];
    if (text.slice(pos, pos + from.length) !== from) throw new Error("delta does not fit the text");
    return text.slice(0, pos) + to + text.slice(pos + from.length);
  }
  const doc = JSON.parse(text) as unknown;
  const list = forward ? ops : [...ops].reverse();
  for (const op of list) applyOp(doc, op, forward);
  return JSON.stringify(doc);
}

/**
 * The delta from the stored text `prevText` to `nextText` (= JSON.stringify(next)), verified to
 * rebuild both texts exactly; `next` is the document `nextText` was written from (saves a parse).
 */
export function makeDelta(prevText: string, nextText: string, next?: unknown): DeltaOp[] {
  try {
    const prev = JSON.parse(prevText) as unknown;
    const ops: DeltaOp[] = [];
    diffValues(prev, next === undefined ? JSON.parse(nextText) : next, [], ops);
    // Verify on the parsed old document: forward must give the new text, backward the old one.
    for (const op of ops) applyOp(prev, op, true);
    if (JSON.stringify(prev) === nextText) {
      for (let i = ops.length - 1; i >= 0; i--) applyOp(prev, ops[i]!, false);
      if (JSON.stringify(prev) === prevText) return ops;
    }
  } catch {
    // not JSON, or a shape the operations cannot express: fall through
  }
  return [["j", ...splice(prevText, nextText)]];
}

/** The text of the version `delta` was made from, given the text of the version it produced. */
export function revertDelta(text: string, ops: DeltaOp[]): string {
  return applyToText(text, ops, false);
}

/** The text of the version `delta` produced, given the text of the version it was made from. */
export function applyDelta(text: string, ops: DeltaOp[]): string {
  return applyToText(text, ops, true);
}

/** Reads an audit `after` value written for an autosave as a delta (null for other, older shapes). */
export function readSaveDelta(after: string | null): SaveDelta | null {
  if (!after) return null;
  try {
    const x = JSON.parse(after) as Partial<SaveDelta>;
    if (typeof x.version === "number" && typeof x.base === "number" && typeof x.hash === "string" && Array.isArray(x.ops)) return x as SaveDelta;
  } catch {
    // not ours
  }
  return null;
}
