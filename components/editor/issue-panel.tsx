"use client";
// The interactive issue panel: the list of errors and warnings as the user types; choosing one
// scrolls to the cell and focuses it. Fetched with the rule engine (rules-loader.ts): until then
// the page shows the server's drawing of the same panel (issue-panel-loader.tsx).
import { memo } from "react";
import type { Issue } from "@/lib/rules/types";
import { useEditor, useEditorSnapshot } from "./context";
import { focusCell } from "./focus-cell";
import { IssueItem, IssuePanelView } from "./issue-panel-view";

export { focusCell };

export function IssuePanel({ dirty, onCollapse }: { dirty: boolean; onCollapse?: () => void }) {
  const snap = useEditorSnapshot();
  const { edition, readOnly } = useEditor();
  // rule + cell identifies an issue: stable keys keep the list from being rebuilt per keystroke
  return <IssuePanelView state={snap} edition={edition} readOnly={readOnly} dirty={dirty} onCollapse={onCollapse} onFocusCell={focusCell} row={(i) => <IssueRow key={`${i.rule}|${i.cell}`} issue={i} />} />;
}

/**
 * One finding. Every keystroke re-evaluates the report into new issue objects: a row whose text is
 * the same is not rendered again (only the rows that appear, go or change are).
 */
const IssueRow = memo(
  function IssueRow({ issue }: { issue: Issue }) {
    return <IssueItem issue={issue} onFocusCell={focusCell} />;
  },
  (a, b) => a.issue.cell === b.issue.cell && a.issue.rule === b.issue.rule && a.issue.severity === b.issue.severity && a.issue.message === b.issue.message,
);
