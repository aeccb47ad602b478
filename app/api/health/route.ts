// Liveness and database check for operators and load balancers. No session needed; reveals nothing
// beyond "usable or not" and a short reason.
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

export function GET() {
  try {
    const db = getDb();
    const row = db.$client.prepare("select count(*) as n from agencies").get() as { n: number } | undefined;
    if (!row) throw new Error("无法读取数据库");
    return Response.json({ ok: true, db: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return Response.json({ ok: false, db: "error", reason: `数据库不可用：${reason}` }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
