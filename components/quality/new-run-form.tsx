"use client";
// Starting a quality check: the report year, the published files (many at once, or one .zip) and,
// optionally, the office's own scoring scheme (a JSON file like lib/quality/scoring.json).
import { useRouter } from "next/navigation";
import { useState } from "react";

export function NewRunForm({ years, year }: { years: number[]; year: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="stack"
      style={{ maxWidth: "none" }}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const res = await fetch("/api/oversight/quality", { method: "POST", body: new FormData(e.currentTarget) });
          const body = await res.json().catch(() => ({}));
          if (!res.ok) setError(body.error ?? `无法开始检查（${res.status}）`);
          else router.push(`/oversight/quality/${body.runId}`);
        } catch {
          setError("无法连接服务器，请稍后重试");
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        报告年度
        <select name="year" defaultValue={year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y} 年度
            </option>
          ))}
        </select>
      </label>
      <label>
        其他渠道发布的年报文件（可多选 .html、.docx、.pdf、.txt，或一个 .zip 压缩包；不选则只检查本系统中已发布的年报）
        <input type="file" name="files" multiple accept=".zip,.docx,.html,.htm,.txt,.pdf,application/zip,text/html,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
      </label>
      <label>
        门户网站上已发布年报的网址（可选，每行一个；由服务器直接获取，服务器须能访问门户网站）
        <textarea name="urls" rows={3} placeholder="https://www.example.gov.cn/zwgk/ndbg/2024.html" />
      </label>
      <label>
        评分办法（可选，JSON 文件；不选则用默认评分办法）
        <input type="file" name="scheme" accept=".json,application/json" />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "正在上传…" : "开始检查"}
      </button>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
