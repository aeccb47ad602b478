// The rule engine's part of the editor's live check (see live-check.ts). Fetched by the browser
// when the editor is first used — a focus, a click or a keystroke in it — not with the page: until
// then the editor shows the findings the server computed on the same recomputed totals
// (initial-check.ts), which is what this module would compute.
//
// A keystroke in a table cell is checked incrementally (lib/rules/incremental.ts): a reading made
// by withCellText from the reading checked last re-runs only the rules that read the typed cell and
// the totals built from it, and updates only those totals' text. Anything else is checked in full.
// The state lives in a WeakMap keyed by the reading it belongs to: nothing outlives the reading.
import { computeDerived } from "@/lib/data/report";
import { overallCompletion, sectionProgress } from "@/lib/data/progress";
import type { FormReading } from "@/lib/data/form-reading";
import type { FormValues } from "@/lib/data/form-values";
import type { ReportDoc } from "@/lib/data/types";
import { validateReport, type ValidateOptions } from "@/lib/rules/engine";
import { incrementalCheck, type IncrementalCheck } from "@/lib/rules/incremental";
import type { Issue, ValidationResult } from "@/lib/rules/types";
import { cellInfo, getEdition, parseCellRef } from "@/lib/template";
import { cellPainter } from "./cell-paint";
import { cellEditOf, readForm, totalsOf, totalText, validateOptions, withCellText, type LiveResult } from "./live-check";
import type { EditorStore, SnapshotPatch } from "./store";

// The rest of the live check comes with the engine too: reading the form back into a report (the
// autosave's document), the totals and the section progress. The page's first state is computed on
// the server (report-editor.tsx), so the first load needs none of them.
export { readForm, validateOptions, withCellText };
export { computeDerived };
export { toFormValues } from "@/lib/data/form-reading";

/** The stores whose cells are painted (the painter lives as long as its store: one editing session). */
const painted = new WeakSet<EditorStore>();

/**
 * One check of the editor's form (editor-session.tsx's recheck, once the engine is here). `cell`:
 * the one table cell that changed, with its text — re-read alone, checked and painted at once; the
 * lists follow once typing pauses. Without it the whole form is read again, once typing pauses.
 */
export function recheckForm(
  s: {
    store: EditorStore;
    /** The form: its cells are painted from the store's changes from the first check on. */
    root: HTMLElement | null;
    /** The form as last read (null: not read in the browser yet). */
    reading: { current: FormReading | null };
    /** A whole-form read is pending. */
    stale: { current: boolean };
    base: { readonly current: ReportDoc };
    values: () => FormValues;
    serverOnly: { readonly current: readonly Issue[] };
    opts: ValidateOptions;
  },
  cell?: { ref: string; text: string },
): void {
  const { store, reading, stale, opts } = s;
  if (s.root && !painted.has(store)) {
    painted.add(store);
    store.onCellsChanged(cellPainter(s.root, store));
  }
  const readAll = () => {
    stale.current = false;
    return (reading.current = readForm(s.base.current, s.values()));
  };
  if (cell) {
    // A whole-form read still pending (a narrative typed just before) is done now instead.
    const next = stale.current || !reading.current ? null : withCellText(reading.current, cell.ref, cell.text);
    const r = checkReading((reading.current = next ?? readAll()), opts, s.serverOnly.current);
    store.updateCells(r.v.issues, r.inputErrors, r.totals);
    store.later(() => findings(r));
    return;
  }
  stale.current = true;
  store.later(() => {
    const r = checkReading(readAll(), opts, s.serverOnly.current);
    store.updateCells(r.v.issues, r.inputErrors, r.totals);
    return findings(r);
  });
}

/** The check a later editing session starts from (restored edits, another version): its reading, findings and totals. */
export function startCheck(doc: ReportDoc, values: FormValues, opts: ValidateOptions, serverOnly: readonly Issue[]): { reading: FormReading; patch: SnapshotPatch; totals: ReadonlyMap<string, string> } {
  const reading = readForm(doc, values);
  const r = checkReading(reading, opts, serverOnly);
  return { reading, patch: findings(r), totals: r.totals };
}

