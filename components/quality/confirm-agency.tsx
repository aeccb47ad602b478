"use client";
// The confirmation step for a file whose agency is not certain: choose the agency, the run is checked again.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

export function ConfirmAgency({ runId, itemId, agencies, current }: { runId: number; itemId: number; agencies: { id: number; name: string }[]; current?: number }) {
  const router = useRouter();
  const id = useId();
  const [agencyId, setAgencyId] = useState(current ? String(current) : "");
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="inline-form">
      <label htmlFor={id}>所属单位</label>{" "}
      <select id={id} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
        <option value="">请选择</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>{" "}
      <button
        type="button"
        className="small"
        disabled={!agencyId}
        onClick={async () => {
          setError(null);
          const res = await fetch(`/api/oversight/quality/${runId}/confirm`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ itemId, agencyId: Number(agencyId) }) });
          const body = await res.json().catch(() => ({}));
          if (!res.ok) setError(body.error ?? "确认失败");
          else router.push(`/oversight/quality/${runId}`);
        }}
      >
        确认并重新检查
      </button>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
