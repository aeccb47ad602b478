"use client";
// The review workflow on the report page: the actions this user may take now and, for each, what it
// needs — opened with the server's own list (what is not filled in, every warning with its reasons),
// so the first click already shows everything to do. A return carries several comments, each pointed
// at a cell or section by clicking it in the editor. Approve and publish name the version read.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSaveState } from "@/components/report-page-state";
import { focusCell } from "@/components/editor/issue-panel";
import { apiError, MALFORMED_ANSWER, readAnswer, transitionPreview, transitionRefusal } from "@/lib/api/answers";
import { MIN_REASON_LENGTH, REASON_RULE, reasonLength } from "@/lib/workflow/acknowledgements";
import { ACTIONS, transition, type ActionId } from "@/lib/workflow/transitions";
import { useCellPicker } from "./use-cell-picker";

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
interface Gap {
  kind: "narrative" | "cell";
  ref: string;
  section: string;
  message: string;
}
interface Preview {
  version: number;
  incomplete: Gap[];
  errors: number;
  warnings: PanelWarning[];
}
interface Refusal {
  error: string;
  incomplete?: Gap[];
  unacknowledged?: { rule: string; cell: string; message: string }[];
  changes?: string[];
}

/** Steps whose dialog opens with the server's list of what they need. */
const PREVIEWED = new Set(["submit", "approve", "publish"]);
/** Steps that name the version the user read. */
const VERSIONED = new Set(["approve", "publish", "backfillPublish"]);

