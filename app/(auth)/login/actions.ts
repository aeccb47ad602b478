"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { parseForm } from "@/app/_server/edge";
import { SIGN_IN_FAILED, signIn, WRONG_CREDENTIALS } from "@/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import type { LoginState } from "@/components/auth/login-form";

// Sign-in is the one action without a session, so it reads its form without defineAction. A missing
// or odd field is an empty one; the login is trimmed and bounded.
const fields = z.object({
  login: z.string().catch("").transform((s) => s.trim().slice(0, 64)),
  password: z.string().catch(""),
  callbackUrl: z.string().catch(""),
});

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  // The action's body is bounded by Next (serverActions.bodySizeLimit, 1 MB by default); the fields
  // themselves are bounded here.
  const parsed = parseForm(fields, form instanceof FormData ? form : new FormData());
  const { login, password, callbackUrl } = parsed.ok ? parsed.data : { login: "", password: "", callbackUrl: "" };
  if (!login || !password) return { error: "请输入用户名和密码", login };
  if (password.length > 200) return { error: WRONG_CREDENTIALS, login };
  try {
    // On success signIn() throws next's redirect; it must propagate (not be caught below).
    await signIn("credentials", { login, password, redirectTo: safeCallbackUrl(callbackUrl) ?? "/" });
    return {};
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      // authorize() refused: the code is our Chinese message (wrong password, locked, disabled, busy).
      const code = e.code;
      return { error: code && code !== "credentials" ? code : WRONG_CREDENTIALS, login };
    }
    // Any other failure of next-auth is not the user's password being wrong.
    if (e instanceof AuthError) return { error: SIGN_IN_FAILED, login };
    throw e;
  }
}
