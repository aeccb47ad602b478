"use client";
// A form bound to a server action that returns { ok, error | message }: shows the Chinese result
// next to the form. Submitted through onSubmit rather than the `action` prop, because React resets
// an action form after every submission — a refused form must keep what the user typed.
import { useState, useTransition } from "react";

export type FormResult = { ok: boolean; error?: string; message?: string } | null;

export function ActionForm({
  action,
  children,
  className = "inline",
  resetOnSuccess = true,
}: {
  action: (prev: FormResult, form: FormData) => Promise<FormResult>;
  children: React.ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
}) {
  const [state, setState] = useState<FormResult>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className={className}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        startTransition(async () => {
          try {
            const result = await action(state, data);
            setState(result);
            if (result?.ok && resetOnSuccess) form.reset();
          } catch {
            setState({ ok: false, error: "提交失败：无法连接服务器或服务器出错，请稍后重试（已填写的内容仍保留）" });
          }
        });
      }}
    >
      {children}
      {state && !state.ok ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state && state.ok && state.message ? (
        <p className="alert ok" role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
