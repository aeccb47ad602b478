// Liveness and database check for operators and load balancers. No session needed; reveals nothing
// beyond "usable or not" and a short reason. "Usable" means a save would work: the database reads,
// takes a write, and has free space (db/health.ts).
import { databasePath } from "@/db/client";
import { checkStorage } from "@/db/health";
import { run } from "@/db/store";

export const dynamic = "force-dynamic";

export async function GET() {
  let result;
  try {
    result = await run(checkStorage(databasePath()));
  } catch (e) {
    result = { ok: false as const, reason: `数据库不可用：${e instanceof Error ? e.message : String(e)}` };
  }
  if (result.ok) return Response.json({ ok: true, db: "ok" }, { headers: { "cache-control": "no-store" } });
  const reason = result.reason.startsWith("数据库不可用") ? result.reason : `数据库不可用：${result.reason}`;
  return Response.json({ ok: false, db: "error", reason }, { status: 503, headers: { "cache-control": "no-store" } });
}
