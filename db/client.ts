// One SQLite connection per process, opened lazily on first use (never at import time, so
// `next build` does not create or touch a database). Opening applies the committed migrations
// and, when the database has no agency yet, creates the demo data.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { dirname, join, resolve } from "node:path";
import * as schema from "./schema";
import { readServerEnv } from "../lib/env";
import { seedDemoDataIfEmpty, seedInitialAdminIfEmpty, startupSeedMode } from "./seed";
import { runSqlite } from "./run-sqlite";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

type Holder = { db?: Db; path?: string; checkpointer?: Worker | null };
// Kept on globalThis so dev-mode module reloading does not open a second connection.
const holder: Holder = ((globalThis as Record<string, unknown>).__nianbaoDb ??= {}) as Holder;

export function databasePath(): string {
  // turbopackIgnore: the path is chosen at run time; there is nothing to trace into the build.
  return resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || join(process.cwd(), "data", "nianbao.db"));
}

export function migrationsFolder(): string {
  return join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
}

/**
 * When a commit is on disk. NORMAL (the default) with WAL: a commit is in the WAL file when the
 * transaction ends, so it survives a crash or kill of the server process (e2e/crash-safety.e2e.ts
 * proves it) and the database is never corrupted; only a power loss or OS crash can lose the
 * commits since the WAL was last synced (at each checkpoint, about every 1000 pages) — seconds of
 * autosaves, which the editor also keeps in the browser until they are acknowledged.
 * FULL (DATABASE_SYNCHRONOUS=FULL) syncs the WAL at every commit: power-loss safe, but on the
 * reference VM an fsync costs ~1.2 ms (830 commits/s at most, against ~8,900 with NORMAL), and
 * better-sqlite3 waits for it on the server's only thread. Worth it on disks with a battery-backed
 * write cache, where fsync is cheap.
 */
function synchronousMode(): "NORMAL" | "FULL" {
  const env = readServerEnv(process.env);
  return env.ok && env.env.DATABASE_SYNCHRONOUS?.toUpperCase() === "FULL" ? "FULL" : "NORMAL";
}

/**
 * How long a statement waits for another connection's write lock before failing with SQLITE_BUSY
 * (answered as 503 「系统繁忙，请稍后重试」). better-sqlite3 waits synchronously, on the server's only
 * thread: 5 s let one held lock freeze every request for 5 s. DATABASE_BUSY_TIMEOUT_MS overrides.
 */
function busyTimeoutMs(): number {
  // lib/env.ts bounds it (0–60000); the server refuses to start with another value.
  const env = readServerEnv(process.env);
  return (env.ok ? env.env.DATABASE_BUSY_TIMEOUT_MS : undefined) ?? 1000;
}

/**
 * Opens (or creates) a database file, applies migrations. Used by the app, scripts and tests.
 * `seed`: what an empty database gets — "demo" (the default, for tests and scripts), "initial-admin"
 * (a production start: db/seed.ts) or false. The app's own connection (getDb) chooses by
 * NIANBAO_DEMO: `npm start` never creates the demo accounts.
 */
export function openDatabase(path: string, opts: { seed?: boolean | "demo" | "initial-admin" } = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${synchronousMode()}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs()}`);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsFolder() });
  const seed = opts.seed === undefined || opts.seed === true ? "demo" : opts.seed;
  if (seed === "demo") runSqlite(db, seedDemoDataIfEmpty());
  else if (seed === "initial-admin") runSqlite(db, seedInitialAdminIfEmpty());
  return db;
}

export function getDb(): Db {
  const path = databasePath();
  if (!holder.db || holder.path !== path) {
    void holder.checkpointer?.terminate();
    holder.db = openDatabase(path, { seed: startupSeedMode() });
    holder.path = path;
    holder.checkpointer = startBackgroundCheckpoints(holder.db.$client, path);
  }
  return holder.db;
}

/**
 * WAL checkpoints off the request thread (issue 20 §5). SQLite's automatic checkpoint runs inside
 * the COMMIT of whichever write crosses 1,000 WAL pages (a save writes ~7 pages: every ~140 saves):
 * that one save then copies the pages into the database file and fsyncs both files, on the
 * server's only JavaScript thread, while every other request waits — 17–52 ms median, up to 158 ms
 * measured on a loaded 2-core machine (bench/checkpoint.bench.ts, which also compares both
 * placements; so does bench/load.bench.ts over HTTP).
 * Here a worker thread with its own connection runs PASSIVE checkpoints every CHECKPOINT_EVERY_MS:
 * PASSIVE never takes the write lock, so saves go on while it copies and syncs. The app's
 * connection keeps an automatic checkpoint only as a safety net (40 MB of WAL, should the worker
 * ever fall that far behind or die), and the WAL file is cut back to 64 MB after a reset.
 * Durability is unchanged: a commit is in the WAL when it returns, as before.
 */
const CHECKPOINT_EVERY_MS = 500;
const SAFETY_NET_PAGES = 10_000;

function startBackgroundCheckpoints(sqlite: Database.Database, path: string): Worker | null {
  // NIANBAO_CHECKPOINT=inline: SQLite's own checkpoint in the committing save (the benchmark's
  // comparison run; also a way back should a platform refuse worker threads).
  if (path === ":memory:" || process.env.NIANBAO_CHECKPOINT === "inline") return null;
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  try {
    // The addon is loaded from node_modules at run time (serverExternalPackages), in the worker too.
    const addon = createRequire(join(/*turbopackIgnore: true*/ process.cwd(), "package.json")).resolve("better-sqlite3");
    const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { addon, path, everyMs: CHECKPOINT_EVERY_MS }, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    worker.unref();
    // Checkpointing is an optimisation: if the worker cannot run, the safety net checkpoints inline.
    worker.on("error", () => sqlite.pragma("wal_autocheckpoint = 1000"));
    return worker;
  } catch {
    sqlite.pragma("wal_autocheckpoint = 1000");
    return null;
  }
}

const CHECKPOINT_WORKER = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.addon);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 0");
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // busy (a restore, another checkpoint): the next turn catches up
  }
}, workerData.everyMs);
`;

/** For tests and scripts that need to release the file. */
export function closeDb(): void {
  void holder.checkpointer?.terminate();
  holder.checkpointer = undefined;
  holder.db?.$client.close();
  holder.db = undefined;
  holder.path = undefined;
}

/** A transaction handle (drizzle + better-sqlite3 transactions are synchronous callbacks). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Functions that may run inside or outside a transaction take either. */
export type DbOrTx = Db | Tx;
