// Every acknowledged autosave can be rebuilt, byte for byte, from the audit log's compact deltas —
// and each delta stays small (issue 20: ≤ 1 KB per narrative autosave).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCell, type ReportDoc } from "../lib/data";
import { clean2024 } from "../lib/fixtures/load";
import { lcg } from "../bench/support/stats";
import type { Actor } from "../lib/auth/access";
import { replayReportVersions } from "./audit";
import type { Db } from "./client";
import { useTempDb } from "./testing/temp-db";
import { createReport, saveReport } from "./reports";
import { auditLog, reports } from "./schema";
import { findUserByLogin } from "./users";
import { runSqlite } from "./run-sqlite";

let db: Db;
const actor = (login: string): Actor => {
  const u = runSqlite(db, findUserByLogin(login))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};

useTempDb("replay", (d) => (db = d));

const PHRASES = ["本机关认真贯彻落实《中华人民共和国政府信息公开条例》，", "主动公开政府信息 1,234 条，", "“放管服”改革", "\n", "😀 emoji 与 \"引号\" 和 \\ 反斜杠", "。"];

/** A drafter's session: typing bursts in the narratives, deletions, cells, a title. */
function edit(doc: ReportDoc, rnd: () => number, step: number): ReportDoc {
  const next = structuredClone(doc);
  const kind = rnd();
  if (kind < 0.6) {
    const key = (["overview", "problems", "other"] as const)[Math.floor(rnd() * 3)]!;
    const t = next.narrative[key];
    const at = Math.floor(rnd() * (t.length + 1));
    if (rnd() < 0.2 && t.length > 10) next.narrative[key] = t.slice(0, at) + t.slice(Math.min(t.length, at + 1 + Math.floor(rnd() * 30)));
    else next.narrative[key] = t.slice(0, at) + PHRASES[Math.floor(rnd() * PHRASES.length)]! + t.slice(at);
  } else if (kind < 0.9) {
    const refs = ["proactive.regulations.issued", "appeals.review.upheld", "applications.withheldLawProhibited.natural", "appeals.litigationDirect.other"];
    return withCell(next, refs[Math.floor(rnd() * refs.length)]!, rnd() < 0.1 ? null : Math.floor(rnd() * 100));
  } else {
    next.meta = { ...next.meta, title: `标题 ${step}` };
  }
  return next;
}

describe("audit replay", () => {
  it("replaying a report's audit entries gives back every acknowledged version, byte for byte", () => {
    const drafter = actor("yingji-drafter");
    const created = createReport(db, drafter, 2024);
    if (!created.ok) throw new Error(created.error);
    const stored = (id: number) => db.select({ data: reports.data, version: reports.version }).from(reports).where(eq(reports.id, id)).get()!;
    const acknowledged = new Map<number, string>([[1, stored(created.id).data]]);
    let doc: ReportDoc = { ...clean2024(), agency: { name: "示范市应急管理局" } };
    let version = 1;
    const rnd = lcg(20);
    for (let step = 0; step < 300; step++) {
      if (step > 0) doc = edit(doc, rnd, step);
      const out = saveReport(db, drafter, created.id, version, doc);
      if (out.kind !== "saved") throw new Error(out.kind);
      if (step % 50 === 7) expect(saveReport(db, drafter, created.id, version, doc).kind).toBe(out.unchanged ? "saved" : "conflict"); // a stale save changes nothing
      if (out.unchanged) continue;
      version = out.version;
      doc = structuredClone(out.report);
      acknowledged.set(version, stored(created.id).data);
    }
    expect(acknowledged.size).toBeGreaterThan(250);
    const replay = runSqlite(db, replayReportVersions(created.id))!;
    expect(replay.stopped).toBeNull();
    expect(replay.oldest).toBe(1);
    expect(replay.versions.size).toBe(acknowledged.size);
    for (const [v, text] of acknowledged) expect(replay.versions.get(v), `version ${v}`).toBe(text);

    // Storage: each autosave's entry is a small delta (the document itself is ~14 KB).
    const entries = db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.save"), eq(auditLog.entityId, created.id)))
      .all()
      .slice(1); // the first save wrote the whole fixture into the blank report
    const sizes = entries.map((e) => Buffer.byteLength(e.after ?? "") + Buffer.byteLength(e.before ?? ""));
    expect(Math.max(...sizes)).toBeLessThan(1024);
    // … and structural (cells and text edits), not the whole-text fallback.
    expect(entries.filter((e) => (JSON.parse(e.after!) as { ops: unknown[][] }).ops.some((op) => op[0] === "j"))).toEqual([]);
  });

  it("a report changed behind the app's back is detected, not replayed into wrong versions", () => {
    const drafter = actor("shengtai-drafter");
    const created = createReport(db, drafter, 2024);
    if (!created.ok) throw new Error(created.error);
    const doc: ReportDoc = { ...clean2024(), agency: { name: "示范市生态环境局" } };
    const a = saveReport(db, drafter, created.id, 1, doc);
    if (a.kind !== "saved") throw new Error(a.kind);
    const b = saveReport(db, drafter, created.id, a.version, withCell(a.report, "appeals.review.upheld", 7));
    if (b.kind !== "saved") throw new Error(b.kind);
    expect(runSqlite(db, replayReportVersions(created.id))!.stopped).toBeNull();
    db.update(reports).set({ data: JSON.stringify(withCell(b.report, "appeals.review.upheld", 8)) }).where(eq(reports.id, created.id)).run();
    const replay = runSqlite(db, replayReportVersions(created.id))!;
    expect(replay.stopped).toContain("校验码不符");
    expect(replay.versions.size).toBe(1);
  });
});
