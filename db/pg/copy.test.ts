// `nianbao db copy --to postgres://…` on a real PostgreSQL: a SQLite deployment with every table
// filled (through the app's own functions where they exist) arrives whole — same rows, same values,
// audit and snapshots with their hashes, sequences past SQLite's — and the guards hold on the copy.
// A refused copy (target not empty, source at another schema version, a value PostgreSQL cannot
// hold) leaves the target untouched.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import example from "../../lib/fixtures/example-2021-shifan-2024.json";
import type { Actor } from "../../lib/auth/access";
import { parseReport, withCell } from "../../lib/data";
import { main } from "../../lib/cli/main";
import { nodeIo } from "../../lib/cli/io";
import { seed2020 } from "../../lib/fixtures/load";
import { getAgencyByCode } from "../agencies";
import { openDatabase, type Db } from "../client";
import { createReport, saveReport } from "../reports";
import { findUserByLogin } from "../users";
import { contentHash } from "../workflow";
import { openPgDatabase } from "./client";
import { copyPlan, copySqliteToPostgres, CopyError } from "./copy";
import { createTempDatabase, describePg } from "./testing";
import { runSqlite } from "../run-sqlite";

let dir: string;
let lite: Db;
let litePath: string;

/** A county's deployment: demo agencies and users, reports saved by the app, a published one with its snapshots, every other table. */
function populate(db: Db): void {
  const actor = (login: string): Actor => {
    const u = runSqlite(db, findUserByLogin(login))!;
    return { id: u.id, role: u.role, agencyId: u.agencyId };
  };
  const drafter = actor("yingji-drafter");
  const created = runSqlite(db, createReport(drafter, 2024));
  if (!created.ok) throw new Error(created.error);
  const parsed = parseReport({ ...example, agency: { name: "示范市应急管理局" } });
  if (!parsed.ok) throw new Error("fixture");
  let saved = runSqlite(db, saveReport(drafter, created.id, 1, parsed.report));
  if (saved.kind !== "saved") throw new Error(saved.kind);
  saved = runSqlite(db, saveReport(drafter, created.id, saved.version, withCell(parsed.report, "applications.received.natural", 25)));
  if (saved.kind !== "saved") throw new Error(saved.kind);

  const s = db.$client;
  const office = runSqlite(db, getAgencyByCode("sfszfb"))!;
  // A parent created after its child (the copy must not depend on id order).
  const child = Number(s.prepare("INSERT INTO agencies (name, code, active) VALUES ('后建上级的下级单位', 'child1', 0)").run().lastInsertRowid);
  const parent = Number(s.prepare("INSERT INTO agencies (name, code, parent_id) VALUES ('后建的上级单位', 'parent1', ?)").run(office.id).lastInsertRowid);
  s.prepare("UPDATE agencies SET parent_id = ? WHERE id = ?").run(parent, child);

  const doc = JSON.stringify({ ...example, agency: { name: "后建上级的下级单位" } });
  const reportId = Number(s.prepare("INSERT INTO reports (agency_id, year, edition, status, data, version) VALUES (?, 2024, '2021', 'published', ?, 4)").run(child, doc).lastInsertRowid);
  const insVersion = s.prepare("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insVersion.run(reportId, 3, "approve", "approved", doc, contentHash(doc), drafter.id);
  insVersion.run(reportId, 4, "publish", "published", doc, contentHash(doc), drafter.id);
  insVersion.run(reportId, 4, "revision", "published", "{not json", "mismatching-hash", null);
  const legacy = JSON.stringify(seed2020());
  s.prepare("INSERT INTO legacy_archives (agency_id, year, data, file_name, content_hash) VALUES (?, 2015, ?, '2015年报.html', ?)").run(child, legacy, contentHash(legacy));
  s.prepare("INSERT INTO review_comments (report_id, author_id, anchor, body, resolved_at, resolved_by) VALUES (?, ?, 'narrative.overview', '请补充「概述」。', 1764800000123, ?)").run(reportId, drafter.id, drafter.id);
  // A deleted comment: SQLite never gives its id again, nor must PostgreSQL.
  const gone = s.prepare("INSERT INTO review_comments (report_id, author_id, anchor, body) VALUES (?, ?, 'x', '将被删除')").run(reportId, drafter.id).lastInsertRowid;
  s.prepare("DELETE FROM review_comments WHERE id = ?").run(gone);
  s.prepare("INSERT INTO warning_acks (report_id, rule, cell, fingerprint, reason, kind, created_by) VALUES (?, 'narrative.feeStatement', 'narrative.other', 'fp', '本年度未收取费用。', 'drafter', ?)").run(reportId, drafter.id);
  s.prepare("INSERT INTO login_attempts (login, failures, last_failure_at, locked_until) VALUES ('la:张三@127.0.0.1', 3, 1764800000000, NULL), ('a:10.0.0.1', 1, 1764800000999.6, 1764800900000)").run();
  s.prepare("INSERT INTO sessions (id, user_id, expires_at, revoked_at) VALUES ('Zz-session', ?, 1764900000000, NULL), ('aa-session', ?, 1764900000000, 1764850000000)").run(drafter.id, drafter.id);
  s.prepare("INSERT INTO audit_log (actor_id, action, entity_type, entity_id, agency_id, before, after) VALUES (?, 'publish', 'report', ?, ?, '{\"status\":\"approved\"}', '{\"status\":\"published\"}')").run(drafter.id, reportId, child);
  // 0009_office: 催办, its notice, an e-mail address and a portal URL.
  s.prepare("UPDATE users SET email = 'drafter@example.gov.cn' WHERE id = ?").run(drafter.id);
  s.prepare("UPDATE reports SET portal_url = 'https://www.example.gov.cn/zwgk/2024.html' WHERE id = ?").run(reportId);
  const urge = Number(s.prepare("INSERT INTO urges (agency_id, year, report_id, message, sender_id, recipients, mailed, mail_error) VALUES (?, 2024, ?, '请尽快提交年报。', ?, 1, 0, 'SMTP 不可用')").run(child, reportId, drafter.id).lastInsertRowid);
  s.prepare("INSERT INTO notices (user_id, kind, urge_id, title, body, href, read_at) VALUES (?, 'urge', ?, '催办', '请尽快提交年报。', '/reports/1', 1764800000500.25)").run(drafter.id, urge);
  // 0010_quality_runs: a run with an uploaded file (bytes, NUL included) and a finding; a fractional score.
  const run = Number(s.prepare("INSERT INTO quality_runs (year, office_id, created_by, status, total, done, scheme, finished_at) VALUES (2024, ?, ?, 'done', 1, 1, '{}', 1764800001000)").run(office.id, drafter.id).lastInsertRowid);
  const item = Number(
    s.prepare("INSERT INTO quality_items (run_id, source, file_name, file_bytes, agency_id, status, score, breakdown) VALUES (?, 'file', '年报.docx', ?, ?, 'done', 87.35, '[]')")
      .run(run, Buffer.from([0x50, 0x4b, 0x00, 0xff]), child).lastInsertRowid,
  );
  s.prepare("INSERT INTO quality_findings (run_id, item_id, rule, kind, severity, phase, finding) VALUES (?, ?, 'narrative.feeStatement', 'content', 'warning', 'item', '{}')").run(run, item);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-pg-copy-"));
  litePath = join(dir, "county.db");
  lite = openDatabase(litePath, { seed: "demo" });
  populate(lite);
});
afterAll(() => {
  lite?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (lite.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describePg("nianbao db copy（SQLite → PostgreSQL）", () => {
  it("every table of the pg schema has rows in the fixture deployment (the test covers them all)", () => {
    for (const t of copyPlan()) expect(count(t.name), t.name).toBeGreaterThan(0);
  });

  it("copies every row, verified, and the copy behaves like the original", async () => {
    const target = await createTempDatabase("copy");
    try {
      const lines: string[] = [];
      const r = await copySqliteToPostgres({ from: litePath, to: target.url, log: (l) => lines.push(l) });
      expect(r.tables.map((t) => [t.table, t.rows])).toEqual(copyPlan().map((t) => [t.name, count(t.name)]));
      expect(r.hashedSnapshots).toEqual([
        { table: "report_versions", matching: count("report_versions") - 1, rows: count("report_versions") },
        { table: "legacy_archives", matching: 1, rows: 1 },
      ]);
      expect(lines.join("\n")).toContain("audit_log");

      const db = await openPgDatabase(target.url, { max: 2 });
      try {
        const pq = async (text: string, params: unknown[] = []) => (await db.$client.query(text, params)).rows;
        // Values as the app reads them: the report's document, version, booleans and times.
        const liteReport = lite.$client.prepare("SELECT * FROM reports ORDER BY id LIMIT 1").get() as Record<string, unknown>;
        const [pgReport] = await pq("SELECT * FROM reports ORDER BY id LIMIT 1");
        expect(pgReport.data).toBe(liteReport.data);
        expect(pgReport.version).toBe(liteReport.version);
        expect((pgReport.updated_at as Date).getTime()).toBe(Math.trunc(liteReport.updated_at as number));
        expect((await pq("SELECT active FROM agencies WHERE code = 'child1'"))[0].active).toBe(false);
        expect((await pq("SELECT locked_until FROM login_attempts WHERE login = 'a:10.0.0.1'"))[0].locked_until.getTime()).toBe(1764800900000);
        expect((await pq("SELECT p.code FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.code = 'child1'"))[0].code).toBe("parent1");
        // The office and quality tables: bytes as a Buffer, the score as the same double.
        const [qi] = await pq("SELECT file_bytes, score FROM quality_items");
        expect(qi.file_bytes).toEqual(Buffer.from([0x50, 0x4b, 0x00, 0xff]));
        expect(qi.score).toBe(87.35);
        expect((await pq("SELECT read_at FROM notices"))[0].read_at.getTime()).toBe(1764800000500);
        expect((await pq("SELECT portal_url FROM reports WHERE portal_url IS NOT NULL"))[0].portal_url).toBe("https://www.example.gov.cn/zwgk/2024.html");
        // Snapshot hashes survive: each publish snapshot's hash is of its exact text.
        for (const v of await pq("SELECT data, content_hash FROM report_versions WHERE kind = 'publish'")) expect(contentHash(v.data)).toBe(v.content_hash);
        // Sequences continue past the highest id SQLite ever gave (the deleted comment's id stays unused).
        const liteSeq = (lite.$client.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'review_comments'").get() as { seq: number }).seq;
        const [{ id: nextComment }] = await pq("INSERT INTO review_comments (report_id, author_id, anchor, body) SELECT id, created_by, 'a', 'b' FROM report_versions WHERE created_by IS NOT NULL LIMIT 1 RETURNING id");
        expect(nextComment).toBe(liteSeq + 1);
        const [{ id: nextAudit }] = await pq("INSERT INTO audit_log (action, entity_type) VALUES ('x', 'y') RETURNING id");
        expect(nextAudit).toBe(count("audit_log") + 1);
        // The guards hold on copied data.
        await expect(pq("UPDATE audit_log SET action = 'changed' WHERE id = 1")).rejects.toThrow("append-only");
        await expect(pq("UPDATE reports SET data = '{}' WHERE status = 'published'")).rejects.toThrow("published report is immutable");
        // A new snapshot of a copied shape finds the copied layout (same text as SQLite's trigger wrote).
        const layouts = (await pq("SELECT count(*)::int AS n FROM snapshot_layouts"))[0].n;
        const [pub] = await pq("SELECT report_id, data FROM report_versions WHERE kind = 'publish' LIMIT 1");
        const [{ id: snap }] = await pq("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES ($1, 5, 'revision', 'published', $2, 'h') RETURNING id", [pub.report_id, pub.data]);
        expect((await pq("SELECT count(*)::int AS n FROM snapshot_layouts"))[0].n).toBe(layouts);
        const [copiedCells] = await pq("SELECT c.layout_id, c.cells FROM snapshot_cells c JOIN report_versions v ON v.id = c.snapshot_id WHERE v.kind = 'publish' LIMIT 1");
        expect((await pq("SELECT layout_id, cells FROM snapshot_cells WHERE snapshot_id = $1", [snap]))[0]).toEqual(copiedCells);
      } finally {
        await db.$client.end();
      }

      // A second copy into the same (now filled) database is refused, and changes nothing.
      await expect(copySqliteToPostgres({ from: litePath, to: target.url })).rejects.toThrow(/目标数据库不是空的/);
    } finally {
      await target.drop();
    }
  }, 120_000);

  it("refuses a source at another schema version, and a value PostgreSQL cannot hold — the target stays empty", async () => {
    const target = await createTempDatabase("copy_refused");
    try {
      const old = join(dir, "old.db");
      const o = new Database(old);
      o.exec("CREATE TABLE __drizzle_migrations (id integer primary key, hash text, created_at numeric); INSERT INTO __drizzle_migrations (hash) VALUES ('a')");
      o.close();
      await expect(copySqliteToPostgres({ from: old, to: target.url })).rejects.toThrow(/已应用 1 个迁移/);
      await expect(copySqliteToPostgres({ from: join(dir, "missing.db"), to: target.url })).rejects.toBeInstanceOf(CopyError);

      const bad = join(dir, "bad.db");
      lite.$client.prepare("VACUUM INTO ?").run(bad);
      const b = new Database(bad);
      b.prepare("INSERT INTO audit_log (action, entity_type, after) VALUES ('x', 'y', ?)").run("含\u0000字符");
      b.close();
      await expect(copySqliteToPostgres({ from: bad, to: target.url })).rejects.toThrow(/NUL/);
      const db = await openPgDatabase(target.url, { max: 1 });
      try {
        for (const t of copyPlan()) expect((await db.$client.query(`SELECT count(*)::int AS n FROM "${t.name}"`)).rows[0].n, t.name).toBe(0);
      } finally {
        await db.$client.end();
      }
    } finally {
      await target.drop();
    }
  }, 120_000);

  it("the CLI: `nianbao db copy --from … --to …` prints each table and exits 0; a bad target exits 1 with a Chinese reason", async () => {
    const target = await createTempDatabase("copy_cli");
    try {
      let stdout = "";
      let stderr = "";
      const io = { ...nodeIo, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
      expect(await main(["db", "copy", "--from", litePath, "--to", target.url], io)).toBe(0);
      expect(stdout).toMatch(/完成：\d+ 张表、\d+ 行已复制并逐表核对/);
      expect(stdout).toContain("report_versions");
      stdout = "";
      expect(await main(["db", "copy", "--from", litePath, "--to", target.url], io)).toBe(1);
      expect(stderr).toContain("目标数据库不是空的");
    } finally {
      await target.drop();
    }
  }, 120_000);
});
