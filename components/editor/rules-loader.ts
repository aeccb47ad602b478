// The rule engine's module for the browser, fetched once, when the editor is first used — with the
// 内容雷同 measure the narrative sections run on every edit and the interactive issue panel (until
// then the page shows the server's results, see first-state.tsx).
import type * as LiveRules from "./live-rules";
import type * as Similarity from "@/lib/rules/similarity";

type Rules = typeof LiveRules;
let loaded: Rules | null = null;
let similarity: typeof Similarity | null = null;
let loading: Promise<Rules> | null = null;
const listeners = new Set<() => void>();

/** The module if it is already here (null before the first use, and during server rendering). */
export function loadedRules(): Rules | null {
  return loaded;
}

/** The 内容雷同 measure, here with the engine (null before). */
export function loadedSimilarity(): typeof Similarity | null {
  return similarity;
}

/** Calls `listener` once the engine is here (without fetching it); returns the unsubscribe. */
export function onRulesLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function loadRules(): Promise<Rules> {
  // The autosave's request too, ahead of the first save (which fetches it itself if this fails).
  if (!loading) void import("./save-request").catch(() => undefined);
  // The interactive issue panel comes along: it takes over from the server's once the engine is here.
  loading ??= Promise.all([import("./live-rules"), import("@/lib/rules/similarity"), import("./issue-panel")]).then(
    ([m, s]) => {
      similarity = s;
      loaded = m;
      for (const l of listeners) l();
      return m;
    },
    (e: unknown) => {
      loading = null; // a failed fetch (connection lost) is tried again on the next use
      throw e;
    },
  );
  return loading;
}
