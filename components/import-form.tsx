"use client";
// Upload of a published report (Word .docx, web page .html, or text) into a new report.
import { useRouter } from "next/navigation";
import { useState } from "react";

type Note = { message: string };

export function ImportForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: number; year: number; warnings: Note[]; unrecognized: Note[] } | null>(null);
  return (
    <form
      className="stack"
      style={{ maxWidth: "none" }}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        setDone(null);
        try {
          const res = await fetch("/api/reports/import", { method: "POST", body: new FormData(e.currentTarget) });
          const body = await res.json().catch(() => ({}));
          if (!res.ok) setError(body.error ?? `导入失败（${res.status}）`);
          else setDone(body);
        } catch {
          setError("无法连接服务器，请稍后重试");
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        已发布的年报文件（.docx、.html 或 .txt）
        <input type="file" name="file" accept=".docx,.html,.htm,.txt,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required />
      </label>
      <label>
        年度（文件中未写明时才需填写）
        <input type="text" name="year" inputMode="numeric" placeholder="如 2023" />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "正在导入…" : "导入"}
      </button>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <div className="alert ok" role="status" data-testid="import-result">
          已导入 {done.year} 年度年报（表格数字按原文保留，校验结果见年报页面）。
          {done.warnings.length + done.unrecognized.length ? (
            <ul className="small">
              {[...done.warnings, ...done.unrecognized].slice(0, 20).map((n, i) => (
                <li key={i}>{n.message}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="small" onClick={() => router.push(`/reports/${done.id}`)}>
            打开导入的年报
          </button>
        </div>
      ) : null}
    </form>
  );
}
