"use client";
// The guided report editor in the browser: sections 一…六 from the template, live validation on
// every keystroke (the same rule engine the server runs, fetched on the editor's first use; the page
// comes with the same findings computed on the server, see report-editor.tsx), debounced autosave
// with conflict detection, and a local backup of unsaved edits.
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
// Module by module, not the "@/lib/data" barrel: that one carries the zod schema, which the browser never needs.
import type { FormReading } from "@/lib/data/form-reading";
import type { FormValues } from "@/lib/data/form-values";
import type { SectionProgress } from "@/lib/data/progress";
import type { ReportDoc } from "@/lib/data/types";
import type { Issue, ValidationResult } from "@/lib/rules/types";
import { getEdition, narrativeRecord, type EditionId } from "@/lib/template";
import { EditorContext, useEditor, type EditorArchive, type EditorContextValue } from "./context";
import { HeaderFields } from "./header-fields";
import { IssuePanel, IssuesExpandButton } from "./issue-panel-loader";
import { NarrativeSection } from "./narrative-section";
import { SaveStatus } from "./save-status";
import { SectionNav } from "./section-nav";
import { loadedRules, loadRules } from "./rules-loader";
import { serverOnlyIssues } from "./server-issues";
import { EditorStore } from "./store";
import { CellRowForms, TableGrid } from "./table-grid";
import { clearBackup, readBackup, useAutosave, type LocalBackup } from "./use-autosave";

export interface ReportEditorProps {
  reportId: number;
  edition: EditionId;
  /** `check`: the editor's own findings on the document when they are not `validation` (see initial-check.ts);
   *  `first`: the rest of the editor's first state, computed on the server (report-editor.tsx). */
  initial: { data: ReportDoc; version: number; validation: ValidationResult; check?: ValidationResult | null; first?: FirstState };
  readOnly: boolean;
  readOnlyReason?: string;
  /** Unresolved review comments: anchor → texts. */
  comments?: Record<string, string[]>;
  /** Last year's report: cross-year checks and the reference text beside each narrative. */
  previous?: ReportDoc | null;
  /** Last year as an archived old-style report (when there is no statutory one): narrative reference only. */
  archive?: EditorArchive | null;
}

/**
 * The editor's first state besides the findings (`check`), as the server computes it with the code
 * that comes with the rule engine (live-rules.ts): the first load carries neither the reading of the
 * form into a report, nor the totals, nor the section progress.
 */
export interface FirstState {
  /** The form's values but the narratives (the document has them: not sent twice). */
  values: Omit<FormValues, "narrative">;
  inputErrors: [string, string][];
  progress: SectionProgress[];
  completion: number;
  /** Every total cell's displayed text. */
  totals: [string, string][];
}

const NO_COMMENTS: Record<string, string[]> = {};

// Shown only when someone else saved meanwhile: the diff it needs is loaded then, not with every editor.
const ConflictDialog = lazy(() => import("./conflict-dialog").then((m) => ({ default: m.ConflictDialog })));
// Likewise the offer to restore unsaved edits from an earlier visit.
const RestoreBanner = lazy(() =>
  import("./restore-banner").then(
    (m) => ({ default: m.RestoreBanner }),
    // Not fetched (connection lost): the edits stay in this browser, offered on the next visit.
    () => ({ default: () => null }),
  ),
);

/** The sections never depend on save state or notices: memoised so those don't re-render ~200 cells. */
const EditorSections = memo(function EditorSections() {
  const { edition } = useEditor();
  return (
    <>
      {edition.sections.map((s) => (
        <section key={s.key} id={`sec-${s.key}`} className="editor-section" aria-labelledby={`h-${s.key}`}>
          <h2 id={`h-${s.key}`}>{s.heading}</h2>
          {s.kind === "narrative" ? <NarrativeSection section={s} /> : <TableGrid tableKey={s.tableKey!} />}
        </section>
      ))}
    </>
  );
});

/** The table rows' own forms (table-grid.tsx, cellFormId): outside the editor's form, never shown. */
const CellForms = memo(function CellForms() {
  const { edition } = useEditor();
  return (
    <div hidden>
      {edition.sections.map((s) => (s.kind === "narrative" ? null : <CellRowForms key={s.key} tableKey={s.tableKey!} />))}
    </div>
  );
});

