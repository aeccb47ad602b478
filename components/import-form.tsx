"use client";
// Upload of a published report (Word .docx, PDF, web page .html, or text): a statutory-format report
// becomes a new report; an old-style (pre-2019 format) one becomes a read-only archive.
// A report is checked before it is saved (issue 15 §6): 「导入」 reads the file and shows, table by
// table, the printed source beside the values placed; 「确认导入」 saves it. Nothing is stored for
// the check, so abandoning it leaves nothing behind. An archive has no table cells to check and is
// saved at once.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { CheckView } from "@/lib/import/check-view";
import { ImportCheckSummary, ImportCheckTables } from "./import/import-check";

type Note = { message: string };
type Done =
  | { type: "report"; id: number; year: number; warnings: Note[]; unrecognized: Note[] }
  | { type: "archive"; id: number; year: number; replaced: number | null; statutoryReportId: number | null; legacyReason: string; warnings: Note[]; unrecognized: Note[] };
type Check = { checked: string; kind: "report" | "archive"; year: number; edition?: string; view?: CheckView; otherAgency?: string; warnings: Note[]; unrecognized: Note[] };

const FILE_LABEL = "已发布的年报文件（.docx、.pdf、.html 或 .txt）";

export function ImportForm() {
  const router = useRouter();
  const [hydrated, setHydrated] = useState(false);
  const [busy, setBusy] = useState<"check" | "save" | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Replacing an archive is offered only once the server said there is one.
  const [offerReplace, setOfferReplace] = useState(false);
  const [offerArchive, setOfferArchive] = useState(false);
  const [check, setCheck] = useState<Check | null>(null);
  const [agencyConfirmed, setAgencyConfirmed] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  // The form as it was checked: what 「确认导入」 sends (with the check's token).
  const checkedForm = useRef<FormData | null>(null);
  const checkTitle = useRef<HTMLHeadingElement>(null);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (check) checkTitle.current?.focus();
  }, [check]);
  const notes = done ? [...done.warnings, ...done.unrecognized] : [];

  const save = async (form: FormData) => {
    setBusy("save");
    setError(null);
    try {
      const res = await fetch("/api/reports/import", { method: "POST", body: form });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        setError(body.error ?? `导入失败（${res.status}）`);
        if (body.code === "archive_exists") setOfferReplace(true);
        if (body.code === "exists") setOfferArchive(true);
        setCheck(null);
      } else {
        setDone(body);
        setCheck(null);
        setOfferReplace(false);
        // The list on this page shows the new report without a reload.
        router.refresh();
      }
    } catch {
      setError("无法连接服务器，请稍后重试");
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="stack"
      style={{ maxWidth: "none" }}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy("check");
        setError(null);
        setDone(null);
        setCheck(null);
        setAgencyConfirmed(false);
        form.set("step", "check");
        try {
          const res = await fetch("/api/reports/import", { method: "POST", body: form });
          const body = await res.json().catch(() => ({}));
          if (!res.ok) {
            setError(body.error ?? `导入失败（${res.status}）`);
            setBusy(null);
            return;
          }
          form.delete("step");
          form.set("checked", body.checked);
          checkedForm.current = form;
          if (body.kind === "archive") {
            // An old-style report has no table cells to check: it is kept as printed, read-only.
            await save(form);
            return;
          }
          setCheck(body);
          setBusy(null);
        } catch {
          setError("无法连接服务器，请稍后重试");
          setBusy(null);
        }
      }}
    >
      <label>
        {FILE_LABEL}
        <input
          type="file"
          name="file"
          accept=".docx,.pdf,.html,.htm,.txt,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          required
          onChange={() => setCheck(null)}
        />
      </label>
      <label>
        年度（文件中未写明时才需填写）
        <input type="text" name="year" inputMode="numeric" placeholder="如 2023" onChange={() => setCheck(null)} />
      </label>
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
      {/* Until the page's script runs, a click could not show the check: the button waits for it. */}
      <button type="submit" disabled={busy !== null || !hydrated}>
        {busy === "check" ? "正在读取…" : busy === "save" ? "正在导入…" : "导入"}
      </button>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {check?.view ? (
        <section className="card" data-testid="import-result" data-phase="check" aria-labelledby="import-check-title">
          <h3 id="import-check-title" tabIndex={-1} ref={checkTitle}>
            导入前核对：{check.year} 年度年报（{check.edition} 年版格式）
          </h3>
          <p className="small muted">左侧是文件中的原文及其位置，右侧是将填入年报各栏目的数值。核对无误后点击「确认导入」；不导入可直接离开或重新选择文件，不会保存任何内容。</p>
          <ImportCheckSummary view={check.view} notes={[...check.warnings, ...check.unrecognized]} />
          {check.otherAgency ? (
            <div className="alert warn">
              <p>{check.otherAgency}。</p>
              <label className="checkbox">
                <input type="checkbox" name="confirmAgency" checked={agencyConfirmed} onChange={(e) => setAgencyConfirmed(e.currentTarget.checked)} /> 确认导入为本单位年报（文件中的单位名称与本单位不同）
              </label>
            </div>
          ) : null}
          <p>
            <button
              type="button"
              disabled={busy !== null || (check.otherAgency !== undefined && !agencyConfirmed)}
              onClick={() => {
                const form = checkedForm.current;
                if (!form) return;
                if (agencyConfirmed) form.set("confirmAgency", "on");
                void save(form);
              }}
            >
              {busy === "save" ? "正在导入…" : "确认导入"}
            </button>{" "}
            <button type="button" className="secondary" disabled={busy !== null} onClick={() => setCheck(null)}>
              放弃
            </button>
          </p>
          <ImportCheckTables view={check.view} />
        </section>
      ) : null}
      {done ? (
        <div className="alert ok" role="status" data-testid="import-result" data-phase="done">
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
