// For the PostgreSQL test files: each gets a database of its own, created on the server of
// DATABASE_URL=postgres://… and dropped afterwards. Without such a URL the files skip, saying how to
// run them (`npm test` does: scripts/test.mjs starts a throwaway cluster with scripts/postgres.mjs).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { openPgDatabase, pgDatabaseUrl, type PgDb } from "./client";

export const PG_URL = pgDatabaseUrl();

export const SKIP_REASON =
  "未设置 DATABASE_URL=postgres://…，跳过 PostgreSQL 测试。运行方式：node scripts/postgres.mjs run -- npx vitest run db/pg" +
  "（npm test 会自动启动临时 PostgreSQL 并运行它们）";

/** `describe` when a PostgreSQL is configured; otherwise a skipped block that says why. */
export function describePg(name: string, fn: () => void): void {
  if (PG_URL) describe(name, fn);
  else {
    console.warn(`[${name}] ${SKIP_REASON}`);
    describe.skip(`${name}（${SKIP_REASON}）`, fn);
  }
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database; returns its URL and a function that drops it. */
export async function createTempDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!PG_URL) throw new Error(SKIP_REASON);
  const database = `t_${name.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(PG_URL, database),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A migrated database of its own for the test file; `set` receives it. */
export function usePgDb(name: string, set: (db: PgDb, url: string) => void): void {
  let db: PgDb | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (!PG_URL) return; // the file's describePg blocks are skipped
  beforeAll(async () => {
    const t = await createTempDatabase(name);
    drop = t.drop;
    db = await openPgDatabase(t.url, { max: 4 });
    set(db, t.url);
  }, 60_000);
  afterAll(async () => {
    await db?.$client.end();
    await drop?.();
  });
}
