"use client";
// What the parts of one report's page tell each other: the editor's save state, which the workflow
// panel needs (submitting while edits are unsaved would submit old content). Scoped to the page by
// a provider in the report route's layout, rather than a global window event.
//
// The context holds a small store that never changes, not the state itself: a context whose value
// changes makes React treat every part of the page still waiting for its code during hydration (a
// lazy component's Suspense boundary) as changed, and it throws away the server's markup there and
// draws it anew — a section the user had opened closed again, typed text lost. The editor announces
// its first state as it mounts, exactly then. With a store only the components that read the state
// (useSyncExternalStore) are updated.
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";

/** The editor's autosave state ("saved", "idle", "dirty", "saving", "retrying", "conflict", "failed"). */
function saveStateStore() {
  let state = "saved";
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next: string) {
      if (next !== state) {
        state = next;
        listeners.forEach((l) => l());
      }
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

// Without a provider (not on a report page) the parts share this default store.
const SaveStateContext = createContext(saveStateStore());

export function ReportPageStateProvider({ children }: { children: ReactNode }) {
  const [store] = useState(saveStateStore);
  return <SaveStateContext.Provider value={store}>{children}</SaveStateContext.Provider>;
}

/** The editor's save state, for the rest of the report page. */
export function useSaveState(): string {
  const store = useContext(SaveStateContext);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** For the editor: announce its save state to the rest of the page. */
export function useSetSaveState(): (state: string) => void {
  return useContext(SaveStateContext).set;
}
