// The autosave's request (PUT /api/reports/[id]) and the reading of its answer, for use-autosave.ts:
// fetched with the rule engine on the editor's first use (rules-loader.ts), or at the first save at
// the latest — the page's first load carries neither the request nor the answer's checks.
import { apiError, MALFORMED_ANSWER, readAnswer, saveConflict, saveResponse } from "@/lib/api/save-answers";
import type { ReportDoc } from "@/lib/data/types";
import type { ValidationResult } from "@/lib/rules/types";
import type { ConflictInfo } from "./use-autosave";

export type SaveOutcome =
  | { kind: "saved"; version: number; validation: ValidationResult }
  | { kind: "conflict"; conflict: ConflictInfo }
  /** Worth trying again (a server error, a busy server, an answer not the contract's). */
  | { kind: "retry"; message: string }
  /** 401/403/413/422/423: retrying cannot help. */
  | { kind: "failed"; message: string };

/** Saves `doc` over `version`. Rejects when the request does not get through (connection lost). */
export async function putReport(reportId: number, version: number, doc: ReportDoc): Promise<SaveOutcome> {
  const res = await fetch(`/api/reports/${reportId}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ version, data: doc }),
  });
  const body: unknown = await res.json().catch(() => ({}));
  const saved = res.ok ? readAnswer(saveResponse, body) : null;
  // Not the contract's answer (a proxy's page, a half-written body): the save is not confirmed.
  if (res.ok && !saved) return { kind: "retry", message: MALFORMED_ANSWER };
  if (saved) return { kind: "saved", version: saved.version, validation: saved.validation };
  const conflict = res.status === 409 ? readAnswer(saveConflict, body) : null;
  if (conflict) return { kind: "conflict", conflict: { ...conflict.current, message: conflict.error } };
  if (res.status >= 500 || res.status === 429) return { kind: "retry", message: `服务器暂时无法保存（${res.status}）` };
  return { kind: "failed", message: readAnswer(apiError, body)?.error ?? `保存失败（${res.status}）` };
}
