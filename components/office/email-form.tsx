"use client";
// 接收催办邮件的邮箱: a drafter's or reviewer's own address for 催办 e-mail (the 待办 page).
import { useEffect, useState } from "react";
import { isEmailAddress } from "@/lib/office/urge";
import s from "./office.module.css";

export function EmailForm({ email, mailOn }: { email: string | null; mailOn: boolean }) {
  const [value, setValue] = useState(email ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Until React has taken over, a click would only reload the page.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (v && !isEmailAddress(v)) {
      setMessage({ ok: false, text: "邮箱地址格式不正确，例如 wangmin@example.gov.cn" });
      return;
    }
    const res = await fetch("/api/notices/email", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: v }) }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
    setMessage(res?.ok && body?.ok ? { ok: true, text: v ? "已保存" : "已清除" } : { ok: false, text: body?.error ?? "保存失败，请重试" });
  }
  return (
    <form className={`card ${s.row}`} onSubmit={save} aria-label="接收催办邮件的邮箱" noValidate>
      <label htmlFor="notice-email">接收催办邮件的邮箱{mailOn ? "" : "（系统未配置邮件服务器时只发站内通知）"}</label>
      <input id="notice-email" type="email" maxLength={254} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="email" className={s.email} />
      <button type="submit" className="small" disabled={!live}>
        保存
      </button>
      {message ? (
        <span role={message.ok ? "status" : "alert"} className="small">
          {message.text}
        </span>
      ) : null}
    </form>
  );
}
