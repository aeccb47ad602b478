// The issue panel's markup, drawn by the same function on the server (the page's first state,
// report-editor.tsx) and in the browser (issue-panel.tsx, fetched with the rule engine), so the
// one replaces the other without a change. Every button says what it does in data attributes
// (data-focus-cell, data-collapse): before the interactive panel is here, issue-panel-loader.tsx
// answers a click on the server's panel from them.
import type { ReactNode } from "react";
import { formatTime } from "@/lib/format-date";
import { cellPathLabel } from "@/lib/rules/completeness";
import type { Issue, ValidationResult } from "@/lib/rules/types";
import type { Edition } from "@/lib/template";

export const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export interface IssuePanelState {
  issues: readonly Issue[];
  errors: number;
  warnings: number;
  inputErrors: ReadonlyMap<string, string>;
  completion: number;
  server: { validation: ValidationResult; at: Date | null } | null;
}

/** One finding's row; `onFocusCell` absent on the server. */
export function IssueItem({ issue: i, onFocusCell }: { issue: Issue; onFocusCell?: (ref: string) => void }) {
  return (
    <li className={`sev-${i.severity}`} data-rule={i.rule}>
      <button type="button" className="linklike" data-focus-cell={i.cell} onClick={onFocusCell && (() => onFocusCell(i.cell))}>
        <strong>{SEVERITY_LABEL[i.severity]}</strong> {i.message}
      </button>
    </li>
  );
}

export function IssuePanelView({
  state: snap,
  edition,
  readOnly,
  dirty,
  onCollapse,
  onFocusCell,
  row = (i) => <IssueItem key={`${i.rule}|${i.cell}`} issue={i} />,
}: {
  state: IssuePanelState;
  edition: Edition;
  readOnly: boolean;
  dirty: boolean;
  onCollapse?: () => void;
  onFocusCell?: (ref: string) => void;
  /** Each finding's row (the browser's memoised one). */
  row?: (issue: Issue) => ReactNode;
}) {
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
        <button type="button" className="linklike small panel-collapse" data-collapse="" onClick={onCollapse} aria-label="收起校验结果，表格使用全部宽度">
          收起 »
        </button>
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
            <button type="button" className="linklike" data-focus-cell={ref} onClick={onFocusCell && (() => onFocusCell(ref))}>
              <strong>输入错误</strong> {ref.startsWith("meta.") || ref.startsWith("narrative.") ? "" : `${cellPathLabel(edition, ref)}：`}
              {msg}
            </button>
          </li>
        ))}
        {snap.issues.map(row)}
      </ol>
      {snap.issues.length === 0 && inputErrors.length === 0 ? <p className="ok-text">未发现问题。</p> : null}
    </section>
  );
}
