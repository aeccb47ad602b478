// The PostgreSQL client on a real server, with two pools standing for two app servers: migrations
// applied once when both start together; racing version-checked saves with no silent overwrite; a
// transition raced across both with exactly one winner; SERIALIZABLE transactions retried.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isRetryable, lockReport, openPgDatabase, pgDatabaseUrl, pgErrorCode, pgTransaction, type PgDb } from "./client";
import { createTempDatabase, describePg } from "./testing";

let a: PgDb;
let b: PgDb;
let drop: (() => Promise<void>) | undefined;

describePg("PostgreSQL 客户端（两个应用服务器）", () => {
  beforeAll(async () => {
    const t = await createTempDatabase("client");
    drop = t.drop;
    // Both "servers" start at once on an empty database: the advisory lock lets one migrate.
    [a, b] = await Promise.all([openPgDatabase(t.url, { max: 6 }), openPgDatabase(t.url, { max: 6 })]);
  }, 60_000);
  afterAll(async () => {
    await a?.$client.end();
    await b?.$client.end();
    await drop?.();
  });

  const q = async (db: PgDb, text: string, params: unknown[] = []) => (await db.$client.query(text, params)).rows;

  async function newReport(status = "draft"): Promise<number> {
    const code = `c${Math.random().toString(36).slice(2, 10)}`;
    const [{ id: agency }] = await q(a, "INSERT INTO agencies (name, code) VALUES ($1, $1) RETURNING id", [code]);
    const [{ id }] = await q(a, "INSERT INTO reports (agency_id, year, edition, status, data) VALUES ($1, 2024, '2021', $2, '{\"n\":0}') RETURNING id", [agency, status]);
    return id;
  }

  it("each migration is applied exactly once although both servers started together", async () => {
    const [{ n }] = await q(a, "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    const journal = JSON.parse(readFileSync(join(__dirname, "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expect(n).toBe(journal.entries.length);
    // The migration's connection went back to the pool with the request timeouts restored.
    const shows = await Promise.all(Array.from({ length: 6 }, () => q(a, "SHOW lock_timeout")));
    expect(new Set(shows.map((r) => r[0].lock_timeout))).toEqual(new Set(["1s"]));
    const [{ t }] = await q(b, "SELECT count(*)::int AS t FROM pg_trigger WHERE tgname = 'report_versions_snapshot_cells'");
    expect(t).toBe(1);
  });

  it("100 racing saves across two servers: every accepted save names a distinct version, none is lost or overwritten", async () => {
    const id = await newReport();
    const accepted: { base: number; n: number }[] = [];
    let conflicts = 0;
    // Each editor saves its own value on the version it last read; on 409 it reads again and retries.
    const editor = async (db: PgDb, n: number) => {
      for (;;) {
        const [{ version }] = await q(db, "SELECT version FROM reports WHERE id = $1", [id]);
        const saved = await pgTransaction(db, async (tx) => {
          const r = await tx.execute(sql`UPDATE reports SET data = ${JSON.stringify({ n })}, version = version + 1 WHERE id = ${id} AND version = ${version} RETURNING version`);
          return r.rows.length === 1;
        });
        if (saved) {
          accepted.push({ base: version, n });
          return;
        }
        conflicts++;
      }
    };
    await Promise.all(Array.from({ length: 100 }, (_, n) => editor(n % 2 ? a : b, n)));
    const [row] = await q(a, "SELECT version, data FROM reports WHERE id = $1", [id]);
    expect(accepted).toHaveLength(100);
    expect(row.version).toBe(101);
    // Each accepted save was made on a different version: 1, 2, …, 100 — no two saves on the same base.
    expect(accepted.map((s) => s.base).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // The stored document is the one the last accepted save wrote.
    const last = accepted.find((s) => s.base === 100)!;
    expect(JSON.parse(row.data)).toEqual({ n: last.n });
    expect(conflicts).toBeGreaterThan(0); // they really raced
  }, 60_000);

  it("a transition raced across two servers (SELECT … FOR UPDATE) has exactly one winner and one snapshot", async () => {
    const id = await newReport("approved");
    const publish = (db: PgDb) =>
      pgTransaction(db, async (tx) => {
        const report = await lockReport(tx, id);
        if (!report || report.status !== "approved") return false;
        await tx.execute(sql`SELECT pg_sleep(0.01)`); // widen the window
        await tx.execute(sql`INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES (${id}, ${report.version + 1}, 'publish', 'published', ${report.data}, 'h')`);
        await tx.execute(sql`UPDATE reports SET status = 'published', version = version + 1 WHERE id = ${id}`);
        return true;
      });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => publish(i % 2 ? a : b)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const [{ n }] = await q(a, "SELECT count(*)::int AS n FROM report_versions WHERE report_id = $1 AND kind = 'publish'", [id]);
    expect(n).toBe(1);
    expect((await q(b, "SELECT status, version FROM reports WHERE id = $1", [id]))[0]).toEqual({ status: "published", version: 2 });
  }, 60_000);

  it("SERIALIZABLE: a write skew is refused with 40001 and the retried transaction then succeeds", async () => {
    // Rule: at most 2 open reports of a year for this agency (decided on a read of several rows).
    const code = `s${Math.random().toString(36).slice(2, 10)}`;
    const [{ id: agency }] = await q(a, "INSERT INTO agencies (name, code) VALUES ($1, $1) RETURNING id", [code]);
    await q(a, "INSERT INTO reports (agency_id, year, edition, data) VALUES ($1, 2020, '2019', '{}')", [agency]);
    let attempts = 0;
    const addIfRoom = (db: PgDb, year: number) =>
      pgTransaction(
        db,
        async (tx) => {
          attempts++;
          const r = await tx.execute(sql`SELECT count(*)::int AS n FROM reports WHERE agency_id = ${agency}`);
          await tx.execute(sql`SELECT pg_sleep(0.05)`);
          if ((r.rows[0] as { n: number }).n >= 2) return false;
          await tx.execute(sql`INSERT INTO reports (agency_id, year, edition, data) VALUES (${agency}, ${year}, '2021', '{}')`);
          return true;
        },
        { isolationLevel: "serializable" },
      );
    const results = await Promise.all([addIfRoom(a, 2021), addIfRoom(b, 2022)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(attempts).toBe(3); // one of them was retried, and then saw the other's row
    const [{ n }] = await q(a, "SELECT count(*)::int AS n FROM reports WHERE agency_id = $1", [agency]);
    expect(n).toBe(2);
  }, 60_000);

  it("a failed statement rolls the whole transaction back; other errors are not retried", async () => {
    const id = await newReport();
    let attempts = 0;
    await expect(
      pgTransaction(a, async (tx) => {
        attempts++;
        await tx.execute(sql`UPDATE reports SET version = 7 WHERE id = ${id}`);
        await tx.execute(sql`UPDATE audit_log SET action = 'x'`); // fine: no rows; then a real error:
        await tx.execute(sql`INSERT INTO reports (agency_id, year, edition, data) VALUES (-1, 1, 'x', '{}')`);
      }),
    ).rejects.toSatisfy((e: unknown) => pgErrorCode(e) === "23503" && !isRetryable(e));
    expect(attempts).toBe(1);
    expect((await q(a, "SELECT version FROM reports WHERE id = $1", [id]))[0].version).toBe(1);
  });
});

it("pgDatabaseUrl selects PostgreSQL only for a postgres:// URL", () => {
  expect(pgDatabaseUrl({ DATABASE_URL: "postgres://u@h/db" })).toBe("postgres://u@h/db");
  expect(pgDatabaseUrl({ DATABASE_URL: "postgresql://u@h/db" })).toBe("postgresql://u@h/db");
  expect(pgDatabaseUrl({ DATABASE_URL: "./data/e2e.db" })).toBeNull();
  expect(pgDatabaseUrl({})).toBeNull();
  expect(pgErrorCode({ message: "wrapped", cause: { code: "40001" } })).toBe("40001");
  expect(isRetryable({ cause: { code: "40P01" } })).toBe(true);
  expect(isRetryable(new Error("x"))).toBe(false);
});
