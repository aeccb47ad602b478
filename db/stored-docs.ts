// Parsed copies of stored report documents, so an autosave does not re-parse (JSON + schema, ~0.1 ms
// each) the report it replaces and last year's report on every keystroke burst. An entry is used
// only when the stored JSON text is exactly the text it was parsed from — parsing is a pure
// function of that text — so a change by another process or a restored backup is never missed.
// Entries are deep-frozen: every reader gets the same object, and a caller that tried to change
// it would throw instead of silently corrupting the next save's audit diff.
import type { ReportDoc } from "../lib/data";

const MAX_ENTRIES = 2_000;
const entries = new Map<string, { text: string; doc: ReportDoc }>();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** The document parsed from `text` under `key` (e.g. "report:12"), parsing only when the text changed. */
export function cachedDoc<D extends ReportDoc | null>(key: string, text: string, parse: (text: string) => D): D {
  const hit = entries.get(key);
  if (hit && hit.text === text) return hit.doc as D;
  const doc = parse(text);
  if (doc) remember(key, text, doc);
  return doc;
}

/** Records a document the caller has just stored as `text` (so the next save need not parse it). */
export function remember(key: string, text: string, doc: ReportDoc): ReportDoc {
  entries.delete(key); // re-insert: the map's order is the eviction order
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { text, doc: deepFreeze(doc) });
  return doc;
}
