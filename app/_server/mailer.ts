// Optional e-mail through an SMTP server (催办). Configured by NIANBAO_SMTP_URL
// (smtp://user:pass@host:587 or smtps://…) and NIANBAO_MAIL_FROM; without them no mail is sent and
// the in-app notice is the only channel. Sending never blocks a request: the caller records the
// outcome when the SMTP conversation is over.
import "server-only";
import nodemailer from "nodemailer";

export function mailConfigured(): boolean {
  return Boolean(process.env.NIANBAO_SMTP_URL);
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

/** Sends each mail; resolves with how many the server accepted and the first error (Chinese). */
export async function sendMails(mails: readonly OutgoingMail[]): Promise<{ sent: number; error: string | null }> {
  const url = process.env.NIANBAO_SMTP_URL;
  if (!url) return { sent: 0, error: null };
  const from = process.env.NIANBAO_MAIL_FROM || "nianbao@localhost";
  const transport = nodemailer.createTransport({ url, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10000 });
  let sent = 0;
  let error: string | null = null;
  try {
    for (const m of mails) {
      if (!m.to.length) continue;
      try {
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
        sent += m.to.length;
      } catch (e) {
        console.error("催办邮件发送失败", e);
        error ??= "邮件发送失败（邮件服务器不可用或拒收），站内通知已送达";
      }
    }
  } finally {
    transport.close();
  }
  return { sent, error };
}
