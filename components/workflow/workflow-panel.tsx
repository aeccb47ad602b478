"use client";
// The review workflow on the report page: the actions this user may take now, the warnings to
// acknowledge before submitting, the reason for a return or a correction, and the review comments.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { focusCell } from "@/components/editor/issue-panel";
import { ACTIONS, transition, type ActionId } from "@/lib/workflow/transitions";

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

export function WorkflowPanel({
  reportId,
  actions,
  warnings,
  comments,
  anchors,
  canResolve,
  canConfirm,
}: {
  reportId: number;
  actions: PanelAction[];
  warnings: PanelWarning[];
  comments: PanelComment[];
  anchors: { value: string; label: string }[];
  canResolve: boolean;
  canConfirm: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [anchor, setAnchor] = useState("report");
  const [reasons, setReasons] = useState<Record<string, string>>(() => Object.fromEntries(warnings.map((w) => [w.key, w.reason])));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveState, setSaveState] = useState("saved");

  // The editor announces its save state: submitting while edits are unsaved would submit old content.
  useEffect(() => {
    const on = (e: Event) => setSaveState(String((e as CustomEvent).detail));
    window.addEventListener("nianbao:save-state", on);
    return () => window.removeEventListener("nianbao:save-state", on);
  }, []);
  const unsaved = ["dirty", "saving", "retrying", "conflict", "failed"].includes(saveState);
  // How the comment of the open action is asked for comes from the transition table.
  const openDef = open && (ACTIONS as readonly string[]).includes(open) ? transition(open as ActionId) : undefined;

  const run = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/reports/${reportId}/transition`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action, comment: comment || undefined, anchor: openDef?.anchored ? anchor : undefined, acknowledgements: action === "submit" ? reasons : undefined }),
      });
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string; unacknowledged?: unknown[] };
      if (!res.ok) {
        setError(body.error ?? `操作失败（${res.status}）`);
        // The server found warnings this page did not list yet (edits since it loaded): reload them.
        if (body.unacknowledged) router.refresh();
        return;
      }
      setOpen(null);
      setComment("");
      router.refresh();
    } catch {
      setError("无法连接服务器，请稍后重试");
    } finally {
      setBusy(false);
    }
  };

  const [confirmReasons, setConfirmReasons] = useState<Record<string, string>>({});
  const confirm = async (key: string) => {
    const res = await fetch(`/api/reports/${reportId}/confirm-warning`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key, reason: confirmReasons[key] ?? "" }),
    }).catch(() => null);
    const b = (await res?.json().catch(() => ({}))) as { error?: string } | undefined;
    if (!res?.ok) setError(b?.error ?? "确认失败，请稍后重试");
    else {
      setError(null);
      router.refresh();
    }
  };

  const resolve = async (commentId: number) => {
    const res = await fetch(`/api/reports/${reportId}/comments/${commentId}/resolve`, { method: "POST" }).catch(() => null);
    if (!res?.ok) setError("无法标记为已解决，请稍后重试");
    else router.refresh();
  };

  return (
    <section className="card workflow" aria-labelledby="wf-title" data-testid="workflow-panel">
      <h2 id="wf-title" style={{ marginTop: 0 }}>
        审核流程
      </h2>
      {actions.length === 0 ? <p className="muted small">当前没有您可以执行的操作。</p> : null}
      <div className="wf-actions">
        {actions.map((a) => (
          <button key={a.action} type="button" className={open === a.action ? "" : "secondary"} onClick={() => setOpen(open === a.action ? null : a.action)}>
            {a.label}
          </button>
        ))}
      </div>
      {open ? (
        <div className="wf-form">
          {open === "submit" && warnings.length ? (
            <>
              <p className="small">提交前请逐条核实以下警告，并说明理由（相关数据修改后需重新确认）：</p>
              <ol className="wf-warnings">
                {warnings.map((w) => (
                  <li key={w.key}>
                    <button type="button" className="linklike small" onClick={() => focusCell(w.cell)}>
                      {w.message}
                    </button>
                    <input
                      type="text"
                      aria-label={`确认理由：${w.message}`}
                      placeholder="核实情况，如：本年度确无此类申请"
                      value={reasons[w.key] ?? ""}
                      onChange={(e) => setReasons({ ...reasons, [w.key]: e.target.value })}
                    />
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {actions.find((a) => a.action === open)?.needsComment ? (
            <>
              {openDef?.anchored ? (
                <label>
                  意见针对
                  <select value={anchor} onChange={(e) => setAnchor(e.target.value)}>
                    {anchors.map((a) => (
                      <option key={a.value} value={a.value}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <label>
                {openDef?.commentLabel ?? "理由"}
                <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
              </label>
            </>
          ) : null}
          {open === "submit" && unsaved ? <p className="alert warn small">请等待自动保存完成后再提交。</p> : null}
          <button type="button" disabled={busy || (open === "submit" && unsaved)} onClick={() => void run(open)}>
            确认{actions.find((a) => a.action === open)?.label}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {canConfirm && warnings.length ? (
        <>
          <h3>警告核实</h3>
          <ol className="wf-warnings" data-testid="warning-confirmations">
            {warnings.map((w) => (
              <li key={w.key}>
                <button type="button" className="linklike small" onClick={() => focusCell(w.cell)}>
                  {w.message}
                </button>
                <div className="small">填报人说明：{w.reason || "（无）"}</div>
                {w.confirmed ? (
                  <div className="small ok-text">审核人已确认：{w.confirmed}</div>
                ) : (
                  <div className="inline">
                    <input
                      type="text"
                      aria-label={`核实意见：${w.message}`}
                      placeholder="核实意见"
                      value={confirmReasons[w.key] ?? ""}
                      onChange={(e) => setConfirmReasons({ ...confirmReasons, [w.key]: e.target.value })}
                    />
                    <button type="button" className="secondary small" onClick={() => void confirm(w.key)}>
                      确认无误
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {comments.length ? (
        <>
          <h3>审核意见</h3>
          <ul className="wf-comments" data-testid="review-comments">
            {comments.map((c) => (
              <li key={c.id} className={c.resolved ? "muted" : undefined}>
                <button type="button" className="linklike small" onClick={() => focusCell(c.anchor)}>
                  {c.anchorLabel}
                </button>
                ：{c.body}
                <span className="muted small">
                  （{c.authorName ?? "—"}，{c.createdAt}{c.resolved ? "，已解决" : ""}）
                </span>
                {!c.resolved && canResolve ? (
                  <button type="button" className="secondary small" onClick={() => void resolve(c.id)}>
                    标记为已解决
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
