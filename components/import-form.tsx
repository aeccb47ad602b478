"use client";
// Upload of a published report (Word .docx, PDF, web page .html, or text): a statutory-format report
// becomes a new report; an old-style (pre-2019 format) one becomes a read-only archive.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importRefusal, importResponse, MALFORMED_ANSWER, readAnswer } from "@/lib/api/answers";

type Note = { message: string };
type Done =
  | { type: "report"; id: number; year: number; warnings: Note[]; unrecognized: Note[] }
  | { type: "archive"; id: number; year: number; replaced: number | null; statutoryReportId: number | null; legacyReason: string; warnings: Note[]; unrecognized: Note[] };

export function ImportForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Replacing an archive is offered only once the server said there is one.
  const [offerReplace, setOfferReplace] = useState(false);
  const [offerArchive, setOfferArchive] = useState(false);
  const [offerConfirmAgency, setOfferConfirmAgency] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const notes = done ? [...done.warnings, ...done.unrecognized] : [];
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
          const body: unknown = await res.json().catch(() => ({}));
          const done = res.ok ? readAnswer(importResponse, body) : null;
          if (!res.ok) {
            const refusal = readAnswer(importRefusal, body);
            setError(refusal?.error ?? `导入失败（${res.status}）`);
            if (refusal?.code === "archive_exists") setOfferReplace(true);
            if (refusal?.code === "exists") setOfferArchive(true);
            if (refusal?.code === "other_agency") setOfferConfirmAgency(true);
          } else if (!done) {
            setError(MALFORMED_ANSWER);
          } else {
            setDone(done);
            setOfferReplace(false);
            setOfferConfirmAgency(false);
            // The list on this page shows the new report without a reload.
            router.refresh();
          }
        } catch {
          setError("无法连接服务器，请稍后重试");
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        已发布的年报文件（.docx、.pdf、.html 或 .txt）
        <input type="file" name="file" accept=".docx,.pdf,.html,.htm,.txt,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required />
      </label>
      <label>
        年度（文件中未写明时才需填写）
        <input type="text" name="year" inputMode="numeric" placeholder="如 2023" />
      </label>
      {offerConfirmAgency ? (
        <label className="checkbox">
          <input type="checkbox" name="confirmAgency" /> 确认导入为本单位年报（文件中的单位名称与本单位不同）
        </label>
      ) : null}
      {offerArchive ? (
        <label className="checkbox">
          <input type="checkbox" name="archive" /> 作为往年归档保存（只读保存该文件的文字，不改变本年度已有的年报）
        </label>
      ) : null}
      {offerReplace ? (
        <label className="checkbox">
          <input type="checkbox" name="replace" /> 替换已有归档（原归档保留在记录中，不会删除）
        </label>
      ) : null}
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
          {done.type === "archive" ? (
            <>
              已将 {done.year} 年度旧式年报存为只读归档{done.replaced ? "（替换了原归档，原归档仍保留在记录中）" : ""}。{done.legacyReason}。
              它将作为本单位 {done.year + 1} 年度年报的上年参考：叙述部分显示在对应章节旁并参与内容雷同检查；旧式年报没有法定统计表格，不作跨年度表格核对。
              {done.statutoryReportId ? ` 注意：本单位 ${done.year} 年度已有法定格式年报，作为参考时以法定格式年报为准。` : ""}
            </>
          ) : (
            <>已导入 {done.year} 年度年报（表格数字按原文保留，校验结果见年报页面）。</>
          )}
          {notes.length ? (
            <ul className="small">
              {notes.slice(0, 20).map((n, i) => (
                <li key={i}>{n.message}</li>
              ))}
            </ul>
          ) : null}
          {done.type === "archive" ? (
            <button type="button" className="small" onClick={() => router.push(`/archives/${done.id}`)}>
              查看归档
            </button>
          ) : (
            <button type="button" className="small" onClick={() => router.push(`/reports/${done.id}`)}>
              打开导入的年报
            </button>
          )}
        </div>
      ) : null}
    </form>
  );
}
