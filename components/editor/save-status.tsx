"use client";
import { formatTime } from "@/lib/format-date";
import type { SaveState } from "./use-autosave";

const time = (d: Date) => formatTime(d);

/** `live` is false until the editor has hydrated: until then nothing typed could be saved. */
export function SaveStatus({ state, live, pendingRestore = false }: { state: SaveState; live: boolean; pendingRestore?: boolean }) {
  let text: string;
  let cls = "";
  // 「已保存」 would be false comfort while edits made earlier wait in this browser to be restored.
  if (live && pendingRestore && (state.kind === "idle" || state.kind === "saved")) {
    return (
      <span className="save-status sev-text-warning" role="status" aria-live="polite" data-testid="save-status" data-state="restore-pending">
        有未恢复的本地修改（见提示）
      </span>
    );
  }
  if (!live) {
    return (
      <span className="save-status sev-text-warning" role="status" aria-live="polite" data-testid="save-status" data-state="loading">
        编辑器加载中，暂不能输入…
      </span>
    );
  }
  switch (state.kind) {
    case "idle":
      text = "已保存";
      break;
    case "dirty":
      text = "有未保存的修改";
      break;
    case "saving":
      text = "保存中…";
      break;
    case "saved":
      text = `已保存 ${time(state.at)}`;
      cls = "ok-text";
      break;
    case "retrying":
      text = `保存失败，正在重试（${state.message}，第 ${state.attempt} 次）`;
      cls = "sev-text-warning";
      break;
    case "conflict":
      text = state.conflict.byYou ? "保存冲突：您在另一个窗口中修改了该年报" : "保存冲突：他人已修改该年报";
      cls = "sev-text-error";
      break;
    case "failed":
      text = `未保存：${state.message}`;
      cls = "sev-text-error";
      break;
  }
  return (
    <span className={`save-status ${cls}`} role="status" aria-live="polite" data-testid="save-status" data-state={state.kind}>
      {text}
    </span>
  );
}
