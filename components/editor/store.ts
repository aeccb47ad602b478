// The editor's live validation state, outside React: each cell subscribes to its own status (and a
// total cell to its own value), so a keystroke re-renders only the cells whose highlighting or
// total changes (not all ~200 inputs). The issue panel, the section strip and the counters read a
// snapshot that a keystroke updates once typing pauses (`later`): the cell the person is looking
// at is painted first, the lists follow.
import type { SectionProgress } from "@/lib/data";
import type { Issue, ValidationResult } from "@/lib/rules";

export type CellStatus = { severity: "error" | "warning" | "info" | null; messages: string[]; inputError: string | null };

/** The lists follow a keystroke once typing has paused this long (ms)… */
const LISTS_QUIET_MS = 60;
/** …and at least this often during a long burst of keys (ms). */
const LISTS_MAX_WAIT_MS = 500;

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

export type SnapshotPatch = Omit<EditorSnapshot, "server">;

export class EditorStore {
  private status = new Map<string, CellStatus>();
  private totals: ReadonlyMap<string, string>;
  private cellListeners = new Map<string, Set<() => void>>();
  private painters = new Set<(refs: ReadonlySet<string>) => void>();
  private listeners = new Set<() => void>();
  private snapshot: EditorSnapshot;
  private pending: (() => SnapshotPatch) | null = null;
  private cancelPending: (() => void) | null = null;
  /** When the keystrokes whose lists are still pending began (Date.now()), null: none pending. */
  private burstSince: number | null = null;

  constructor(initial: EditorSnapshot, totals: ReadonlyMap<string, string> = new Map()) {
    this.snapshot = initial;
    this.status = this.computeStatus(initial.issues, initial.inputErrors);
    this.totals = totals;
  }

  private computeStatus(issues: readonly Issue[], inputErrors: ReadonlyMap<string, string>): Map<string, CellStatus> {
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

  /**
   * The cells' part of a check, at once: the highlighting of every cell and the value of every
   * total; only the cells whose status or text changed are told.
   */
  updateCells(issues: readonly Issue[], inputErrors: ReadonlyMap<string, string>, totals?: ReadonlyMap<string, string>): void {
    const nextStatus = this.computeStatus(issues, inputErrors);
    const changed = new Set<string>();
    for (const [ref, s] of nextStatus) if (!sameStatus(this.status.get(ref), s)) changed.add(ref);
    for (const ref of this.status.keys()) if (!nextStatus.has(ref)) changed.add(ref);
    this.status = nextStatus;
    if (totals) {
      for (const [ref, text] of totals) if (this.totals.get(ref) !== text) changed.add(ref);
      this.totals = totals;
    }
    if (!changed.size) return;
    this.painters.forEach((p) => p(changed));
    for (const ref of changed) this.cellListeners.get(ref)?.forEach((l) => l());
  }

  /**
   * Told every cell whose status or total changed, at once, as a set: the editor's painter applies
   * them to the cells' elements directly (cell-view.ts), without a render per cell.
   */
  onCellsChanged = (painter: (refs: ReadonlySet<string>) => void): (() => void) => {
    this.painters.add(painter);
    return () => this.painters.delete(painter);
  };

  /** Cells and snapshot together, at once. */
  update(patch: SnapshotPatch, totals?: ReadonlyMap<string, string>): void {
    // A pending, older snapshot must not land after this one.
    this.cancelPending?.();
    this.pending = null;
    this.burstSince = null;
    this.updateCells(patch.issues, patch.inputErrors, totals);
    this.setFindings(patch);
  }

  /**
   * The snapshot's part, once typing pauses: `make` runs then (only the last one given before that
   * moment). The cell the person is looking at was painted at once (updateCells); the lists — the
   * issue panel, the section strip, the counters — are a React render and a layout of their own
   * (5–10 ms), and run after the key's frame. Run after every key, they landed where the next key
   * of a quick typist arrived and held it up a frame (editor bench, keys back to back: a quarter of
   * the keystrokes' next frames took 25–40 ms instead of ≤ 16 ms). So they wait for a pause of
   * LISTS_QUIET_MS, and during a long burst they still follow every LISTS_MAX_WAIT_MS.
   */
  later(make: () => SnapshotPatch): void {
    this.pending = make;
    const now = Date.now();
    this.burstSince ??= now;
    this.cancelPending?.();
    const wait = Math.max(0, Math.min(LISTS_QUIET_MS, this.burstSince + LISTS_MAX_WAIT_MS - now));
    const timer = setTimeout(() => {
      this.cancelPending = null;
      const before = this.snapshot;
      this.flush();
      if (this.snapshot !== before) settleLayout();
    }, wait);
    this.cancelPending = () => {
      clearTimeout(timer);
      this.cancelPending = null;
    };
  }

  /** Runs a pending `later` now (before a save reads the findings, in tests). */
  flush(): void {
    this.cancelPending?.();
    this.burstSince = null;
    const make = this.pending;
    this.pending = null;
    if (make) this.setFindings(make());
  }

  private setFindings(patch: SnapshotPatch): void {
    // Most keystrokes change no finding, no count and no progress: then the issue panel, the
    // section strip and the counters keep their snapshot and do not re-render.
    if (sameFindings(this.snapshot, patch)) return;
    this.snapshot = { ...patch, server: this.snapshot.server };
    this.listeners.forEach((l) => l());
  }

  setServer(server: EditorSnapshot["server"]): void {
    this.snapshot = { ...this.snapshot, server };
    this.listeners.forEach((l) => l());
  }

  cellStatus = (ref: string): CellStatus => this.status.get(ref) ?? EMPTY;

  /** A total cell's displayed value. */
  total = (ref: string): string => this.totals.get(ref) ?? "";

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

/**
 * The lists' new state is laid out right away, once React has committed it, instead of by the next
 * keystroke: a key pressed before the next frame would otherwise wait inside its own event for the
 * layout of the whole page (the browser lays a stale page out before it edits a text field). The
 * same layout the next frame would do, done earlier — no extra work. In a microtask queued after
 * React's (an external store's update is committed in a microtask at the end of this task), not a
 * task of its own: the browser handles input before timers, so a key could come in between.
 */
function settleLayout(): void {
  if (typeof document === "undefined") return;
  queueMicrotask(() => void document.documentElement.getBoundingClientRect());
}

function sameStatus(a: CellStatus | undefined, b: CellStatus): boolean {
  if (!a) return false;
  if (a.severity !== b.severity || a.inputError !== b.inputError || a.messages.length !== b.messages.length) return false;
  return a.messages.every((m, i) => m === b.messages[i]);
}

function sameFindings(a: EditorSnapshot, b: SnapshotPatch): boolean {
  if (a.errors !== b.errors || a.warnings !== b.warnings || a.completion !== b.completion) return false;
  if (a.issues.length !== b.issues.length || a.inputErrors.size !== b.inputErrors.size || a.progress.length !== b.progress.length) return false;
  for (let i = 0; i < a.issues.length; i++) if (JSON.stringify(a.issues[i]) !== JSON.stringify(b.issues[i])) return false;
  for (const [k, v] of b.inputErrors) if (a.inputErrors.get(k) !== v) return false;
  for (let i = 0; i < a.progress.length; i++) if (JSON.stringify(a.progress[i]) !== JSON.stringify(b.progress[i])) return false;
  return true;
}