/** What the issue panel, the section strip and the counters show for a check. */
export function findings(r: Omit<LiveResult, "totals">): SnapshotPatch {
  const progress = sectionProgress(r.full, r.v.issues);
  return { issues: r.v.issues, errors: r.v.errors, warnings: r.v.warnings, inputErrors: r.inputErrors, progress, completion: overallCompletion(progress) };
}

interface State {
  /** The reading this state checked (the incremental checker starts from it when first needed). */
  doc: ReportDoc;
  opts: ValidateOptions;
  check: IncrementalCheck | null;
  totals: ReadonlyMap<string, string>;
}

const states = new WeakMap<ReportDoc, State>();

function sameOptions(a: ValidateOptions, b: ValidateOptions): boolean {
  return (
    a.previous === b.previous &&
    a.peers === b.peers &&
    a.previousArchive?.year === b.previousArchive?.year &&
    a.previousArchive?.narrative === b.previousArchive?.narrative
  );
}

/** The result with the report (totals computed) made only when read: the lists need it later, the cells do not. */
function result(reading: FormReading, v: ValidationResult, totals: ReadonlyMap<string, string>, computed: ReportDoc | null = null): LiveResult {
  let full = computed;
  return {
    get full() {
      return (full ??= computeDerived(reading.doc));
    },
    v,
    inputErrors: reading.inputErrors,
    totals: totals as Map<string, string>,
  };
}

export function checkReading(reading: FormReading, opts: ValidateOptions, serverOnly: readonly Issue[]): LiveResult {
  const edit = cellEditOf(reading.doc);
  const prior = edit && states.get(edit.from);
  if (edit && prior && sameOptions(prior.opts, opts)) {
    // The state moves on to the new reading: the checker is changed in place.
    states.delete(edit.from);
    const check = prior.check ?? incrementalCheck(prior.doc, prior.opts, { derive: true });
    const changed = check.setCells([[edit.ref, edit.value]]);
    let totals = prior.totals;
    if (changed.length > 1 || (changed.length && cellInfo(getEdition(reading.doc.edition), changed[0]!)?.derived)) {
      const next = new Map(totals);
      const tables = check.report().tables;
      for (const ref of changed) {
        const p = parseCellRef(ref);
        if (p && next.has(ref)) next.set(ref, totalText(tables[p.table]?.[p.row]?.[p.column]));
      }
      totals = next;
    }
    states.set(reading.doc, { doc: reading.doc, opts, check, totals });
    return result(reading, withServerIssues(check.result(), serverOnly), totals);
  }
  const full = computeDerived(reading.doc);
  const totals = totalsOf(full);
  states.set(reading.doc, { doc: reading.doc, opts, check: null, totals });
  return result(reading, withServerIssues(validateReport(full, opts), serverOnly), totals, full);
}

/** A whole document as the server checks it (another version loaded after a conflict). */
export function validateDoc(doc: ReportDoc): ValidationResult {
  return validateReport(doc);
}

/** The live result with the server-only issues added, each after the live issues of its own field. */
function withServerIssues(live: ValidationResult, extra: readonly Issue[]): ValidationResult {
  if (extra.length === 0) return live;
  const issues = live.issues.slice();
  for (const x of extra) {
    let at = issues.length;
    for (let k = issues.length - 1; k >= 0; k--) {
      if (issues[k]!.cell === x.cell) {
        at = k + 1;
        break;
      }
    }
    issues.splice(at, 0, x);
  }
  const errors = live.errors + extra.filter((i) => i.severity === "error").length;
  const warnings = live.warnings + extra.filter((i) => i.severity === "warning").length;
  return { ok: errors === 0, errors, warnings, issues };
}
