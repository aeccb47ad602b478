"use client";
import { useActionState } from "react";

/** What the sign-in action answers (the page passes the server action in: components never import app/). */
export type LoginState = { error?: string; login?: string };

export function LoginForm({ callbackUrl, loginAction }: { callbackUrl: string; loginAction: (prev: LoginState, form: FormData) => Promise<LoginState> }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label>
        用户名
        <input type="text" name="login" autoComplete="username" required defaultValue={state.login} autoFocus />
      </label>
      <label>
        密码
        <input type="password" name="password" autoComplete="current-password" required />
      </label>
      {state.error ? (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
