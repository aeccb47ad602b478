// 催办 (a reminder from the supervising office to its subordinate agencies): the request's shape,
// the default message and the e-mail text. Pure: db/notices.ts records it, app/ sends the mail.
import { z } from "zod";

/** The most agencies one 催办 may name (a province has thousands; the UI sends what is selected). */
export const MAX_URGE_AGENCIES = 5000;
export const MAX_URGE_MESSAGE = 500;

export const urgeRequestSchema = z.object({
  year: z.number().int().min(2008).max(2100),
  agencyIds: z
    .array(z.number().int().positive())
    .min(1, "请至少选择一个单位")
    .max(MAX_URGE_AGENCIES, `一次最多催办 ${MAX_URGE_AGENCIES} 个单位`),
  message: z.string().trim().max(MAX_URGE_MESSAGE, `催办说明最多 ${MAX_URGE_MESSAGE} 个字`).optional(),
});
export type UrgeRequest = z.infer<typeof urgeRequestSchema>;

/** What the notice says when the office wrote nothing of its own. */
export function defaultUrgeMessage(year: number): string {
  return `请抓紧完成 ${year} 年度政府信息公开工作年度报告的填报、审核和发布（法定期限：${year + 1}年1月31日）。`;
}

export function urgeTitle(officeName: string | null, year: number): string {
  return `${officeName ?? "主管部门"}催办 ${year} 年度报告`;
}

/** The plain-text e-mail sent with a 催办 (no HTML: nothing of the message is interpreted). */
export function urgeMail(opts: { officeName: string | null; agencyName: string; year: number; message: string; link: string | null }): { subject: string; text: string } {
  const lines = [`${opts.agencyName}：`, "", opts.message, ""];
  if (opts.link) lines.push(`打开年报：${opts.link}`, "");
  lines.push(`—— ${opts.officeName ?? "主管部门"}（年报系统自动发送，请勿直接回复）`);
  return { subject: `【催办】${opts.agencyName} ${opts.year} 年度政府信息公开工作年度报告`, text: lines.join("\n") };
}

/** A simple, bounded check of an e-mail address (the SMTP server is the real judge). */
export function isEmailAddress(s: string): boolean {
  return s.length <= 254 && /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(s);
}
