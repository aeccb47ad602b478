"use client";
// The list of errors and warnings; choosing one scrolls to the cell and focuses it.
import { memo } from "react";
import { formatTime } from "@/lib/format-date";
import type { Issue } from "@/lib/rules/types";
import { cellPathLabel } from "@/lib/rules/completeness";
import { useEditor, useEditorSnapshot } from "./context";

export function focusCell(ref: string): void {
  const el = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(ref)}"]`);
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
  el.focus();
}

const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export function IssuePanel({ dirty, onCollapse }: { dirty: boolean; onCollapse?: () => void }) {
  const snap = useEditorSnapshot();
  const { edition, readOnly } = useEditor();
  const inputErrors = [...snap.inputErrors.entries()];
  const clean = snap.errors === 0 && inputErrors.length === 0;
  const complete = snap.completion >= 1;
  // The line fits who reads it: only a drafter who can still edit is told about submitting; a
  // reviewer, a supervisor or a published report reads the state of the content.
  const verdict = readOnly
    ? clean
      ? complete
        ? "没有错误。"
        : "没有错误，但内容尚未填写完整。"
      : "存在错误。"
    : !clean
      ? "存在错误，修正后才能提交审核。"
      : complete
        ? "没有错误，可以提交审核（警告需在提交时逐条说明理由）。"
        : "没有错误；尚有未填写的内容，提交审核前须全部填写（没有发生的事项填 0）。";
  const server = snap.server;
  return (
    <section className="issue-panel" aria-labelledby="issues-title">
      <h3 id="issues-title">
        校验结果 <span className="badge sev-error">{snap.errors + inputErrors.length} 错误</span>{" "}
        <span className="badge sev-warning">{snap.warnings} 警告</span>
        {onCollapse ? (
          <button type="button" className="linklike small panel-collapse" onClick={onCollapse} aria-label="收起校验结果，表格使用全部宽度">
            收起 »
          </button>
        ) : null}
      </h3>
      <p className={`small ${clean && complete ? "ok-text" : clean ? "muted" : "sev-text-error"}`} data-testid="submittable">
        {verdict}
      </p>
      {server ? (
        <p className="muted small" data-testid="server-validation">
          服务器校验（{server.at ? formatTime(server.at, { seconds: true }) : "打开时"}）：{server.validation.errors} 个错误，{server.validation.warnings} 个警告
          {dirty ? "；有修改尚未保存" : ""}
        </p>
      ) : null}
      <ol className="issue-list">
        {inputErrors.map(([ref, msg]) => (
          <li key={`in-${ref}`} className="sev-error">
            <button type="button" className="linklike" onClick={() => focusCell(ref)}>
              <strong>输入错误</strong> {ref.startsWith("meta.") || ref.startsWith("narrative.") ? "" : `${cellPathLabel(edition, ref)}：`}
              {msg}
            </button>
          </li>
        ))}
        {snap.issues.map((i) => (
          // rule + cell identifies an issue: stable keys keep the list from being rebuilt per keystroke
          <IssueRow key={`${i.rule}|${i.cell}`} issue={i} />
        ))}
      </ol>
      {snap.issues.length === 0 && inputErrors.length === 0 ? <p className="ok-text">未发现问题。</p> : null}
    </section>
  );
}

/**
 * One finding. Every keystroke re-evaluates the report into new issue objects: a row whose text is
 * the same is not rendered again (only the rows that appear, go or change are).
 */
const IssueRow = memo(
  function IssueRow({ issue: i }: { issue: Issue }) {
    return (
      <li className={`sev-${i.severity}`} data-rule={i.rule}>
        <button type="button" className="linklike" onClick={() => focusCell(i.cell)}>
          <strong>{SEVERITY_LABEL[i.severity]}</strong> {i.message}
        </button>
      </li>
    );
  },
  (a, b) => a.issue.cell === b.issue.cell && a.issue.rule === b.issue.rule && a.issue.severity === b.issue.severity && a.issue.message === b.issue.message,
);

/** Shown in the editor bar while the panel is folded away: the counts stay in sight. */
export function IssuesExpandButton({ onClick }: { onClick: () => void }) {
  const snap = useEditorSnapshot();
  return (
    <button type="button" className="secondary small panel-expand" onClick={onClick} data-testid="issues-expand">
      « 校验结果：{snap.errors + snap.inputErrors.size} 错误，{snap.warnings} 警告
    </button>
  );
}
