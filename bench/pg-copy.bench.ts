// How long `nianbao db copy` takes to move a county's SQLite deployment to PostgreSQL:
// `npm run bench pg-copy`. A generated deployment — BENCH_REPORTS reports (default 1,000) of ~14 KB,
// each with an approve and a publish snapshot (their cells written by SQLite's trigger) and 20
// audit rows — is copied into an empty database of a throwaway cluster (scripts/postgres.mjs, fsync
// on) with the full verification (every table read back and hashed). Prints rows, MB and seconds.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { openDatabase } from "../db/client";
import { copySqliteToPostgres } from "../db/pg/copy";
import { contentHash } from "../db/workflow";
import { clean2024 } from "../lib/fixtures/load";
import { startPostgres } from "../scripts/postgres.mjs";

const REPORTS = Number(process.env.BENCH_REPORTS) || 1_000;

const withDatabase = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-pgcopy-"));
  const started = startPostgres({ durable: true, quiet: true });
  try {
    const path = join(dir, "county.db");
    const t0 = performance.now();
    const db = openDatabase(path, { seed: "demo" });
    const s = db.$client;
    const base = clean2024();
    base.narrative.overview = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开。".repeat(120);
    const insAgency = s.prepare("INSERT INTO agencies (name, code, parent_id) VALUES (?, ?, 1)");
    const insReport = s.prepare("INSERT INTO reports (agency_id, year, edition, status, data, version) VALUES (?, 2024, '2021', 'published', ?, 3)");
    const insVersion = s.prepare("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES (?, ?, ?, ?, ?, ?)");
    const insAudit = s.prepare("INSERT INTO audit_log (action, entity_type, entity_id, agency_id, after) VALUES ('report.save', 'report', ?, ?, ?)");
    s.transaction(() => {
      for (let i = 0; i < REPORTS; i++) {
        const doc = JSON.stringify({ ...base, agency: { name: `单位${i}` } });
        const agency = Number(insAgency.run(`单位${i}`, `u${i}`).lastInsertRowid);
        const report = Number(insReport.run(agency, doc).lastInsertRowid);
        insVersion.run(report, 2, "approve", "approved", doc, contentHash(doc));
        insVersion.run(report, 3, "publish", "published", doc, contentHash(doc));
        for (let k = 0; k < 20; k++) insAudit.run(report, agency, JSON.stringify({ version: k, ops: [[k * 10, 0, "一段文字"]] }));
      }
    })();
    s.close();
    const mb = statSync(path).size / 1e6;
    console.log(`SQLite deployment: ${REPORTS} reports, ${REPORTS * 2} snapshots, ${REPORTS * 20} audit rows, ${mb.toFixed(0)} MB (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const admin = new pg.Client({ connectionString: started.url });
    await admin.connect();
    await admin.query("CREATE DATABASE copy_bench");
    await admin.end();
    const t1 = performance.now();
    const r = await copySqliteToPostgres({ from: path, to: withDatabase(started.url, "copy_bench") });
    const sec = (performance.now() - t1) / 1000;
    const rows = r.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`db copy (with verification): ${rows} rows in ${sec.toFixed(1)} s — ${(rows / sec).toFixed(0)} rows/s, ${(mb / sec).toFixed(1)} MB/s of SQLite file`);
  } finally {
    started.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
