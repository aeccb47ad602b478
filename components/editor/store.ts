// The editor's live validation state, outside React: each cell subscribes to its own status, so a
// keystroke re-renders only the cells whose highlighting changes (not all ~200 inputs).
import type { SectionProgress } from "@/lib/data";
import type { Issue, ValidationResult } from "@/lib/rules";

export type CellStatus = { severity: "error" | "warning" | "info" | null; messages: string[]; inputError: string | null };

const EMPTY: CellStatus = { severity: null, messages: [], inputError: null };
const rank = { error: 3, warning: 2, info: 1 } as const;
/** Rules listed in the issue panel but not painted on the cells. */
const QUIET_RULES = new Set(["cell.blank"]);

export interface EditorSnapshot {
  issues: Issue[];
  errors: number;
  warnings: number;
  inputErrors: Map<string, string>;
  progress: SectionProgress[];
  completion: number;
  /** The last authoritative result from the server and when it came (null: with the page itself —
   *  never a clock reading during render, which would differ between server and browser). */
  server: { validation: ValidationResult; at: Date | null } | null;
}

export class EditorStore {
  private status = new Map<string, CellStatus>();
  private cellListeners = new Map<string, Set<() => void>>();
  private listeners = new Set<() => void>();
  private snapshot: EditorSnapshot;

  constructor(initial: EditorSnapshot) {
    this.snapshot = initial;
    this.status = this.computeStatus(initial.issues, initial.inputErrors);
  }

  private computeStatus(issues: Issue[], inputErrors: Map<string, string>): Map<string, CellStatus> {
    const next = new Map<string, CellStatus>();
    const touch = (ref: string) => {
      let s = next.get(ref);
      if (!s) next.set(ref, (s = { severity: null, messages: [], inputError: null }));
      return s;
    };
    for (const i of issues) {
      // Blank cells already read 「未填写」; colouring every one of them would bury the real problems.
      if (QUIET_RULES.has(i.rule)) continue;
      // The cell an issue is about carries its message; the other involved cells are highlighted.
      for (const ref of new Set([i.cell, ...i.cells])) {
        const s = touch(ref);
        if (!s.severity || rank[i.severity] > rank[s.severity]) s.severity = i.severity;
        if (ref === i.cell) s.messages.push(i.message);
      }
    }
    for (const [ref, error] of inputErrors) {
      const s = touch(ref);
      s.inputError = error;
      s.severity = "error";
    }
    return next;
  }

  update(patch: Omit<EditorSnapshot, "server"> & { server?: EditorSnapshot["server"] }): void {
    const nextStatus = this.computeStatus(patch.issues, patch.inputErrors);
    const changed = new Set<string>();
    for (const [ref, s] of nextStatus) if (!sameStatus(this.status.get(ref), s)) changed.add(ref);
    for (const ref of this.status.keys()) if (!nextStatus.has(ref)) changed.add(ref);
    this.status = nextStatus;
    for (const ref of changed) this.cellListeners.get(ref)?.forEach((l) => l());
    // Most keystrokes change no finding, no count and no progress: then the issue panel, the
    // section strip and the counters keep their snapshot and do not re-render.
    if (patch.server === undefined && sameFindings(this.snapshot, patch)) return;
    this.snapshot = { ...patch, server: patch.server === undefined ? this.snapshot.server : patch.server };
    this.listeners.forEach((l) => l());
  }

  setServer(server: EditorSnapshot["server"]): void {
    this.snapshot = { ...this.snapshot, server };
    this.listeners.forEach((l) => l());
  }

  cellStatus = (ref: string): CellStatus => this.status.get(ref) ?? EMPTY;

  subscribeCell = (ref: string, listener: () => void): (() => void) => {
    let set = this.cellListeners.get(ref);
    if (!set) this.cellListeners.set(ref, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  getSnapshot = (): EditorSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

function sameStatus(a: CellStatus | undefined, b: CellStatus): boolean {
  if (!a) return false;
  if (a.severity !== b.severity || a.inputError !== b.inputError || a.messages.length !== b.messages.length) return false;
  return a.messages.every((m, i) => m === b.messages[i]);
}

function sameFindings(a: EditorSnapshot, b: Omit<EditorSnapshot, "server">): boolean {
  if (a.errors !== b.errors || a.warnings !== b.warnings || a.completion !== b.completion) return false;
  if (a.issues.length !== b.issues.length || a.inputErrors.size !== b.inputErrors.size || a.progress.length !== b.progress.length) return false;
  for (let i = 0; i < a.issues.length; i++) if (JSON.stringify(a.issues[i]) !== JSON.stringify(b.issues[i])) return false;
  for (const [k, v] of b.inputErrors) if (a.inputErrors.get(k) !== v) return false;
  for (let i = 0; i < a.progress.length; i++) if (JSON.stringify(a.progress[i]) !== JSON.stringify(b.progress[i])) return false;
  return true;
}