function sameValues(a: FormValues, b: FormValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface SessionStart {
  doc: ReportDoc;
  version: number;
  validation: ValidationResult;
  /** The form's values: the document's (from the server, or the engine's code), or restored local edits. */
  values: FormValues;
  /** The start values are unsaved edits: save them right away. */
  dirty?: boolean;
  /** The findings on `doc` as the editor computes them, from the server (the page's first session). */
  check?: ValidationResult;
  /** The rest of the first state, from the server (the page's first session). */
  first?: FirstState;
}

/**
 * Reloading another version (after a conflict) or restoring local edits starts a fresh editing
 * session — a remount — rather than resetting the form in place: the cells are memoised and a
 * form-level reset would not reach them.
 */
export function ReportEditorClient({ reportId, edition, initial, readOnly, readOnlyReason, comments = NO_COMMENTS, previous = null, archive = null }: ReportEditorProps & { initial: { first: FirstState } }) {
  const [session, setSession] = useState<{ n: number; start: SessionStart }>(() => {
    const { data: doc, first } = initial;
    // In toFormValues' key order: a local backup is compared with these values as JSON.
    const values = { narrative: narrativeRecord((k) => doc.narrative[k] ?? ""), ...first.values };
    return { n: 0, start: { doc, version: initial.version, validation: initial.validation, values, check: initial.check ?? initial.validation, first } };
  });
  const replace = useCallback((start: SessionStart) => setSession((s) => ({ n: s.n + 1, start })), []);
  return <EditorSession key={session.n} first={session.n === 0} reportId={reportId} edition={edition} start={session.start} readOnly={readOnly} readOnlyReason={readOnlyReason} onReplace={replace} comments={comments} previous={previous} archive={archive} />;
}

function EditorSession({
  reportId,
  edition: editionId,
  start,
  first,
  readOnly,
  readOnlyReason,
  onReplace,
  comments,
  previous,
  archive,
}: {
  comments: Record<string, string[]>;
  previous: ReportDoc | null;
  archive: EditorArchive | null;
  reportId: number;
  edition: EditionId;
  start: SessionStart;
  first: boolean;
  readOnly: boolean;
  readOnlyReason?: string;
  onReplace: (start: SessionStart) => void;
}) {
  const edition = getEdition(editionId);
  const initialValues = start.values;
  // No field-level validation through the form library (the rule engine does it, in recheck): its
  // "onChange" mode would re-run validation and re-render this whole component on every keystroke.
  const form = useForm<FormValues>({ defaultValues: initialValues });
  // The last version the server confirmed: the base for diffs and for fields the form doesn't edit.
  const baseDoc = useRef<ReportDoc>(start.doc);
  const [notice, setNotice] = useState<string | null>(null);
  const [backup, setBackup] = useState<LocalBackup | null>(null);
  // The server's latest findings that the browser cannot compute itself (peer 内容雷同).
  const serverOnly = useRef<Issue[]>(serverOnlyIssues(start.validation));

  // The page's first session starts from the server's state (the same computation); a later one
  // (restored edits, another version) is started once the engine is here (its fetch may have failed:
  // then the server's findings until it arrives, see the effect below).
  const firstCheck = useMemo(() => {
    const rules = start.first ? null : loadedRules();
    return rules ? rules.startCheck(start.doc, initialValues, rules.validateOptions(previous, archive), serverOnlyIssues(start.validation)) : null;
  }, [start, initialValues, previous, archive]);
  const store = useMemo(() => {
    const server = { validation: start.validation, at: null };
    if (firstCheck) return new EditorStore({ ...firstCheck.patch, server }, firstCheck.totals);
    const { issues, errors, warnings } = start.check ?? start.validation;
    const first = start.first;
    return new EditorStore({ issues, errors, warnings, inputErrors: new Map(first?.inputErrors), progress: first?.progress ?? [], completion: first?.completion ?? 0, server }, new Map(first?.totals));
  }, [firstCheck, start]);
  // The form as last read (parsed), kept between keystrokes: a keystroke in a cell re-reads that
  // cell (null: not read in the browser yet — the first check reads the whole form).
  const reading = useRef<FormReading | null>(firstCheck?.reading ?? null);
  const stale = useRef(false);
  const formEl = useRef<HTMLFormElement>(null);

  // The document to save: reading the form back comes with the engine (fetched on the first focus,
  // long before the first save; awaited otherwise).
  const read = useCallback(async () => (await loadRules()).readForm(baseDoc.current, form.getValues()).doc, [form]);

  /**
   * Checks the form again. `cell`: the one table cell that changed, with its text — re-read alone,
   * checked and painted at once (its own highlighting and the cells a rule involves); the lists
   * follow once typing pauses. Without it (a narrative, a meta field, a paste, a save) the whole form
   * is read again, once typing pauses: typing in a long narrative runs no rule inside the keystroke.
   */
  const recheck = useCallback(
    (cell?: { ref: string; text: string }) => {
      const rules = loadedRules();
      if (!rules) {
        // Typed before the engine arrived: the whole form is checked as soon as it is here.
        stale.current = true;
        void loadRules().then(
          () => recheck(),
          () => undefined,
        );
        return;
      }
      rules.recheckForm({ store, root: formEl.current, reading, stale, base: baseDoc, values: form.getValues, serverOnly, opts: rules.validateOptions(previous, archive) }, cell);
    },
    [form, store, previous, archive],
  );

  const autosave = useAutosave({
    reportId,
    initialVersion: start.version,
    readOnly,
    read,
    values: form.getValues,
    onSaved: ({ validation, doc }) => {
      // The engine is here: the saved document was read with its code.
      baseDoc.current = loadedRules()?.computeDerived(doc) ?? doc;
      store.setServer({ validation, at: new Date() });
      const found = serverOnlyIssues(validation);
      if (JSON.stringify(found) !== JSON.stringify(serverOnly.current)) {
        serverOnly.current = found;
        recheck();
      }
    },
  });

  const changed = autosave.changed;
  // A table cell's keystroke comes from the cell itself (its input's change handler, right after the
  // form library took the value): the form library then has no listener for cells that would have it
  // copy the whole form on every keystroke. Cells set by code (a paste, 填 0) say so too.
  const edited = useCallback(
    (cell?: { ref: string; text: string }) => {
      recheck(cell);
      changed();
    },
    [recheck, changed],
  );
  useEffect(() => {
    // The narratives and the meta fields, through the form library. It may report one change more
    // than once (the value, then the field's state): that is one recheck, once typing pauses, anyway.
    return form.subscribe({
      name: ["narrative", "meta"],
      formState: { values: true },
      callback: () => {
        recheck();
        changed();
      },
    });
  }, [form, recheck, changed]);

  // A check's result on the cells is painted on their elements directly (cell-view.ts): the cells
  // involved in a keystroke change a class and an attribute or two, not a React render each.
  // (Only the engine's checks change a cell after the first render: the painter comes with it, see
  // live-rules.ts's recheckForm.)

  // Restored edits are saved at once (against the version they were made on: a newer server
  // version then shows the conflict dialog instead of being overwritten).
  const restoreFrom = autosave.restoreFrom;
  useEffect(() => {
    if (start.dirty && !readOnly) restoreFrom(start.version);
  }, [start, readOnly, restoreFrom]);

  // Unsaved edits from an earlier visit (crash, closed tab, lost connection) are offered back.
  useEffect(() => {
    if (readOnly || !first) return;
    const b = readBackup(reportId);
    if (b && !sameValues(b.values, initialValues)) setBackup(b);
  }, [readOnly, first, reportId, initialValues]);

  const notify = useCallback((message: string) => setNotice(message), []);
  const fetchRules = useCallback(() => {
    if (!loadedRules()) void loadRules().catch(() => undefined);
  }, []);
  // A later session (restored edits, another version) without the engine (its fetch failed): check
  // the form once it arrives.
  useEffect(() => {
    if (!start.first && !loadedRules()) recheck();
  }, [start, recheck]);
  // A stable context value: a new object on every render would re-render all ~200 cells.
  const commentMap = useMemo(() => new Map(Object.entries(comments)), [comments]);
  const ctx = useMemo<EditorContextValue>(
    () => ({ edition, form, store, readOnly, notify, edited, comments: commentMap, previous, archive }),
    [edition, form, store, readOnly, notify, edited, commentMap, previous, archive],
  );

  const conflict = autosave.state.kind === "conflict" ? autosave.state.conflict : null;

  // Server-rendered inputs would accept keystrokes that React never sees (before hydration, or
  // forever when the scripts cannot run in an old kernel): they stay disabled until the editor is
  // live, and the status says so.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  // On a 1366 px office screen the tables need the width: the issue panel can be folded away.
  const [issuesOpen, setIssuesOpen] = useState(true);

  // Leaving the editor by an in-app link (Next's <Link> navigates without unloading the page, so
  // beforeunload never fires) asks first while edits are not on the server yet.
  const hasUnsaved = autosave.hasUnsaved;
  useEffect(() => {
    if (readOnly) return;
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || (url.pathname === location.pathname && url.hash)) return;
      if (!hasUnsaved()) return;
      if (!window.confirm("有修改尚未保存到服务器。确定离开本页吗？（未保存的修改会保留在本机浏览器中，下次打开时可恢复）")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [readOnly, hasUnsaved]);

  return (
    <EditorContext.Provider value={ctx}>
      <div className="editor-bar">
        <SaveStatus state={autosave.state} live={live} pendingRestore={backup != null} />
        {readOnly ? <span className="badge">只读{readOnlyReason ? `：${readOnlyReason}` : ""}</span> : null}
        {!readOnly ? (
          <button type="button" className="secondary small" onClick={() => void autosave.flush()} disabled={!live || autosave.state.kind === "saving"}>
            立即保存
          </button>
        ) : null}
        {!issuesOpen ? <IssuesExpandButton onClick={() => setIssuesOpen(true)} /> : null}
      </div>
      {/* Messages appear where the user is, not at the top of a long page. */}
      <div className="editor-toasts">
      {backup ? (
        <Suspense fallback={null}>
          <RestoreBanner
            backup={backup}
            onRestore={() => {
              // The restored edits are checked by the engine from the start: fetch it first.
              const next = { doc: baseDoc.current, version: backup.version, validation: start.validation, values: backup.values, dirty: true };
              void loadRules().then(
                () => onReplace(next),
                () => onReplace(next),
              );
            }}
            onDiscard={() => {
              clearBackup(reportId);
              setBackup(null);
            }}
          />
        </Suspense>
      ) : null}
      {notice ? (
        <div className="alert ok notice" role="status" data-testid="editor-notice">
          {notice}
          <button type="button" className="linklike" onClick={() => setNotice(null)} aria-label="关闭提示">
            ×
          </button>
        </div>
      ) : null}
      </div>
      <div className={`editor-layout${issuesOpen ? "" : " issues-collapsed"}`}>
        <SectionNav />
        <form
          ref={formEl}
          className="editor-form"
          onSubmit={(e) => e.preventDefault()}
          noValidate
          data-live={live ? "1" : undefined}
          // The engine is fetched on the editor's first use, usually before the first keystroke.
          onFocus={readOnly ? undefined : fetchRules}
          onPointerDown={readOnly ? undefined : fetchRules}
        >
          <fieldset className="editor-main" disabled={!live}>
          <EditorSections />
          <section className="editor-section" aria-labelledby="h-meta">
            <h2 id="h-meta">引言与落款</h2>
            <div className="meta-grid">
              <label>
                引言（正文前的说明段落，可不填；不填时按通行写法生成）
                <textarea {...form.register("meta.preamble")} rows={3} readOnly={readOnly} data-cell="meta.preamble" />
              </label>
              <label>
                落款单位（不填时使用本单位名称）
                <input type="text" {...form.register("meta.signature")} readOnly={readOnly} data-cell="meta.signature" />
              </label>
              <label>
                成文日期（如 2025-01-20）
                <input type="text" {...form.register("meta.date")} readOnly={readOnly} placeholder="YYYY-MM-DD" data-cell="meta.date" />
              </label>
              <HeaderFields register={form.register} readOnly={readOnly} />
            </div>
          </section>
          </fieldset>
        </form>
        <CellForms />
        {issuesOpen ? <IssuePanel dirty={autosave.unsaved} onCollapse={() => setIssuesOpen(false)} /> : null}
      </div>
      {conflict ? (
        <Suspense fallback={<div className="alert warn" role="alert">其他人已修改本年报，正在载入对比…</div>}>
        <ConflictDialog
          conflict={conflict}
          base={baseDoc.current}
          // A conflict answers a save, which read the form with the engine's code: it is here.
          mine={loadedRules()?.readForm(baseDoc.current, form.getValues()).doc ?? baseDoc.current}
          onReload={() => {
            // The engine is here (the save that met the conflict read the form with its code).
            void loadRules().then(
              (rules) => {
                clearBackup(reportId);
                onReplace({ doc: conflict.data, version: conflict.version, validation: rules.validateDoc(conflict.data), values: rules.toFormValues(conflict.data) });
              },
              // Not fetched (connection lost): the dialog stays for another try.
              () => undefined,
            );
          }}
          onOverwrite={() => autosave.overwrite(conflict.version)}
        />
        </Suspense>
      ) : null}
    </EditorContext.Provider>
  );
}
