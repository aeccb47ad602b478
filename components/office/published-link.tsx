"use client";
// After 发布: the report's public address with a copy button and a QR code, and 回填发布地址 — where
// the agency published it on its own portal. The QR image is drawn on the server (an SVG data URL).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { checkPortalUrl } from "@/lib/office/portal";
import s from "./office.module.css";

export function PublishedLink({ reportId, publicUrl, qrDataUrl, portalUrl, canRecord }: { reportId: number; publicUrl: string; qrDataUrl: string; portalUrl: string | null; canRecord: boolean }) {
  const router = useRouter();
  const [copied, setCopied] = useState<string | null>(null);
  const [value, setValue] = useState(portalUrl ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React has taken over, a click would only reload the page.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  async function copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(publicUrl);
      ok = true;
    } catch {
      // Older kernels or http pages without clipboard access: select the text for Ctrl+C instead.
      const el = document.getElementById(`public-url-${reportId}`);
      const sel = window.getSelection();
      if (el && sel) {
        const range = document.createRange();
        range.selectNodeContents(el);
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }
    setCopied(ok ? "已复制公开地址" : "已选中地址，请按 Ctrl+C 复制");
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    // The same check as the server's, at once (the server checks again).
    const checked = checkPortalUrl(value);
    if (!checked.ok) {
      setMessage({ ok: false, text: checked.error });
      return;
    }
    setBusy(true);
    setMessage(null);
    const res = await fetch(`/api/reports/${reportId}/portal-url`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: value }) }).catch(() => null);
    setBusy(false);
    const body = (await res?.json().catch(() => null)) as { ok?: boolean; error?: string; url?: string | null } | null;
    if (!res || !res.ok || !body?.ok) {
      setMessage({ ok: false, text: body?.error ?? "保存失败，请检查网络后重试" });
      return;
    }
    setValue(body.url ?? "");
    setMessage({ ok: true, text: body.url ? "发布地址已保存" : "发布地址已清除" });
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby="published-link-h" data-testid="published-link">
      <h2 id="published-link-h" className={s.h}>
        发布地址
      </h2>
      <div className={s.published}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img className={s.qr} src={qrDataUrl} alt={`公开地址二维码：${publicUrl}`} width={132} height={132} data-testid="public-qr" />
        <div className={s.info}>
          <div>
            公开地址（无需登录）：
            <a id={`public-url-${reportId}`} className={s.url} href={publicUrl} data-testid="public-url">
              {publicUrl}
            </a>
          </div>
          <div className={s.row}>
            <button type="button" className="secondary small" onClick={copy}>
              复制地址
            </button>
            <span role="status" className="small">
              {copied}
            </span>
          </div>
          {canRecord ? (
            <form className={s.row} onSubmit={save} aria-label="回填发布地址" noValidate>
              <label htmlFor={`portal-url-${reportId}`}>本单位门户网站上的发布地址</label>
              <input id={`portal-url-${reportId}`} type="url" inputMode="url" maxLength={500} placeholder="https://www.…gov.cn/…" value={value} onChange={(e) => setValue(e.target.value)} />
              <button type="submit" className="small" disabled={busy || !live}>
                回填发布地址
              </button>
            </form>
          ) : null}
          {!canRecord && portalUrl ? (
            <div>
              门户网站发布地址：
              <a className={s.url} href={portalUrl} rel="noopener noreferrer" data-testid="portal-url">
                {portalUrl}
              </a>
            </div>
          ) : null}
          {canRecord && portalUrl ? (
            <div className="small">
              已回填：
              <a className={s.url} href={portalUrl} rel="noopener noreferrer" data-testid="portal-url">
                {portalUrl}
              </a>
            </div>
          ) : null}
          {message ? (
            <p role={message.ok ? "status" : "alert"} className={`alert ${message.ok ? "ok" : "error"} small`}>
              {message.text}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
