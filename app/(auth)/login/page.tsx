import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/app/_server/guard";
import { ROLE_HOME } from "@/lib/auth/roles";
import { LoginForm } from "@/components/auth/login-form";
import { loginAction } from "./actions";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "登录" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const user = await currentUser();
  if (user) redirect(safeCallbackUrl(callbackUrl) ?? ROLE_HOME[user.role]);
  return (
    <main className="login-wrap">
      <div className="login-box">
        <h1>政府信息公开工作年度报告</h1>
        <p className="sub">填报 · 校验 · 审核 · 发布</p>
        <LoginForm callbackUrl={safeCallbackUrl(callbackUrl) ?? ""} loginAction={loginAction} />
      </div>
    </main>
  );
}
