// A throwaway database for a test file (or for each test): a temporary folder with the migrated,
// demo-seeded database in it, closed and removed afterwards. Registers the vitest hooks itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { openDatabase, type Db } from "../client";

type OpenOptions = Parameters<typeof openDatabase>[1];

/** The file behind a temporary database. */
export interface TempDbFile {
  path: string;
  /** Another connection to the same file (a second process, a restart); closed with the first. */
  open(opts?: OpenOptions): Db;
}

/**
 * `set` receives each new database (keep it in the file's own `let db: Db`) and its file; further
 * setup that needs the database (agencies, users, reports of the test) goes in `set` too.
 */
export function useTempDb(name: string, set: (db: Db, file: TempDbFile) => void, opts: { each?: boolean } = {}): void {
  let dir = "";
  let open: Db[] = [];
  (opts.each ? beforeEach : beforeAll)(() => {
    dir = mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
    const path = join(dir, `${name}.db`);
    const connect = (o?: OpenOptions) => {
      const db = openDatabase(path, o);
      open.push(db);
      return db;
    };
    set(connect(), { path, open: connect });
  });
  (opts.each ? afterEach : afterAll)(() => {
    for (const db of open) if (db.$client.open) db.$client.close();
    open = [];
    rmSync(dir, { recursive: true, force: true });
  });
}
