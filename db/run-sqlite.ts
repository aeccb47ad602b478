// The SQLite runner of db/unit.ts steps: synchronous, on the process's one connection. A
// transaction is better-sqlite3's synchronous transaction (BEGIN IMMEDIATE; a nested one a
// savepoint), so nothing else runs on the connection while it is open.
import type { SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "./client";
import * as tables from "./schema";
import type { Q, Step } from "./unit";

type Runnable = { all(p?: unknown): unknown[]; get(p?: unknown): unknown; run(p?: unknown): { changes: number } };
type Preparable = { prepare(): Runnable };

const statementsOf = new WeakMap<object, Map<string, Runnable>>();

/** The better-sqlite3 connection under a drizzle database or transaction. */
function connectionOf(d: DbOrTx): object {
  return (d as Partial<Db>).$client ?? (d as unknown as { session: { client: object } }).session.client;
}

function preparedStatement(root: DbOrTx, name: string, build: () => unknown): Runnable {
  const connection = connectionOf(root);
  let statements = statementsOf.get(connection);
  if (!statements) statementsOf.set(connection, (statements = new Map()));
  let s = statements.get(name);
  if (!s) statements.set(name, (s = (build() as Preparable).prepare()));
  return s;
}

function execute(root: DbOrTx, d: DbOrTx, step: Step): unknown {
  switch (step.kind) {
    case "all":
      return (step.build(d, tables, "sqlite") as Runnable).all();
    case "one":
      return (step.build(d, tables, "sqlite") as Runnable).get();
    case "exec":
      return (step.build(d, tables, "sqlite") as Runnable).run().changes;
    case "raw": {
      const q: SQL = step.sql("sqlite");
      if (step.mode === "all") return d.all(q);
      if (step.mode === "one") return d.get(q);
      return d.run(q).changes;
    }
    case "prepared": {
      // Prepared on the connection; inside a transaction it runs in that transaction (one connection).
      const s = preparedStatement(root, step.name, () => step.build(root, tables, "sqlite"));
      if (step.mode === "all") return s.all(step.params);
      if (step.mode === "one") return s.get(step.params);
      return s.run(step.params).changes;
    }
    case "tx":
      // The outermost transaction takes the write lock at BEGIN; drizzle makes a nested one a savepoint.
      return "$client" in d
        ? d.transaction(() => runSqliteIn(root, d, step.body()), { behavior: "immediate" })
        : d.transaction((tx) => runSqliteIn(root, tx, step.body()));
    case "dialect":
      return "sqlite";
    case "sqlite":
      return step.f(d);
  }
}

function runSqliteIn<T>(root: DbOrTx, d: DbOrTx, q: Q<T>): T {
  let input: unknown;
  let error: unknown;
  let failed = false;
  for (;;) {
    const next = failed ? q.throw(error) : q.next(input);
    failed = false;
    if (next.done) return next.value;
    try {
      input = execute(root, d, next.value);
    } catch (e) {
      error = e;
      failed = true;
    }
  }
}

/**
 * Runs a data function on a SQLite connection, synchronously (also inside one of drizzle's
 * synchronous transactions, for code not yet written as steps).
 */
export function runSqlite<T>(db: DbOrTx, q: Q<T>): T {
  return runSqliteIn(db, db, q);
}
