"use server";
import { AuthError } from "next-auth";
import { signIn, WRONG_CREDENTIALS } from "@/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export type LoginState = { error?: string; login?: string };

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const login = String(form.get("login") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!login || !password) return { error: "请输入用户名和密码", login };
  try {
    // On success signIn() throws next's redirect; it must propagate (not be caught below).
    await signIn("credentials", { login, password, redirectTo: safeCallbackUrl(String(form.get("callbackUrl") ?? "")) ?? "/" });
    return {};
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      return { error: code && code !== "credentials" ? code : WRONG_CREDENTIALS, login };
    }
    throw e;
  }
}
