"use client";
// What the parts of one report's page tell each other: the editor's save state, which the workflow
// panel needs (submitting while edits are unsaved would submit old content). A context, provided by
// the report route's layout, rather than a global window event: typed, scoped to the page, and
// visible in the component tree. The setter has a context of its own, so the editor that reports
// its state is not re-rendered by it.
import { createContext, useContext, useState, type ReactNode } from "react";

/** The editor's autosave state ("saved", "dirty", "saving", "retrying", "conflict", "failed", …). */
const SaveStateContext = createContext<string>("saved");
const SetSaveStateContext = createContext<(state: string) => void>(() => {});

export function ReportPageStateProvider({ children }: { children: ReactNode }) {
  const [saveState, setSaveState] = useState("saved");
  return (
    <SetSaveStateContext.Provider value={setSaveState}>
      <SaveStateContext.Provider value={saveState}>{children}</SaveStateContext.Provider>
    </SetSaveStateContext.Provider>
  );
}

/** The editor's save state, for the rest of the report page. */
export function useSaveState(): string {
  return useContext(SaveStateContext);
}

/** For the editor: announce its save state to the rest of the page. */
export function useSetSaveState(): (state: string) => void {
  return useContext(SetSaveStateContext);
}
