// POST { year, agencyIds, message? }: the supervising office 催办 one or many subordinate agencies.
// Records each 催办 with its time and a notice to every drafter and reviewer of the agency (in one
// transaction), then — when an SMTP server is configured — e-mails those who have an address, in
// the background; the outcome is recorded on the 催办 and shown on the dashboard.
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { mailConfigured, sendMails } from "@/app/_server/mailer";
import { originFrom } from "@/app/_server/origin";
import { getDb } from "@/db/client";
import { createUrges, recordUrgeMail } from "@/db/notices";
import { urgeMail, urgeRequestSchema } from "@/lib/office/urge";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async function urgeHandler(req: Request) {
  const guard = await requireApiUser({ roles: ["supervisor", "admin"] });
  if (!guard.ok) return guard.response;
  const raw = await readJsonBody(req, 100_000);
  if (!raw.ok) return raw.response;
  const parsed = urgeRequestSchema.safeParse(raw.value);
  if (!parsed.success) return jsonError(422, "invalid", parsed.error.issues[0]?.message ?? "请求格式不正确");
  const db = getDb();
  const outcome = createUrges(db, guard.user, parsed.data);
  if (!outcome.ok) return jsonError(outcome.status, "refused", outcome.reason);
  const mailing = mailConfigured() && outcome.sent.some((s) => s.emails.length > 0);
  if (mailing) {
    const origin = originFrom(req.headers);
    // Not awaited: an unreachable SMTP server must not hold the office's request (timeouts bound it).
    void (async () => {
      for (const s of outcome.sent) {
        if (!s.emails.length) continue;
        const m = urgeMail({ officeName: outcome.officeName, agencyName: s.agencyName, year: parsed.data.year, message: outcome.message, link: s.reportId != null ? `${origin}/reports/${s.reportId}` : `${origin}/reports` });
        const r = await sendMails([{ to: s.emails, ...m }]);
        try {
          recordUrgeMail(db, s.urgeId, r.sent, r.error);
        } catch (e) {
          console.error("记录催办邮件结果失败", e);
        }
      }
    })();
  }
  return jsonResponse(200, { ok: true, agencies: outcome.agencies, notices: outcome.notices, mail: mailing ? "sending" : mailConfigured() ? "no-address" : "off" });
});
