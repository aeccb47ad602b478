// next-auth wiring: Credentials provider, JWT sessions. The token carries only the user id and the
// id of a server-side session row (db/sessions.ts); every request re-reads the user and checks the
// row (app/_server/guard.ts + session.ts), so disabling an account, changing a role, signing out or
// resetting a password takes effect at once, and a session ends 8 hours after sign-in however often
// /api/auth/session refreshes the cookie.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddress } from "./lib/auth/address";
import { BUSY_MESSAGE, isBusyError } from "./lib/auth/busy";
import { getAuthSecret } from "./db/auth-secret";
import { checkCredentials } from "./db/login-throttle";
import { createSession, liveSessionUser, revokeSession, SESSION_LIFETIME_MS } from "./db/sessions";
import { writeAudit } from "./db/audit";
import { getStore, run } from "./db/store";
import { transaction } from "./db/unit";

/** Shown for a wrong login name or password alike, so the message does not reveal which one. */
export const WRONG_CREDENTIALS = "用户名或密码错误";
export const ACCOUNT_DISABLED = "该账号已停用，请联系系统管理员";
/** Any other failure of the sign-in itself: never presented as a wrong password. */
export const SIGN_IN_FAILED = "登录暂时无法完成，请稍后重试";

export class SignInRefused extends CredentialsSignin {
  constructor(message: string) {
    super(message);
    // next-auth passes `code` through to the caller of signIn(); we use it for the Chinese message.
    this.code = message;
  }
}

const credentialsSchema = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const SESSION_MAX_AGE_S = SESSION_LIFETIME_MS / 1000;

declare module "next-auth" {
  interface User {
    sid?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A refused sign-in is an expected outcome (audited and shown to the user), not a server error.
    error(error: Error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error(error);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.sid) {
        token.sid = user.sid;
        return token;
      }
      // A refresh through /api/auth/session: only a live server-side session is refreshed; a
      // revoked or expired one makes next-auth clear the cookie.
      const sid = typeof token.sid === "string" ? token.sid : null;
      if (!sid || (await run(liveSessionUser(sid))) == null) return null;
      return token;
    },
    // The token's subject is the user id (set by next-auth from authorize()); expose only that.
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    // Sign-out (the server action or POST /api/auth/signout) revokes the session on the server:
    // a copy of the cookie kept elsewhere stops working too.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token && typeof token.sid === "string") await run(revokeSession(token.sid));
    },
  },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused(WRONG_CREDENTIALS);
        try {
          const result = await checkCredentials(getStore(), parsed.data.login, parsed.data.password, clientAddress(request.headers));
          if (!result.ok) {
            if (result.reason === "locked") throw new SignInRefused(result.message);
            if (result.reason === "disabled") throw new SignInRefused(ACCOUNT_DISABLED);
            throw new SignInRefused(WRONG_CREDENTIALS);
          }
          const user = result.user;
          const sid = await run(
            transaction(function* () {
              const id = yield* createSession(user.id);
              yield* writeAudit({ actorId: user.id, action: "auth.signin", entityType: "user", entityId: user.id, agencyId: user.agencyId });
              return id;
            }),
          );
          return { id: String(user.id), name: user.displayName, sid };
        } catch (e) {
          if (e instanceof SignInRefused) throw e;
          // A busy or failing database is not a wrong password.
          if (isBusyError(e)) throw new SignInRefused(BUSY_MESSAGE);
          console.error(e);
          throw new SignInRefused(SIGN_IN_FAILED);
        }
      },
    }),
  ],
}));
