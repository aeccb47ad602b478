// The rule engine's module for the browser, fetched once, when the editor is first used.
import type * as LiveRules from "./live-rules";

type Rules = typeof LiveRules;
let loaded: Rules | null = null;
let loading: Promise<Rules> | null = null;

/** The module if it is already here (null before the first use, and during server rendering). */
export function loadedRules(): Rules | null {
  return loaded;
}

export function loadRules(): Promise<Rules> {
  loading ??= import("./live-rules").then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null; // a failed fetch (connection lost) is tried again on the next use
      throw e;
    },
  );
  return loading;
}
