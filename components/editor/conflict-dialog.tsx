"use client";
// Shown when a save was refused because someone else saved a newer version: who changed what,
// what the user's own unsaved edits are, and an explicit choice — never a silent overwrite.
import { useState } from "react";
import { describeDiff, diffReports } from "@/lib/data/diff";
import type { ReportDoc } from "@/lib/data/types";
import type { ConflictInfo } from "./use-autosave";

export function ConflictDialog({
  conflict,
  base,
  mine,
  onReload,
  onOverwrite,
}: {
  conflict: ConflictInfo;
  base: ReportDoc;
  mine: ReportDoc;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const [compare, setCompare] = useState(false);
  const theirs = describeDiff(diffReports(base, conflict.data), 30);
  const mineChanges = describeDiff(diffReports(base, mine), 30);
  const versus = describeDiff(diffReports(conflict.data, mine), 60);
  const when = new Date(conflict.updatedAt).toLocaleString("zh-CN", { hour12: false });
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="conflict-dialog">
        <h2 id="conflict-title">{conflict.byYou ? "保存冲突：您在另一个窗口中修改了该年报" : "保存冲突：该年报已被他人修改"}</h2>
        <p>
          {conflict.byYou ? <strong>您在另一个窗口或标签页中</strong> : <strong>{conflict.updatedByName ?? "他人"}</strong>} 于 {when} 保存了第 {conflict.version} 版。此处的修改尚未保存，也没有覆盖那个版本。
        </p>
        <h3>{conflict.byYou ? "另一个窗口修改了" : "对方修改了"}</h3>
        <ul data-testid="conflict-theirs">{theirs.length ? theirs.map((l, i) => <li key={i}>{l}</li>) : <li>（未改动内容）</li>}</ul>
        <h3>您尚未保存的修改</h3>
        <ul>{mineChanges.length ? mineChanges.map((l, i) => <li key={i}>{l}</li>) : <li>（无）</li>}</ul>
        {compare ? (
          <>
            <h3>对方版本 → 您的版本</h3>
            <ul>{versus.length ? versus.map((l, i) => <li key={i}>{l}</li>) : <li>（两者一致）</li>}</ul>
          </>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onReload}>
            载入对方的版本（放弃我的修改）
          </button>
          <button type="button" className="secondary" onClick={() => setCompare((c) => !c)}>
            {compare ? "收起对比" : "逐项对比"}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (window.confirm("确定以您的版本覆盖对方的修改吗？对方的修改将被替换（操作会记入审计日志）。")) onOverwrite();
            }}
          >
            保留我的修改并覆盖
          </button>
        </div>
      </div>
    </div>
  );
}
