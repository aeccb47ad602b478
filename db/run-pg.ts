// The PostgreSQL runner of db/unit.ts steps: each query awaited on the pool (outside a transaction)
// or on the transaction's one connection. A transaction is pgTransaction (db/pg/client.ts): READ
// COMMITTED unless the body asks for more, retried as a whole — a fresh generator from the body —
// after a serialization failure or a deadlock; nested, a savepoint.
import type { SQL } from "drizzle-orm";
import * as pgTables from "./pg/schema";
import { pgTransaction, type PgDb, type PgTx } from "./pg/client";
import { NotOnPostgres, type Builder, type Q, type Step, type Tables } from "./unit";

type PgHandle = PgDb | PgTx;
// The steps are typed with SQLite's builder and tables; the pg twins have the same names and shape
// (db/pg/schema-parity.test.ts).
const tables = pgTables as unknown as Tables;
type Result = { rows: unknown[]; rowCount: number | null };

async function execute(d: PgHandle, inTx: boolean, step: Step): Promise<unknown> {
  const b = d as unknown as Builder;
  switch (step.kind) {
    case "all":
      return await (step.build(b, tables, "pg") as PromiseLike<unknown[]>);
    case "one": {
      const q = step.build(b, tables, "pg");
      const rows = await ((step.lock ? (q as { for(s: "update"): unknown }).for("update") : q) as PromiseLike<unknown[]>);
      return rows[0];
    }
    case "exec":
      return changed(await (step.build(b, tables, "pg") as PromiseLike<Result>));
    case "prepared": {
      // A named statement, prepared once per pooled connection by node-postgres.
      const built = step.build(b, tables, "pg") as unknown as { prepare(name: string): { execute(p: unknown): Promise<unknown> } };
      const r = await built.prepare(step.name).execute(step.params);
      if (step.mode === "all") return r;
      if (step.mode === "one") return (r as unknown[])[0];
      return changed(r as Result);
    }
    case "raw": {
      const r = (await d.execute(step.sql("pg") as SQL)) as unknown as Result;
      if (step.mode === "all") return r.rows;
      if (step.mode === "one") return r.rows[0];
      return changed(r);
    }
    case "tx":
      return inTx
        ? (d as PgTx).transaction((tx) => runPgIn(tx, true, step.body()))
        : pgTransaction(d as PgDb, (tx) => runPgIn(tx, true, step.body()), { isolationLevel: step.isolation });
    case "dialect":
      return "pg";
    case "sqlite":
      throw new NotOnPostgres(step.what);
  }
}

function changed(r: Result | unknown[]): number {
  return Array.isArray(r) ? r.length : (r.rowCount ?? 0);
}

async function runPgIn<T>(d: PgHandle, inTx: boolean, q: Q<T>): Promise<T> {
  let input: unknown;
  let error: unknown;
  let failed = false;
  for (;;) {
    const next = failed ? q.throw(error) : q.next(input);
    failed = false;
    if (next.done) return next.value;
    try {
      input = await execute(d, inTx, next.value);
    } catch (e) {
      error = e;
      failed = true;
    }
  }
}

/** Runs a data function on PostgreSQL. */
export function runPg<T>(db: PgDb, q: Q<T>): Promise<T> {
  return runPgIn(db, false, q);
}
