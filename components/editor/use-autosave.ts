"use client";
// Debounced autosave with optimistic concurrency. Every change is also kept in localStorage until
// the server has it, so a crash, a closed tab or a lost connection loses nothing.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSetSaveState } from "@/components/report-page-state";
import type { FormValues, ReportDoc } from "@/lib/data";
import type { ValidationResult } from "@/lib/rules";

export interface ConflictInfo {
  version: number;
  updatedAt: string;
  updatedByName: string | null;
  /** The newer version was saved by the same user (another window or tab). */
  byYou?: boolean;
  data: ReportDoc;
  message: string;
}

export type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; attempt: number; message: string }
  | { kind: "conflict"; conflict: ConflictInfo }
  | { kind: "failed"; message: string };

export interface LocalBackup {
  version: number;
  values: FormValues;
  at: string;
}

export const backupKey = (reportId: number) => `nianbao:unsaved:${reportId}`;

export function readBackup(reportId: number): LocalBackup | null {
  try {
    const raw = localStorage.getItem(backupKey(reportId));
    return raw ? (JSON.parse(raw) as LocalBackup) : null;
  } catch {
    return null;
  }
}

export function clearBackup(reportId: number): void {
  try {
    localStorage.removeItem(backupKey(reportId));
  } catch {
    // storage disabled: nothing to clear
  }
}

const DEBOUNCE_MS = 800;
/** The local backup is written this long after the last keystroke … */
const BACKUP_PAUSE_MS = 600;
/** … or this long after the first edit it does not hold yet, whichever comes first. */
const BACKUP_MAX_WAIT_MS = 3000;

export function useAutosave(opts: {
  reportId: number;
  initialVersion: number;
  readOnly: boolean;
  /** The document to save now (the form read back: its code comes with the rule engine, so it may
   *  have to arrive first; a failed fetch is retried like a failed save). */
  read: () => Promise<ReportDoc>;
  /** The raw form values (the local backup needs no parsed document). */
  values: () => FormValues;
  onSaved: (v: { version: number; validation: ValidationResult; doc: ReportDoc }) => void;
}) {
  const { reportId, readOnly } = opts;
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const version = useRef(opts.initialVersion);
  const changeSeq = useRef(0);
  const savedSeq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const attempt = useRef(0);
  const stopped = useRef(false);
  const latest = useRef(opts);
  latest.current = opts;

  const backupTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** When the oldest edit not yet in the local copy was made (0: none). */
  const backupOwed = useRef(0);
  const writeBackup = useCallback(() => {
    if (backupTimer.current) clearTimeout(backupTimer.current);
    backupTimer.current = null;
    backupOwed.current = 0;
    try {
      const values = latest.current.values();
      const backup: LocalBackup = { version: version.current, values, at: new Date().toISOString() };
      localStorage.setItem(backupKey(reportId), JSON.stringify(backup));
    } catch {
      // storage full or disabled: the server save still runs
    }
  }, [reportId]);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (stopped.current || readOnly) return;
    if (inFlight.current) return; // the running save re-checks for newer changes when it ends
    if (savedSeq.current === changeSeq.current) return;
    // The local copy first: if this save does not get through, the edits are still in the browser.
    if (backupOwed.current) writeBackup();
    inFlight.current = true;
    const seq = changeSeq.current;
    setState({ kind: "saving" });
    let retry = false;
    try {
      // The request and the reading of its answer come with the rule engine (save-request.ts).
      const [doc, { putReport }] = await Promise.all([latest.current.read(), import("./save-request")]);
      const answer = await putReport(reportId, version.current, doc);
      if (answer.kind === "saved") {
        version.current = answer.version;
        savedSeq.current = seq;
        attempt.current = 0;
        latest.current.onSaved({ version: version.current, validation: answer.validation, doc });
        if (savedSeq.current === changeSeq.current) {
          try {
            localStorage.removeItem(backupKey(reportId));
          } catch {
            /* ignore */
          }
        }
        setState(savedSeq.current === changeSeq.current ? { kind: "saved", at: new Date() } : { kind: "dirty" });
      } else if (answer.kind === "conflict") {
        stopped.current = true;
        setState({ kind: "conflict", conflict: answer.conflict });
      } else if (answer.kind === "retry") {
        retry = true;
        setState({ kind: "retrying", attempt: attempt.current + 1, message: answer.message });
      } else {
        // The edits stay in the form and the local backup.
        stopped.current = true;
        setState({ kind: "failed", message: answer.message });
      }
    } catch {
      retry = true;
      setState({ kind: "retrying", attempt: attempt.current + 1, message: "网络连接中断" });
    } finally {
      inFlight.current = false;
    }
    if (retry) {
      attempt.current++;
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempt.current - 1, 5));
      timer.current = setTimeout(() => void flush(), delay);
    } else if (!stopped.current && savedSeq.current !== changeSeq.current) {
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    }
  }, [readOnly, reportId, writeBackup]);

  /** Call after every edit. Kept cheap: it runs on every keystroke. */
  const changed = useCallback(() => {
    if (readOnly) return;
    changeSeq.current++;
    // The local copy is written when typing pauses (and at once when the page is hidden or closed,
    // and before each save), not on every keystroke: serialising the report is too slow for the
    // typing path, and a write every few hundred milliseconds lands inside later keystrokes. Typing
    // without a pause still writes it at least every BACKUP_MAX_WAIT_MS.
    const now = Date.now();
    if (!backupOwed.current) backupOwed.current = now;
    if (backupTimer.current) clearTimeout(backupTimer.current);
    backupTimer.current = setTimeout(writeBackup, Math.max(0, Math.min(BACKUP_PAUSE_MS, backupOwed.current + BACKUP_MAX_WAIT_MS - now)));
    if (stopped.current) return;
    // Returning the same state object when nothing changes avoids re-rendering the editor per key.
    setState((s) => (s.kind === "retrying" || s.kind === "saving" || s.kind === "dirty" ? s : { kind: "dirty" }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush, readOnly, writeBackup]);

  /** After a conflict: the user explicitly chose to keep their edits over the newer server version. */
  const overwrite = useCallback(
    (serverVersion: number) => {
      version.current = serverVersion;
      stopped.current = false;
      changeSeq.current++;
      void flush();
    },
    [flush],
  );

  /** Restoring a local backup: its edits were made on `baseVersion`. */
  const restoreFrom = useCallback(
    (baseVersion: number) => {
      version.current = baseVersion;
      changeSeq.current++;
      void flush();
    },
    [flush],
  );

  const unsaved = state.kind !== "saved" && state.kind !== "idle";
  /** Edits not yet acknowledged by the server (read at the moment of asking, not at render). */
  const hasUnsaved = useCallback(() => !readOnly && savedSeq.current !== changeSeq.current, [readOnly]);

  // Tell the rest of the page (the workflow panel) whether everything is on the server.
  const setPageSaveState = useSetSaveState();
  useEffect(() => setPageSaveState(state.kind), [state.kind, setPageSaveState]);

  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (savedSeq.current !== changeSeq.current) {
        writeBackup();
        e.preventDefault();
      }
    };
    const onHide = () => {
      if (savedSeq.current !== changeSeq.current) writeBackup();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") onHide();
    };
    window.addEventListener("beforeunload", onLeave);
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("beforeunload", onLeave);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [writeBackup]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (backupTimer.current) clearTimeout(backupTimer.current);
    },
    [],
  );

  return { state, changed, flush, overwrite, restoreFrom, unsaved, hasUnsaved, version };
}
