"use client";
import type { SaveState } from "./use-autosave";

const time = (d: Date) => d.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false });

export function SaveStatus({ state }: { state: SaveState }) {
  let text: string;
  let cls = "";
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
      text = "保存冲突：他人已修改该年报";
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
