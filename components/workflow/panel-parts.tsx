// The workflow panel's markup, shared by its two renderings: the first state the server renders
// (workflow-panel.tsx: no JavaScript of its own) and the interactive panel the browser loads on the
// first interaction (panel-interactive.tsx). One function draws both, so the interactive panel
// replaces the server's markup with the same elements (panel-loader.tsx relies on it to replay a
// click or carry typed text across the swap). Without handlers (the server's rendering) the
// buttons do nothing by themselves: the loader catches the click and replays it.
import type { ReactNode } from "react";
import { MIN_REASON_LENGTH, reasonLength } from "@/lib/workflow/acknowledgements";

export interface PanelAction {
  action: string;
  label: string;
  needsComment: boolean;
}
export interface PanelWarning {
  key: string;
  message: string;
  cell: string;
  /** The drafter's reason, while it still applies. */
  reason: string;
  /** The reviewer's confirmation, while it still applies. */
  confirmed: string;
}
export interface PanelComment {
  id: number;
  anchor: string;
  anchorLabel: string;
  body: string;
  authorName: string | null;
  createdAt: string;
  resolved: boolean;
}

export interface WorkflowPanelProps {
  reportId: number;
  /** 补录: the publication date read from the imported document's signature (YYYY-MM-DD), offered as the default. */
  suggestedPublishedOn?: string | null;
  /** The report version this page shows (what the reviewer reads). */
  version: number;
  actions: PanelAction[];
  warnings: PanelWarning[];
  comments: PanelComment[];
  /** The report's edition id: the interactive panel derives where a comment can point from it (anchors.ts). */
  edition: string;
  canResolve: boolean;
  canConfirm: boolean;
}

/** What the panel's controls do; absent in the server's rendering. */
export interface PanelHandlers {
  toggle?: (action: string) => void;
  focusCell?: (ref: string) => void;
  confirmInput?: (key: string, value: string) => void;
  confirm?: (key: string) => void;
  resolve?: (commentId: number) => void;
}

export function ReasonHint({ text }: { text: string }) {
  const n = reasonLength(text);
  if (n >= MIN_REASON_LENGTH) return null;
  return <span className="small sev-text-warning">{n === 0 ? `请填写理由（至少 ${MIN_REASON_LENGTH} 个字）` : `还差 ${MIN_REASON_LENGTH - n} 个字`}</span>;
}

/** The warnings the drafter justified, each with the reviewer's confirmation (or the field to give it). */
export function WarningConfirmations({ warnings, canConfirm, values = {}, on = {} }: { warnings: PanelWarning[]; canConfirm: boolean; values?: Record<string, string>; on?: PanelHandlers }) {
  return (
    <ol className="wf-warnings" data-testid="warning-confirmations">
      {warnings.map((w) => (
        <li key={w.key} data-confirmed={w.confirmed ? "yes" : "no"}>
          <button type="button" className="linklike small" onClick={on.focusCell && (() => on.focusCell?.(w.cell))}>
            {w.message}
          </button>
          <div className="small">填报人说明：{w.reason || "（无）"}</div>
          {w.confirmed ? (
            <div className="small ok-text">审核人已确认：{w.confirmed}</div>
          ) : canConfirm ? (
            <div className="inline">
              <input
                type="text"
                aria-label={`核实意见：${w.message}`}
                placeholder={`核实情况（至少 ${MIN_REASON_LENGTH} 个字）`}
                {...(on.confirmInput ? { value: values[w.key] ?? "", onChange: (e) => on.confirmInput?.(w.key, e.target.value) } : { defaultValue: "" })}
              />
              <button type="button" className="secondary small" onClick={on.confirm && (() => on.confirm?.(w.key))}>
                确认无误
              </button>
              <ReasonHint text={values[w.key] ?? ""} />
            </div>
          ) : (
            <div className="small sev-text-warning">审核人尚未确认</div>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * The panel's content: its heading, the action buttons, the open action's form and the last refusal
 * (both only in the interactive panel), the warnings to confirm and the review comments. With
 * `open`, `form` and `refusal` absent this is the panel's first state.
 */
export function PanelContent({
  actions,
  warnings,
  comments,
  canConfirm,
  canResolve,
  open = null,
  form = null,
  refusal = null,
  confirmValues,
  on = {},
}: {
  actions: PanelAction[];
  warnings: PanelWarning[];
  comments: PanelComment[];
  canConfirm: boolean;
  canResolve: boolean;
  open?: string | null;
  form?: ReactNode;
  refusal?: ReactNode;
  confirmValues?: Record<string, string>;
  on?: PanelHandlers;
}) {
  return (
    <>
      <h2 id="wf-title" style={{ marginTop: 0 }}>
        审核流程
      </h2>
      {actions.length === 0 ? <p className="muted small">当前没有您可以执行的操作。</p> : null}
      <div className="wf-actions">
        {actions.map((a) => (
          <button key={a.action} type="button" className={open === a.action ? "" : "secondary"} onClick={on.toggle && (() => on.toggle?.(a.action))}>
            {a.label}
          </button>
        ))}
      </div>
      {form}
      {refusal}
      {canConfirm && warnings.length && open !== "approve" ? (
        <>
          <h3>警告核实</h3>
          <WarningConfirmations warnings={warnings} canConfirm={canConfirm} values={confirmValues} on={on} />
        </>
      ) : null}
      {comments.length ? (
        <>
          <h3>审核意见</h3>
          <ul className="wf-comments" data-testid="review-comments">
            {comments.map((c) => (
              <li key={c.id} className={c.resolved ? "muted" : undefined}>
                <button type="button" className="linklike small" onClick={on.focusCell && (() => on.focusCell?.(c.anchor))}>
                  {c.anchorLabel}
                </button>
                ：{c.body}
                <span className="muted small">
                  （{c.authorName ?? "—"}，{c.createdAt}
                  {c.resolved ? "，已解决" : ""}）
                </span>
                {!c.resolved && canResolve ? (
                  <button type="button" className="secondary small" onClick={on.resolve && (() => on.resolve?.(c.id))}>
                    标记为已解决
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
