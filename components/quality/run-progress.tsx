"use client";
// The progress of a running check: polls the server (the progress is in the database, so it is
// right whichever server answers and after a restart), offers to cancel, and reloads the page's
// results when the run ends.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export interface Progress {
  status: "running" | "done" | "failed" | "cancelled";
  total: number;
  done: number;
  message: string | null;
}

const STATUS: Record<Progress["status"], string> = { running: "正在检查", done: "检查完成", failed: "检查失败", cancelled: "已取消" };

export function RunProgress({ runId, initial }: { runId: number; initial: Progress }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (p.status !== "running") return;
    const t = setTimeout(async () => {
      try {
        const res = await fetch(`/api/oversight/quality/${runId}`, { cache: "no-store" });
        const body = await res.json().catch(() => ({}));
        if (!res.ok) {
          setError(body.error ?? `无法获取进度（${res.status}）`);
          return;
        }
        setP({ status: body.status, total: body.total, done: body.done, message: body.message });
        if (body.status !== "running") router.refresh();
      } catch {
        setError("无法连接服务器，稍后自动重试");
        setP((x) => ({ ...x }));
      }
    }, 1000);
    return () => clearTimeout(t);
  }, [p, runId, router]);
  const pct = p.total ? Math.round((100 * p.done) / p.total) : 100;
  return (
    <div className="card" data-testid="run-progress" data-status={p.status}>
      <p style={{ marginTop: 0 }}>
        <strong>{STATUS[p.status]}</strong>：已检查 {p.done} / {p.total} 份年报（{pct}%）{p.message ? `。${p.message}` : ""}
      </p>
      <progress max={p.total || 1} value={p.done} aria-label="检查进度" style={{ width: "100%" }} />
      {p.status === "running" ? (
        <button
          type="button"
          className="small"
          onClick={async () => {
            const res = await fetch(`/api/oversight/quality/${runId}/cancel`, { method: "POST" });
            const body = await res.json().catch(() => ({}));
            if (!res.ok) setError(body.error ?? "无法取消");
            else {
              setP((x) => ({ ...x, status: "cancelled" }));
              router.refresh();
            }
          }}
        >
          取消检查
        </button>
      ) : null}
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
