// The PostgreSQL connection: selected by DATABASE_URL=postgres://… (otherwise the app stays on
// SQLite, db/client.ts). A pool per process, opened lazily (never during `next build`); opening
// applies db/pg/migrations under an advisory lock, so that several app servers starting at once
// apply each migration exactly once; the app's own pool then seeds an empty database (db/seed.ts:
// the initial administrator, or the demo data) under the same lock, exactly as SQLite does.
//
// Transactions (pgTransaction): READ COMMITTED by default, which is correct for the two writes that
// race across app servers when they are written as below —
//   • a save: one conditional UPDATE … SET version = version + 1 WHERE id = $1 AND version = $2.
//     PostgreSQL re-checks the WHERE on the newest committed row after waiting for a concurrent
//     writer's row lock, so of two saves naming the same version exactly one updates a row; the
//     other sees 0 rows (409, never a silent overwrite);
//   • a transition (submit, approve, publish …): lockReport() (SELECT … FOR UPDATE) first, then
//     check the state and write: a second server waits for the lock and then sees the new state.
// Code that reads several rows and decides on all of them can ask for SERIALIZABLE instead;
// pgTransaction retries a transaction that failed with a serialization failure (40001) or a
// deadlock (40P01) — the whole callback runs again, so it must not have other side effects.
import { eq } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { join } from "node:path";
import pg from "pg";
import * as schema from "./schema";
import { runPg } from "../run-pg";
import { seedDemoDataIfEmpty, seedInitialAdminIfEmpty, startupSeedMode } from "../seed";

/** What an empty database gets when the pool opens (db/seed.ts); nothing unless asked. */
export type PgSeed = "demo" | "initial-admin" | false;

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type PgTx = Parameters<Parameters<PgDb["transaction"]>[0]>[0];
export type PgIsolation = "read committed" | "repeatable read" | "serializable";

/** The PostgreSQL URL of DATABASE_URL, or null when the app should use SQLite. */
export function pgDatabaseUrl(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.DATABASE_URL?.trim();
  return url && /^postgres(ql)?:\/\//i.test(url) ? url : null;
}

export function pgMigrationsFolder(): string {
  return join(/*turbopackIgnore: true*/ process.cwd(), "db", "pg", "migrations");
}

/** Any constant: the key of the advisory lock that serialises migrations across app servers. */
const MIGRATION_LOCK = 7_199_190_019;

/**
 * Applies db/pg/migrations (each once, however many servers start at the same time), then seeds an
 * empty database when `seed` asks for it — still under the lock, on the lock's own connection (a
 * pool of one must not wait for a second connection): the seed's emptiness check and its inserts
 * are never run by two servers at once.
 */
export async function migratePg(pool: pg.Pool, folder = pgMigrationsFolder(), seed: PgSeed = false): Promise<void> {
  const client = await pool.connect();
  try {
    // Another server may be migrating: wait for it however long it takes (the pool's lock_timeout
    // is for requests), and let a long migration finish.
    await client.query("SET lock_timeout = 0; SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const db = drizzle(client, { schema });
      await migrate(db, { migrationsFolder: folder });
      if (seed === "demo") await runPg(db as unknown as PgDb, seedDemoDataIfEmpty());
      else if (seed === "initial-admin") await runPg(db as unknown as PgDb, seedInitialAdminIfEmpty());
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      await client.query("RESET lock_timeout; RESET statement_timeout");
    }
  } finally {
    client.release();
  }
}

function poolSize(): number {
  const v = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(v) && v >= 1 && v <= 100 ? v : 10;
}

/** Opens a pool on `url` and applies the migrations. For the app, scripts and tests. */
export async function openPgDatabase(url: string, opts: { max?: number; migrate?: boolean; seed?: PgSeed } = {}): Promise<PgDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? poolSize(),
    // A statement that waits longer than this for a lock fails (answered 503 「系统繁忙」) rather
    // than holding a request, like SQLite's busy_timeout.
    options: `-c lock_timeout=${lockTimeoutMs()} -c statement_timeout=${statementTimeoutMs()}`,
    application_name: "nianbao",
  });
  // An idle client that loses its connection (server restart, failover) must not crash the process.
  pool.on("error", (e) => console.error(`[pg] 空闲连接出错：${e.message}`));
  if (opts.migrate !== false) {
    try {
      await migratePg(pool, pgMigrationsFolder(), opts.seed ?? false);
    } catch (e) {
      await pool.end();
      throw e;
    }
  }
  return drizzle(pool, { schema }) as PgDb;
}

function lockTimeoutMs(): number {
  const v = Number(process.env.DATABASE_BUSY_TIMEOUT_MS);
  return Number.isInteger(v) && v >= 0 && v <= 60_000 ? v : 1000;
}
function statementTimeoutMs(): number {
  const v = Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS);
  return Number.isInteger(v) && v >= 0 && v <= 600_000 ? v : 30_000;
}

type Holder = { db?: Promise<PgDb>; url?: string };
const holder: Holder = ((globalThis as Record<string, unknown>).__nianbaoPg ??= {}) as Holder;

/** The process's pool for DATABASE_URL (opened and migrated on first use). */
export function getPgDb(): Promise<PgDb> {
  const url = pgDatabaseUrl();
  if (!url) throw new Error("DATABASE_URL 不是 postgres:// 地址");
  if (!holder.db || holder.url !== url) {
    holder.url = url;
    holder.db = openPgDatabase(url, { seed: startupSeedMode() });
    holder.db.catch(() => {
      holder.db = undefined;
    });
  }
  return holder.db;
}

export async function closePgDb(): Promise<void> {
  const p = holder.db;
  holder.db = undefined;
  holder.url = undefined;
  if (p) await (await p).$client.end();
}

/** The SQLSTATE of a pg error, also when drizzle wrapped it (DrizzleQueryError.cause). */
export function pgErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** serialization_failure, deadlock_detected: the transaction may succeed when run again. */
export const isRetryable = (e: unknown): boolean => {
  const code = pgErrorCode(e);
  return code === "40001" || code === "40P01";
};

/**
 * Runs `fn` in a transaction; retries it (up to `maxAttempts` in all, with a short random pause)
 * when PostgreSQL aborted it with a serialization failure or a deadlock. Other errors roll back and
 * propagate. Returns `fn`'s value and how many attempts it took.
 */
export async function pgTransaction<T>(
  db: PgDb,
  fn: (tx: PgTx) => Promise<T>,
  opts: { isolationLevel?: PgIsolation; maxAttempts?: number } = {},
): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn, { isolationLevel: opts.isolationLevel ?? "read committed" });
    } catch (e) {
      if (!isRetryable(e) || attempt >= maxAttempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
    }
  }
}

/** Locks a report's row until the transaction ends (SELECT … FOR UPDATE); null when none. */
export async function lockReport(tx: PgTx, id: number) {
  const rows = await tx.select().from(schema.reports).where(eq(schema.reports.id, id)).for("update");
  return rows[0] ?? null;
}
