"use client";
// The offer to restore unsaved edits from an earlier visit (editor-session.tsx): shown only when the
// browser holds such edits, so its code is fetched then, not with every editor.
import type { ReactElement } from "react";
import type { LocalBackup } from "./use-autosave";

export function RestoreBanner({ backup, onRestore, onDiscard }: { backup: LocalBackup; onRestore: () => void; onDiscard: () => void }): ReactElement | null {
  return (
    <div className="alert warn" role="alert" data-testid="restore-banner">
      发现 {new Date(backup.at).toLocaleString("zh-CN", { hour12: false })} 尚未保存到服务器的本地修改。
      <button type="button" className="small" onClick={onRestore}>
        恢复这些修改
      </button>{" "}
      <button type="button" className="secondary small" onClick={onDiscard}>
        丢弃
      </button>
    </div>
  );
}
