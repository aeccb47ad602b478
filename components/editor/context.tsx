"use client";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { FormValues, ReportDoc } from "@/lib/data";
import type { ArchiveReference } from "@/lib/import/legacy-reference";
import type { Edition, EditionId } from "@/lib/template";
import type { CellStatus, EditorSnapshot, EditorStore } from "./store";

export interface EditorContextValue {
  edition: Edition<EditionId>;
  form: UseFormReturn<FormValues>;
  store: EditorStore;
  readOnly: boolean;
  /** Unresolved review comments by anchor (cell ref or narrative.*), shown at their place. */
  comments: ReadonlyMap<string, readonly string[]>;
  /** Last year's report (reference only; never copied into this one). */
  previous: ReportDoc | null;
  /** When last year exists only as an archived old-style report: its narrative, as reference. */
  archive: EditorArchive | null;
  /**
   * Tells the editor the form changed outside its subscription: a table cell typed in (`cell`: its
   * reference and new text, checked at once), or cells set by code (a paste, 填 0: the whole form
   * is checked once typing pauses: EditorStore.later). Both also start the autosave.
   */
  edited: (cell?: { ref: string; text: string }) => void;
  /** Shows a short notice (paste summary, fill-with-zeros result …). */
  notify: (message: string) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("useEditor outside <ReportEditor>");
  return ctx;
}

export function useCellStatus(ref: string): CellStatus {
  const { store } = useEditor();
  return useSyncExternalStore(
    (l) => store.subscribeCell(ref, l),
    () => store.cellStatus(ref),
    () => store.cellStatus(ref),
  );
}

export function useEditorSnapshot(): EditorSnapshot {
  const { store } = useEditor();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** Last year's archived old-style report as the editor shows it. */
export type EditorArchive = ArchiveReference & { archiveId: number };
