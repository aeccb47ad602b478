// Where the app's data lives: PostgreSQL when DATABASE_URL=postgres://… (a province's several app
// servers on one database), otherwise the embedded SQLite file (db/client.ts). The app runs every
// data function through `run` and never learns which one it is.
import type { Db } from "./client";
import { getDb } from "./client";
import { getPgDb, pgDatabaseUrl, type PgDb } from "./pg/client";
import { runPg } from "./run-pg";
import { runSqlite } from "./run-sqlite";
import type { Dialect, Q } from "./unit";

/** A database to run data functions on. */
export interface Store {
  readonly dialect: Dialect;
  run<T>(q: Q<T>): Promise<T>;
}

export function sqliteStore(db: Db): Store {
  return {
    dialect: "sqlite",
    run: <T>(q: Q<T>) => {
      try {
        return Promise.resolve(runSqlite(db, q));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

export function pgStore(db: PgDb | Promise<PgDb>): Store {
  return { dialect: "pg", run: async <T>(q: Q<T>) => runPg(await db, q) };
}

/** The app's database, chosen by DATABASE_URL (opened on first use). */
export function getStore(): Store {
  return pgDatabaseUrl() ? pgStore(getPgDb()) : sqliteStore(getDb());
}

/** Runs a data function on the app's database. */
export function run<T>(q: Q<T>): Promise<T> {
  return getStore().run(q);
}

export { runSqlite };
