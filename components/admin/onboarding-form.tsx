"use client";
// 批量导入单位和用户: choose the file(s) → 检查 (nothing written; every row's problem listed) →
// 确认导入 (checked again, written in one transaction) → 账号开通清单 with the generated initial
// passwords, downloadable once.
import { useRef, useState, useTransition } from "react";
import type { Credential } from "@/db/onboarding";
import type { ActionResult } from "@/lib/action-result";
import type { Problem } from "@/lib/onboarding/validate";
import { ROLE_LABELS, type RoleId } from "@/lib/auth/roles";

/** What 检查 and 确认导入 answer (app/(app)/admin/onboarding/actions.ts). */
export interface OnboardingOutcome {
  mode: "check" | "commit";
  problems: Problem[];
  problemCount: number;
  agencies: number;
  users: number;
  /** After an import: each new account's generated initial password, shown once. */
  credentials?: Credential[];
  /** First rows of what would be created (dry run). */
  preview?: { agencies: { row: number; name: string; code: string; parentCode: string | null }[]; users: { row: number; login: string; displayName: string; role: string; agencyCode: string | null }[] };
}

const MAX_BYTES = 900_000;

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function downloadCsv(name: string, rows: string[][]): void {
  const text = `\ufeff${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const roleLabel = (r: string) => ROLE_LABELS[r as RoleId] ?? r;

export function OnboardingForm({ action }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<OnboardingOutcome>> }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ActionResult<OnboardingOutcome> | null>(null);
  const [checkedFiles, setCheckedFiles] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"check" | "commit" | null>(null);

  const send = (mode: "check" | "commit") => {
    const files = [...(input.current?.files ?? [])];
    if (!files.length) return setResult({ ok: false, error: "请选择要导入的文件（.xlsx 或 .csv）" });
    const size = files.reduce((n, f) => n + f.size, 0);
    if (size > MAX_BYTES) return setResult({ ok: false, error: `文件过大（${Math.round(size / 1000)} KB），上限 ${MAX_BYTES / 1000} KB；请分批导入` });
    const data = new FormData();
    for (const f of files) data.append("files", f);
    data.set("mode", mode);
    const key = files.map((f) => `${f.name}:${f.size}:${f.lastModified}`).join("|");
    setRunning(mode);
    startTransition(async () => {
      try {
        const r = await action(null, data);
        setResult(r);
        setCheckedFiles(r.ok && r.data?.mode === "check" && r.data.problemCount === 0 ? key : null);
      } catch {
        setResult({ ok: false, error: "提交失败：无法连接服务器、文件过大或服务器出错，请稍后重试" });
      }
      setRunning(null);
    });
  };

  const outcome = result?.ok ? result.data : undefined;
  const currentKey = () => [...(input.current?.files ?? [])].map((f) => `${f.name}:${f.size}:${f.lastModified}`).join("|");
  return (
    <div>
      <div className="card">
        <label>
          导入文件（Excel 工作簿 .xlsx，或单位、用户两个 .csv 文件）
          <input ref={input} type="file" name="files" multiple accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={() => setCheckedFiles(null)} />
        </label>
        <p style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
          <button type="button" onClick={() => send("check")} disabled={pending}>
            {running === "check" ? "正在检查…" : "检查（不写入）"}
          </button>
          <button type="button" className="secondary" onClick={() => send("commit")} disabled={pending || checkedFiles === null || checkedFiles !== currentKey()}>
            {running === "commit" ? "正在导入…" : "确认导入"}
          </button>
        </p>
        <p className="hint small">先检查：系统逐行列出问题，不写入任何数据。检查全部通过后，「确认导入」在一次操作中写入全部单位和用户（再次检查，如有变化则不写入）。</p>
      </div>
      <div aria-live="polite" data-testid="onboarding-result">
        {result && !result.ok ? (
          <p className="alert error" role="alert">
            {result.error}
          </p>
        ) : null}
        {outcome && outcome.mode === "check" && outcome.problemCount > 0 ? (
          <section className="card" aria-labelledby="problems-heading">
            <h2 id="problems-heading" style={{ marginTop: 0 }}>
              发现 {outcome.problemCount} 个问题，未写入任何数据
            </h2>
            <p>请在文件中逐一修改后重新检查。没有问题的 {outcome.agencies} 个单位、{outcome.users} 个用户也暂不导入。</p>
            <p>
              <button type="button" className="secondary" onClick={() => downloadCsv("导入问题清单.csv", [["表", "行号", "问题"], ...outcome.problems.map((p) => [p.sheet, p.row ? String(p.row) : "", p.message])])}>
                下载问题清单（CSV）
              </button>
            </p>
            <table className="list" data-testid="problems">
              <thead>
                <tr>
                  <th scope="col">表</th>
                  <th scope="col">行号</th>
                  <th scope="col">问题</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.sheet}</td>
                    <td>{p.row ? `第 ${p.row} 行` : "—"}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {outcome.problemCount > outcome.problems.length ? <p className="muted">另有 {outcome.problemCount - outcome.problems.length} 个问题未列出。</p> : null}
          </section>
        ) : null}
        {outcome && outcome.mode === "check" && outcome.problemCount === 0 ? (
          <section className="card" aria-labelledby="ok-heading" data-testid="check-ok">
            <h2 id="ok-heading" style={{ marginTop: 0 }}>
              检查通过：将新建 {outcome.agencies} 个单位、{outcome.users} 个用户
            </h2>
            <p>尚未写入任何数据。核对无误后点击「确认导入」。</p>
            {outcome.preview?.agencies.length ? (
              <table className="list" aria-label="将新建的单位（前 20 个）">
                <thead>
                  <tr>
                    <th scope="col">行号</th>
                    <th scope="col">单位名称</th>
                    <th scope="col">单位代码</th>
                    <th scope="col">上级单位代码</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.preview.agencies.map((a) => (
                    <tr key={a.code}>
                      <td>{a.row}</td>
                      <td>{a.name}</td>
                      <td>{a.code}</td>
                      <td>{a.parentCode ?? "（最上级）"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
        ) : null}
        {outcome && outcome.mode === "commit" && outcome.credentials ? (
          <section className="card" aria-labelledby="done-heading" data-testid="commit-ok">
            <h2 id="done-heading" style={{ marginTop: 0 }}>
              已导入 {outcome.agencies} 个单位、{outcome.users} 个用户
            </h2>
            {outcome.credentials.length ? (
              <>
                <p className="alert" role="note">
                  初始密码由系统随机生成，只在此显示一次，系统不保存明文。请立即下载账号开通清单，分别交给各用户；用户首次登录时须修改密码。
                </p>
                <p>
                  <button type="button" onClick={() => downloadCsv("账号开通清单.csv", [["用户名", "姓名", "角色", "所属单位", "初始密码"], ...outcome.credentials!.map((c) => [c.login, c.displayName, roleLabel(c.role), c.agencyName, c.password])])}>
                    下载账号开通清单（CSV）
                  </button>
                </p>
              </>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}
