// POST /api/auth/sign-out (退出登录; with scope=all 退出所有设备): a plain HTML form posts here, so
// the button works from the first paint — before the page's scripts have run or while a busy machine
// is still hydrating. (A server-action form submitted during hydration is queued by React until
// hydration ends: on a loaded office PC the click seemed to do nothing for seconds.) The proxy's
// origin check (lib/auth/csrf.ts) refuses a cross-site post; the session is revoked on the server,
// the cookie cleared, and the browser sent to the sign-in page with 303 (a GET).
import { signOut } from "@/auth";
import { defineRoute } from "@/app/_server/edge";
import { writeAudit } from "@/db/audit";
import { revokeAllSessions, revokeSession } from "@/db/sessions";
import { run } from "@/db/store";
import { transaction } from "@/db/unit";

export const dynamic = "force-dynamic";

// Anyone may sign out: no session is required (without one there is nothing to revoke).
export const POST = defineRoute({ session: "optional", upload: { as: "bytes", limit: 1_000, tooLarge: "请求内容过大" } }, async ({ user, upload }) => {
  const everywhere = new URLSearchParams(new TextDecoder().decode(upload)).get("scope") === "all";
  if (user) {
    await run(
      transaction(function* () {
        if (everywhere) {
          const n = yield* revokeAllSessions(user.id);
          yield* writeAudit({ actorId: user.id, action: "auth.signout_all", entityType: "user", entityId: user.id, agencyId: user.agencyId, after: { sessions: n } });
        } else {
          yield* revokeSession(user.sessionId);
          yield* writeAudit({ actorId: user.id, action: "auth.signout", entityType: "user", entityId: user.id, agencyId: user.agencyId });
        }
      }),
    );
  }
  await signOut({ redirect: false });
  // A relative Location: right behind a reverse proxy whatever host name the browser used.
  return new Response(null, { status: 303, headers: { location: "/login", "cache-control": "no-store" } });
});
