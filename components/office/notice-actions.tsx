"use client";
// 标为已读 for one notice or all of the user's notices (the 待办 page).
import { useRouter } from "next/navigation";
import { useState } from "react";

export function MarkRead({ id, label = "标为已读" }: { id: number | "all"; label?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function mark() {
    const res = await fetch("/api/notices/read", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(id === "all" ? { all: true } : { id }) }).catch(() => null);
    if (!res || !res.ok) setError("操作失败，请重试");
    else router.refresh();
  }
  return (
    <>
      <button type="button" className="secondary small" onClick={mark}>
        {label}
      </button>
      {error ? (
        <span role="alert" className="small">
          {error}
        </span>
      ) : null}
    </>
  );
}
