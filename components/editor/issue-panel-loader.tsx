"use client";
// The issue panel in the page's first load: the server's drawing of its first state (report-editor.tsx,
// by the same function as the interactive panel, issue-panel-view.tsx) until the rule engine is here —
// before that, nothing the panel shows can change: the findings change only with the engine, the
// saved state only after an edit. The interactive panel (issue-panel.tsx) is fetched with the engine
// (rules-loader.ts) and takes over once it is here or once there are unsaved edits. A click on the
// server's panel meanwhile does what the interactive one does: choosing a finding goes to its cell,
// 收起 folds the panel away.
import { lazy, Suspense, useSyncExternalStore, type MouseEvent } from "react";
import { useEditorSnapshot } from "./context";
import { focusCell } from "./focus-cell";
import { useFirstIssuePanel } from "./first-state";
import { loadedRules, onRulesLoaded } from "./rules-loader";

const Interactive = lazy(() => import("./issue-panel").then((m) => ({ default: m.IssuePanel })));

export function IssuePanel({ dirty, onCollapse }: { dirty: boolean; onCollapse: () => void }) {
  const first = useFirstIssuePanel();
  const rules = useSyncExternalStore(onRulesLoaded, loadedRules, () => null);
  const live = !first || rules != null || dirty;
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (live) return;
    const target = e.target as Element;
    const cell = target.closest("[data-focus-cell]")?.getAttribute("data-focus-cell");
    if (cell != null) focusCell(cell);
    else if (target.closest("[data-collapse]")) onCollapse();
  };
  return (
    <div style={{ display: "contents" }} onClick={onClick}>
      {live ? (
        <Suspense fallback={first}>
          <Interactive dirty={dirty} onCollapse={onCollapse} />
        </Suspense>
      ) : (
        first
      )}
    </div>
  );
}

/** Shown in the editor bar while the panel is folded away: the counts stay in sight. */
export function IssuesExpandButton({ onClick }: { onClick: () => void }) {
  const snap = useEditorSnapshot();
  return (
    <button type="button" className="secondary small panel-expand" onClick={onClick} data-testid="issues-expand">
      « 校验结果：{snap.errors + snap.inputErrors.size} 错误，{snap.warnings} 警告
    </button>
  );
}
