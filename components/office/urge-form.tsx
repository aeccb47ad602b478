"use client";
// 催办 on the supervisor's dashboard: the office ticks agencies in the table (their checkboxes
// belong to this form through the form="urge-form" attribute) and sends a reminder to all of them.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import s from "./office.module.css";

export const URGE_FORM_ID = "urge-form";

export function UrgeForm({ year, mailOn }: { year: number; mailOn: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React has taken over, a click would only reload the page.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  function boxes(): HTMLInputElement[] {
    return [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${URGE_FORM_ID}"][name="agency"]`)];
  }

  function selectAll(on: boolean, onlyOverdue = false) {
    for (const b of boxes()) b.checked = on && (!onlyOverdue || b.dataset.overdue === "1");
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const agencyIds = boxes()
      .filter((b) => b.checked)
      .map((b) => Number(b.value));
    if (!agencyIds.length) {
      setResult({ ok: false, text: "请先在下表中勾选要催办的单位" });
      return;
    }
    setBusy(true);
    setResult(null);
    const res = await fetch("/api/oversight/urge", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ year, agencyIds, message: message.trim() || undefined }),
    }).catch(() => null);
    setBusy(false);
    const body = (await res?.json().catch(() => null)) as { ok?: boolean; error?: string; agencies?: number; notices?: number; mail?: string } | null;
    if (!res || !res.ok || !body?.ok) {
      setResult({ ok: false, text: body?.error ?? "催办失败，请检查网络后重试" });
      return;
    }
    const mail = body.mail === "sending" ? "，邮件正在发送" : body.mail === "no-address" ? "（所选单位的人员未登记邮箱，未发邮件）" : "";
    setResult({ ok: true, text: `已催办 ${body.agencies} 个单位，站内通知 ${body.notices} 人${mail}` });
    selectAll(false);
    setMessage("");
    router.refresh();
  }

  return (
    <form id={URGE_FORM_ID} className={`card ${s.urge}`} onSubmit={submit} aria-labelledby="urge-h" data-testid="urge-form" noValidate>
      <h2 id="urge-h" className={s.h}>
        催办
      </h2>
      <p className="small muted">
        在下表勾选单位（可多选；单位多时下表分页，勾选只在本页有效），向其填报人和审核人发送站内通知{mailOn ? "，并向已登记邮箱的人员发送邮件" : ""}。每次催办记录时间，显示在下表“最近催办”列。
      </p>
      <div className={s.row}>
        <button type="button" className="secondary small" onClick={() => selectAll(true)}>
          全选本页
        </button>
        <button type="button" className="secondary small" onClick={() => selectAll(true, true)}>
          选中本页逾期单位
        </button>
        <button type="button" className="secondary small" onClick={() => selectAll(false)}>
          清除选择
        </button>
      </div>
      <label>
        催办说明（可不填，默认提醒法定发布期限）
        <textarea name="message" maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
      </label>
      <div className={s.row}>
        <button type="submit" disabled={busy || !live}>
          催办所选单位
        </button>
        {result ? (
          <span role={result.ok ? "status" : "alert"} className={`alert ${result.ok ? "ok" : "error"} small`} data-testid="urge-result">
            {result.text}
          </span>
        ) : null}
      </div>
    </form>
  );
}
