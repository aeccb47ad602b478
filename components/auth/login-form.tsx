"use client";
import { useActionState } from "react";
import { loginAction, type LoginState } from "@/app/(auth)/login/actions";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
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
