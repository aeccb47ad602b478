// A throwaway database for a test file (or for each test): a temporary folder with the migrated,
// demo-seeded database in it, closed and removed afterwards. Registers the vitest hooks itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { openDatabase, type Db } from "../client";

/** `set` receives each new database (keep it in the file's own `let db: Db`). */
export function useTempDb(name: string, set: (db: Db) => void, opts: { each?: boolean } = {}): void {
  let dir = "";
  let db: Db | undefined;
  (opts.each ? beforeEach : beforeAll)(() => {
    dir = mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
    db = openDatabase(join(dir, `${name}.db`));
    set(db);
  });
  (opts.each ? afterEach : afterAll)(() => {
    db?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
