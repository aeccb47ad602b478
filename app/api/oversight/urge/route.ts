// POST { year, agencyIds, message? }: the supervising office 催办 one or many subordinate agencies.
// Records each 催办 with its time and a notice to every drafter and reviewer of the agency (in one
// transaction), then — when an SMTP server is configured — e-mails those who have an address, in
// the background; the outcome is recorded on the 催办 and shown on the dashboard.
import { defineRoute, fail, refused } from "@/app/_server/edge";
import { mailConfigured, sendMails } from "@/app/_server/mailer";
import { originFrom } from "@/app/_server/origin";
import { createUrges, recordUrgeMail } from "@/db/notices";
import { run } from "@/db/store";
import { urgeMail, urgeRequestSchema } from "@/lib/office/urge";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

const badBody = (issues: readonly { message: string }[]) => fail("invalid", issues[0]?.message ?? "请求格式不正确");

export const POST = defineRoute({ roles: rolesFor("oversee"), body: urgeRequestSchema, bodyLimit: 100_000, badBody }, async ({ req, user, body, write }) => {
  const outcome = await write(() => run(createUrges(user, body)));
  if (!outcome.ok) return refused(outcome);
  const mailing = mailConfigured() && outcome.sent.some((s) => s.emails.length > 0);
  if (mailing) {
    const origin = originFrom(req.headers);
    // Not awaited: an unreachable SMTP server must not hold the office's request (timeouts bound it).
    void (async () => {
      for (const s of outcome.sent) {
        if (!s.emails.length) continue;
        const m = urgeMail({ officeName: outcome.officeName, agencyName: s.agencyName, year: body.year, message: outcome.message, link: s.reportId != null ? `${origin}/reports/${s.reportId}` : `${origin}/reports` });
        const r = await sendMails([{ to: s.emails, ...m }]);
        try {
          await run(recordUrgeMail(s.urgeId, r.sent, r.error));
        } catch (e) {
          console.error("记录催办邮件结果失败", e);
        }
      }
    })();
  }
  return { ok: true, agencies: outcome.agencies, notices: outcome.notices, mail: mailing ? "sending" : mailConfigured() ? "no-address" : "off" };
});