function GapList({ gaps }: { gaps: Gap[] }) {
  const narratives = gaps.filter((g) => g.kind === "narrative");
  const bySection = new Map<string, Gap[]>();
  for (const g of gaps) if (g.kind === "cell") bySection.set(g.section, [...(bySection.get(g.section) ?? []), g]);
  return (
    <div className="alert error small" data-testid="incomplete">
      <p style={{ margin: 0 }}>
        <strong>尚未填写完整（{gaps.length} 处）</strong>，须补全后才能提交。点击可跳到该处。表格中没有发生的事项请填 0（可用各表的「空白单元格填 0」）。
      </p>
      <ul className="wf-gaps">
        {narratives.map((g) => (
          <li key={g.ref}>
            <button type="button" className="linklike" onClick={() => focusCell(g.ref)}>
              {g.message}
            </button>
          </li>
        ))}
        {[...bySection].map(([section, list]) => (
          <li key={section}>
            <details open={list.length <= 12}>
              <summary>
                「{section}」{list.length} 个单元格未填写
              </summary>
              <ul>
                {list.map((g) => (
                  <li key={g.ref}>
                    <button type="button" className="linklike" onClick={() => focusCell(g.ref)}>
                      {g.message}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReasonHint({ text }: { text: string }) {
  const n = reasonLength(text);
  if (n >= MIN_REASON_LENGTH) return null;
  return <span className="small sev-text-warning">{n === 0 ? `请填写理由（至少 ${MIN_REASON_LENGTH} 个字）` : `还差 ${MIN_REASON_LENGTH - n} 个字`}</span>;
}

export function WorkflowPanel({
  reportId,
  version,
  actions,
  warnings: initialWarnings,
  comments,
  anchors,
  canResolve,
  canConfirm,
  suggestedPublishedOn = null,
}: {
  reportId: number;
  /** 补录: the publication date read from the imported document's signature (YYYY-MM-DD), offered as the default. */
  suggestedPublishedOn?: string | null;
  /** The report version this page shows (what the reviewer reads). */
  version: number;
  actions: PanelAction[];
  warnings: PanelWarning[];
  comments: PanelComment[];
  anchors: { value: string; label: string }[];
  canResolve: boolean;
  canConfirm: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [items, setItems] = useState<{ anchor: string; body: string }[]>([{ anchor: "report", body: "" }]);
  const [activeItem, setActiveItem] = useState(0);
  const [reasons, setReasons] = useState<Record<string, string>>(() => Object.fromEntries(initialWarnings.map((w) => [w.key, w.reason])));
  const [confirmReasons, setConfirmReasons] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loading, setLoading] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const saveState = useSaveState();
  const [publishedOn, setPublishedOn] = useState(suggestedPublishedOn ?? "");
  // Set once React has taken over the server-rendered buttons (a click before that does nothing).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // The editor announces its save state (components/report-page-state): submitting while edits are
  // unsaved would submit old content.
  const unsaved = ["dirty", "saving", "retrying", "conflict", "failed"].includes(saveState);
  // How the comment of the open action is asked for comes from the transition table.
  const openDef = open && (ACTIONS as readonly string[]).includes(open) ? transition(open as ActionId) : undefined;
  const anchored = openDef?.anchored === true;
  const labelOf = (ref: string) => anchors.find((a) => a.value === ref)?.label ?? ref;

  // A click on a cell or a section of the editor points the comment being written there.
  useCellPicker(anchored, (ref) => {
    if (!anchors.some((a) => a.value === ref)) return;
    setItems((list) => list.map((it, i) => (i === activeItem ? { ...it, anchor: ref } : it)));
  });

  const loadPreview = useCallback(
    async (action: string) => {
      setLoading(true);
      try {
        const res = await fetch(`/api/reports/${reportId}/transition`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ action, preview: true }),
        });
        const body: unknown = await res.json().catch(() => ({}));
        if (!res.ok) {
          setRefusal({ error: readAnswer(apiError, body)?.error ?? `无法读取审核要求（${res.status}）` });
          return;
        }
        const preview = readAnswer(transitionPreview, body);
        if (!preview) {
          setRefusal({ error: MALFORMED_ANSWER });
          return;
        }
        setPreview(preview);
        setReasons((r) => ({ ...Object.fromEntries(preview.warnings.map((w) => [w.key, w.reason])), ...Object.fromEntries(Object.entries(r).filter(([, v]) => v)) }));
      } catch {
        setRefusal({ error: "无法连接服务器，请稍后重试" });
      } finally {
        setLoading(false);
      }
    },
    [reportId],
  );

  const toggle = (action: string) => {
    const next = open === action ? null : action;
    setOpen(next);
    setRefusal(null);
    setPreview(null);
    if (next && PREVIEWED.has(next)) void loadPreview(next);
  };
  // Edits saved while the submit dialog is open change what it needs: ask again once saved.
  const lastSaveState = useRef(saveState);
  useEffect(() => {
    const was = lastSaveState.current;
    lastSaveState.current = saveState;
    if (open === "submit" && saveState === "saved" && was !== "saved") void loadPreview("submit");
  }, [open, saveState, loadPreview]);

  const run = async (action: string) => {
    setBusy(true);
    setRefusal(null);
    try {
      const written = items.filter((it) => it.body.trim());
      const res = await fetch(`/api/reports/${reportId}/transition`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          action,
          comments: openDef?.needsComment ? written.map((it) => ({ anchor: anchored ? it.anchor : "report", body: it.body })) : undefined,
          acknowledgements: action === "submit" ? reasons : undefined,
          version: VERSIONED.has(action) ? version : undefined,
          publishedOn: action === "backfillPublish" ? publishedOn : undefined,
        }),
      });
      if (!res.ok) {
        const refusal = readAnswer(transitionRefusal, await res.json().catch(() => ({})));
        setRefusal(refusal ?? { error: `操作失败（${res.status}）` });
        if (PREVIEWED.has(action)) void loadPreview(action);
        return;
      }
      setOpen(null);
      setItems([{ anchor: "report", body: "" }]);
      setActiveItem(0);
      router.refresh();
    } catch {
      setRefusal({ error: "无法连接服务器，请稍后重试" });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (key: string) => {
    const res = await fetch(`/api/reports/${reportId}/confirm-warning`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key, reason: confirmReasons[key] ?? "" }),
    }).catch(() => null);
    const b = readAnswer(apiError, await res?.json().catch(() => ({})));
    if (!res?.ok) setRefusal({ error: b?.error ?? "确认失败，请稍后重试" });
    else {
      setRefusal(null);
      if (open && PREVIEWED.has(open)) void loadPreview(open);
      router.refresh();
    }
  };

  const resolve = async (commentId: number) => {
    const res = await fetch(`/api/reports/${reportId}/comments/${commentId}/resolve`, { method: "POST" }).catch(() => null);
    if (!res?.ok) setRefusal({ error: "无法标记为已解决，请稍后重试" });
    else router.refresh();
  };

  const warnings = preview?.warnings ?? initialWarnings;
  const unconfirmed = warnings.filter((w) => !w.confirmed).length;
  const incomplete = preview?.incomplete ?? [];
  const openLabel = actions.find((a) => a.action === open)?.label;
  const blocked =
    busy ||
    (PREVIEWED.has(open ?? "") && (loading || !preview)) ||
    (open === "submit" && (unsaved || incomplete.length > 0)) ||
    (open === "approve" && (unconfirmed > 0 || incomplete.length > 0));

  const warningConfirmations = (
    <ol className="wf-warnings" data-testid="warning-confirmations">
      {warnings.map((w) => (
        <li key={w.key} data-confirmed={w.confirmed ? "yes" : "no"}>
          <button type="button" className="linklike small" onClick={() => focusCell(w.cell)}>
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
                value={confirmReasons[w.key] ?? ""}
                onChange={(e) => setConfirmReasons({ ...confirmReasons, [w.key]: e.target.value })}
              />
              <button type="button" className="secondary small" onClick={() => void confirm(w.key)}>
                确认无误
              </button>
              <ReasonHint text={confirmReasons[w.key] ?? ""} />
            </div>
          ) : (
            <div className="small sev-text-warning">审核人尚未确认</div>
          )}
        </li>
      ))}
    </ol>
  );

  return (
    <section className="card workflow" aria-labelledby="wf-title" data-testid="workflow-panel" data-hydrated={hydrated ? "yes" : "no"}>
      <h2 id="wf-title" style={{ marginTop: 0 }}>
        审核流程
      </h2>
      {actions.length === 0 ? <p className="muted small">当前没有您可以执行的操作。</p> : null}
      <div className="wf-actions">
        {actions.map((a) => (
          <button key={a.action} type="button" className={open === a.action ? "" : "secondary"} onClick={() => toggle(a.action)}>
            {a.label}
          </button>
        ))}
      </div>
      {open ? (
        <div className="wf-form" data-testid={`wf-form-${open}`}>
          {PREVIEWED.has(open) && loading && !preview ? <p className="muted small">正在核对{openLabel}的条件……</p> : null}
          {PREVIEWED.has(open) && incomplete.length ? <GapList gaps={incomplete} /> : null}
          {preview && preview.errors > 0 ? <p className="alert error small">年报还有 {preview.errors} 个错误（见右侧校验结果），须修正后才能{openLabel}。</p> : null}
          {open === "submit" && preview ? (
            warnings.length ? (
              <>
                <p className="small">
                  提交前请逐条核实以下 {warnings.length} 个警告并说明理由（{REASON_RULE}；相关数据修改后需重新确认）：
                </p>
                <ol className="wf-warnings" data-testid="submit-warnings">
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
                      <ReasonHint text={reasons[w.key] ?? ""} />
                    </li>
                  ))}
                </ol>
              </>
            ) : incomplete.length === 0 && preview.errors === 0 ? (
              <p className="small ok-text">内容完整，没有错误和警告。</p>
            ) : null
          ) : null}
          {(open === "approve" || open === "publish") && preview ? (
            <>
              {open === "approve" ? (
                warnings.length ? (
                  <>
                    <p className="small" data-testid="approve-summary">
                      填报人说明了 {warnings.length} 个警告，您已核实 {warnings.length - unconfirmed} 个。审核通过前须逐条「确认无误」（{REASON_RULE}）；有疑问请「退回修改」。
                    </p>
                    {warningConfirmations}
                  </>
                ) : (
                  <p className="small ok-text">没有需要核实的警告。</p>
                )
              ) : null}
              <p className="muted small">
                您审阅的是第 {version} 版。{preview.version !== version ? <strong className="sev-text-error">年报已有更新的第 {preview.version} 版，请刷新页面重新审阅。</strong> : null}
              </p>
            </>
          ) : null}
          {openDef?.needsComment ? (
            <>
              {anchored ? <p className="small muted">点击编辑区中的单元格或章节文本框，即可把正在填写的意见定位到该处；可添加多条意见。</p> : null}
              {items.map((it, i) => (
                <div key={i} className="wf-comment-item" data-testid="comment-item" onFocusCapture={() => setActiveItem(i)}>
                  {anchored ? (
                    <label>
                      意见针对{items.length > 1 ? `（第 ${i + 1} 条）` : ""}
                      <select value={it.anchor} onChange={(e) => setItems(items.map((x, k) => (k === i ? { ...x, anchor: e.target.value } : x)))}>
                        {anchors.map((a) => (
                          <option key={a.value} value={a.value}>
                            {a.label}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                  <label>
                    {openDef.commentLabel ?? "理由"}
                    {items.length > 1 ? `（第 ${i + 1} 条）` : ""}
                    <textarea rows={3} value={it.body} onChange={(e) => setItems(items.map((x, k) => (k === i ? { ...x, body: e.target.value } : x)))} />
                  </label>
                  {anchored && activeItem === i ? <span className="small muted">当前定位：{labelOf(it.anchor)}</span> : null}
                </div>
              ))}
              {anchored ? (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    setItems([...items, { anchor: "report", body: "" }]);
                    setActiveItem(items.length);
                  }}
                >
                  再添加一条意见
                </button>
              ) : null}
            </>
          ) : null}
          {open === "submit" && unsaved ? <p className="alert warn small">请等待自动保存完成后再提交。</p> : null}
          {open === "backfillPublish" ? (
            <>
              <p className="small">本年报由本单位当年已发布的文件导入（补录）。补录为已发布后即在公开页面显示，不再经过提交和审核；此操作记入操作记录。</p>
              <label className="small">
                原发布日期（不详可留空）
                <input type="date" value={publishedOn} onChange={(e) => setPublishedOn(e.target.value)} data-testid="backfill-published-on" />
              </label>
              {suggestedPublishedOn ? <span className="small muted">已按导入文件落款日期预填，请与原发布页面核对。</span> : null}
            </>
          ) : null}
          <button type="button" disabled={blocked} onClick={() => void run(open)}>
            确认{openLabel}
          </button>
        </div>
      ) : null}
      {refusal ? (
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>{refusal.error}</p>
          {refusal.changes?.length ? (
            <ul data-testid="version-changes">
              {refusal.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          ) : null}
          {refusal.unacknowledged?.length ? (
            <ul>
              {refusal.unacknowledged.map((w) => (
                <li key={`${w.rule}|${w.cell}`}>
                  <button type="button" className="linklike small" onClick={() => focusCell(w.cell)}>
                    {w.message}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {canConfirm && warnings.length && open !== "approve" ? (
        <>
          <h3>警告核实</h3>
          {warningConfirmations}
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
                  （{c.authorName ?? "—"}，{c.createdAt}
                  {c.resolved ? "，已解决" : ""}）
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
