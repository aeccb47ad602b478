import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { ActionForm } from "@/components/action-form";
import { ROLE_HOME } from "@/lib/auth/roles";
import { changePasswordAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "修改密码" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const user = await requireUser({ allowPasswordChangePending: true }, "/account/password");
  const { error } = await searchParams;
  return (
    <main className="login-wrap">
      <div className="login-box">
        <h1>修改密码</h1>
        <p className="sub">
          {user.displayName}（<code>{user.login}</code>）
        </p>
        {user.mustChangePassword ? (
          <p className="alert" role="note" data-testid="must-change">
            当前密码由他人设定（初始密码或管理员重置），请先设置您自己的密码，再使用系统。
          </p>
        ) : null}
        {typeof error === "string" && error.length < 100 ? (
          <p className="alert error" role="alert">
            {error}
          </p>
        ) : null}
        <ActionForm action={changePasswordAction} className="stack">
          <label>
            当前密码
            <input type="password" name="current" required autoComplete="current-password" />
          </label>
          <label>
            新密码
            <input type="password" name="password" required autoComplete="new-password" />
          </label>
          <label>
            再次输入新密码
            <input type="password" name="confirm" required autoComplete="new-password" />
          </label>
          <p className="hint">至少 8 位，须同时包含字母和数字。修改后，其他设备上的登录会退出。</p>
          <button type="submit">修改密码</button>
        </ActionForm>
        <hr />
        <form action={signOutEverywhereAction}>
          <p className="hint">在公用电脑上登录过、或怀疑密码泄露时：结束本账号在所有设备和浏览器上的登录。</p>
          <button type="submit" className="secondary">
            退出所有设备
          </button>
        </form>
        {user.mustChangePassword ? null : (
          <p>
            <Link href={ROLE_HOME[user.role]}>返回</Link>
          </p>
        )}
      </div>
    </main>
  );
}
