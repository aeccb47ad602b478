// next-auth wiring: Credentials provider, JWT sessions. The token carries only the user id; every
// request re-reads the user from the database (app/_server/guard.ts), so disabling an account or
// changing a role takes effect at once.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { DUMMY_HASH, verifyPassword } from "./lib/auth/password";
import { lockMessage } from "./lib/auth/throttle";
import { getAuthSecret } from "./db/auth-secret";
import { getDb } from "./db/client";
import { clearFailures, lockedForMs, recordFailure } from "./db/login-throttle";
import { findUserByLogin, isUsable, normalizeLogin } from "./db/users";
import { writeAudit } from "./db/audit";

/** Shown for a wrong login name or password alike, so the message does not reveal which one. */
export const WRONG_CREDENTIALS = "用户名或密码错误";
export const ACCOUNT_DISABLED = "该账号已停用，请联系系统管理员";

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

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

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
    // The token's subject is the user id (set by next-auth from authorize()); expose only that.
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused(WRONG_CREDENTIALS);
        const db = getDb();
        const login = normalizeLogin(parsed.data.login);
        const locked = lockedForMs(db, login);
        if (locked > 0) throw new SignInRefused(lockMessage(locked));
        const user = findUserByLogin(db, login);
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok) {
          const state = recordFailure(db, login);
          if (user) writeAudit(db, { actorId: user.id, action: "auth.failure", entityType: "user", entityId: user.id, agencyId: user.agencyId, after: { failures: state.failures } });
          if (state.lockedUntil) throw new SignInRefused(lockMessage(state.lockedUntil - Date.now()));
          throw new SignInRefused(WRONG_CREDENTIALS);
        }
        if (!isUsable(user)) throw new SignInRefused(ACCOUNT_DISABLED);
        clearFailures(db, login);
        writeAudit(db, { actorId: user.id, action: "auth.signin", entityType: "user", entityId: user.id, agencyId: user.agencyId });
        return { id: String(user.id), name: user.displayName };
      },
    }),
  ],
}));
