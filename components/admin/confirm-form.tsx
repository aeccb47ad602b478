"use client";
// A destructive admin step (停用) asked twice: the first click says what will happen, only
// 「确认停用」 submits. The server checks again (the last admin, oneself) whatever the page shows.
import { useState, useTransition } from "react";
import type { FormResult } from "@/components/action-form";

export function ConfirmForm({
  action,
  fields,
  label,
  question,
  confirmLabel,
}: {
  action: (prev: FormResult, form: FormData) => Promise<FormResult>;
  fields: Record<string, string>;
  label: string;
  /** null: no question, the button submits at once (启用). */
  question: string | null;
  confirmLabel: string;
}) {
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<FormResult>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="inline"
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(async () => {
          try {
            const r = await action(null, data);
            setResult(r);
          } catch {
            setResult({ ok: false, error: "提交失败：无法连接服务器或服务器出错，请稍后重试" });
          }
          setAsking(false);
        });
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {asking ? (
        <span role="group" aria-label={question ?? undefined} style={{ display: "inline-flex", gap: "0.4rem", alignItems: "center", flexWrap: "wrap" }}>
          <span className="alert" role="note">
            {question}
          </span>
          <button type="submit" disabled={pending}>
            {confirmLabel}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            取消
          </button>
        </span>
      ) : question === null ? (
        <button type="submit" className="secondary" disabled={pending} onClick={() => setResult(null)}>
          {label}
        </button>
      ) : (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setResult(null);
            setAsking(true);
          }}
        >
          {label}
        </button>
      )}
      {result && !result.ok ? (
        <p className="alert error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result && result.ok && result.message ? (
        <p className="alert ok" role="status">
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
