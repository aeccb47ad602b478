// A throwaway database for a data-layer test file, on the dialect under test: SQLite (the default
// run of vitest) or PostgreSQL when DATABASE_URL=postgres://… (the PostgreSQL step of `npm test`,
// scripts/test.mjs, runs every test file that uses this on a throwaway cluster). Both start from the
// same demo data: the PostgreSQL database is a `nianbao db copy` of a freshly seeded SQLite one, so a
// test sees the same agencies, users and ids on both.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { openDatabase, type Db } from "../client";
import { openPgDatabase, type PgDb } from "../pg/client";
import { copySqliteToPostgres } from "../pg/copy";
import { createTempDatabase, PG_URL } from "../pg/testing";
import { pgStore, sqliteStore, type Store } from "../store";

/** The dialect this run tests. */
export const TEST_DIALECT: "sqlite" | "pg" = PG_URL ? "pg" : "sqlite";

export interface TempStore extends Store {
  /** SQLite only: the connection, for tests that attack the file directly. */
  readonly sqlite?: Db;
  /** PostgreSQL only: the pool. */
  readonly pg?: PgDb;
  /** Another store on the same database (a second app server / a restart); closed with the first. */
  another(): Promise<TempStore>;
}

/**
 * `set` receives each new store (keep it in the file's `let s: TempStore`); setup that needs the
 * database goes in `set` too. `each`: a fresh database for every test instead of one per file.
 */
export function useTempStore(
  name: string,
  set: (s: TempStore) => void | Promise<void>,
  opts: { each?: boolean; seed?: boolean; prepare?: (db: Db) => void } = {},
): void {
  let dir = "";
  const closers: (() => Promise<void> | void)[] = [];
  (opts.each ? beforeEach : beforeAll)(async () => {
    dir = mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
    const path = join(dir, `${name}.db`);
    const seeded = openDatabase(path, { seed: opts.seed === false ? false : "demo" });
    // Test data written through code not yet converted (synchronous SQLite), before the copy: both
    // databases start from it.
    opts.prepare?.(seeded);
    if (TEST_DIALECT === "sqlite") {
      const connect = async (): Promise<TempStore> => {
        const db = openDatabase(path, { seed: false });
        closers.push(() => void db.$client.close());
        return { ...sqliteStore(db), sqlite: db, another: connect };
      };
      closers.push(() => void seeded.$client.close());
      await set({ ...sqliteStore(seeded), sqlite: seeded, another: connect });
      return;
    }
    seeded.$client.close();
    const target = await createTempDatabase(name);
    closers.push(target.drop);
    await copySqliteToPostgres({ from: path, to: target.url });
    const connect = async (): Promise<TempStore> => {
      const db = await openPgDatabase(target.url, { max: 4, migrate: false });
      closers.unshift(() => db.$client.end());
      return { ...pgStore(db), pg: db, another: connect };
    };
    await set(await connect());
  }, 120_000);
  (opts.each ? afterEach : afterAll)(async () => {
    for (const close of closers.splice(0)) await close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
}
