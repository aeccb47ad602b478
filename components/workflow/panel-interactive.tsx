"use client";
// The review workflow on the report page, interactive: the actions this user may take now and, for
// each, what it needs — opened with the server's own list (what is not filled in, every warning with
// its reasons), so the first click already shows everything to do. A return carries several
// comments, each pointed at a cell or section by clicking it in the editor. Approve and publish
// name the version read. The page's first load carries none of this: the server renders the first
// state (workflow-panel.tsx) and panel-loader.tsx loads this module on the first interaction.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useSaveState } from "@/components/report-page-state";
import { focusCell } from "@/components/editor/focus-cell";
import { apiError, MALFORMED_ANSWER, readAnswer, transitionPreview, transitionRefusal } from "@/lib/api/answers";
import { REASON_RULE } from "@/lib/workflow/acknowledgements";
import { ACTIONS, transition, type ActionId } from "@/lib/workflow/transitions";
import { commentAnchors } from "./anchors";
import { PanelContent, ReasonHint, WarningConfirmations, type PanelHandlers, type PanelWarning, type WorkflowPanelProps } from "./panel-parts";
import { useCellPicker } from "./use-cell-picker";

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

/** The interactive panel; `onReady` runs once it has replaced the server's first state. */
export function InteractivePanel({
  reportId,
  version,
  actions,
  warnings: initialWarnings,
  comments,
  edition,
  canResolve,
  canConfirm,
  suggestedPublishedOn = null,
  onReady,
}: WorkflowPanelProps & { onReady?: () => void }) {
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
  // Tell the loader the moment this panel has replaced the first state (before the browser handles
  // another keystroke), so that it can give back the focus and what was typed, and replay a click.
  const ready = useRef(onReady);
  useLayoutEffect(() => ready.current?.(), []);

  // The editor announces its save state (components/report-page-state): submitting while edits are
  // unsaved would submit old content.
  const unsaved = ["dirty", "saving", "retrying", "conflict", "failed"].includes(saveState);
  // How the comment of the open action is asked for comes from the transition table.
  const openDef = open && (ACTIONS as readonly string[]).includes(open) ? transition(open as ActionId) : undefined;
  const anchored = openDef?.anchored === true;
  const anchors = useMemo(() => commentAnchors(edition), [edition]);
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

  const on: PanelHandlers = {
    toggle,
    focusCell,
    confirmInput: (key, value) => setConfirmReasons((r) => ({ ...r, [key]: value })),
    confirm: (key) => void confirm(key),
    resolve: (id) => void resolve(id),
  };
  const warningConfirmations = <WarningConfirmations warnings={warnings} canConfirm={canConfirm} values={confirmReasons} on={on} />;

  const form = open ? (
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
      ) : null;

  const refusalAlert = refusal ? (
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
      ) : null;

  return (
    <PanelContent
      actions={actions}
      warnings={warnings}
      comments={comments}
      canConfirm={canConfirm}
      canResolve={canResolve}
      open={open}
      form={form}
      refusal={refusalAlert}
      confirmValues={confirmReasons}
      on={on}
    />
  );
}
