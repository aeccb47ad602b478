// One body of data-access code for both databases (issue 19).
//
// A data function is a generator of steps: it yields a description of each query (a builder function
// that receives the dialect's query builder and tables) and receives the query's result back. A
// runner executes the steps:
//   • SQLite (db/run-sqlite.ts) runs them synchronously, as before: a transaction is better-sqlite3's
//     synchronous transaction, so no other request can ever interleave with it, and the hot paths keep
//     their prepared statements and their speed;
//   • PostgreSQL (db/run-pg.ts) awaits each query on a pool connection, and a transaction on one
//     connection (pgTransaction: retried as a whole after a serialization failure or deadlock, which
//     is why a transaction's body is a function that makes a fresh generator).
// So the same code decides the same way on both; only the runner differs. Callers in the app use
// `await run(fn(...))` (db/store.ts); data functions call each other with `yield* fn(...)`.
//
// The builder is typed as SQLite's (drizzle's query builders have the same shape on both); on
// PostgreSQL the runner hands in the pg builder with the pg twin tables of db/pg/schema.ts (the
// parity test keeps them the same). Rules for a builder function: build ONE query from `d` and `t`
// and return it un-executed (no .get()/.all()/.run(): the runner executes it); tables only from `t`;
// anything dialect-specific decided on the `dialect` argument.
import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";
import type * as schema from "./schema";

export type Dialect = "sqlite" | "pg";
export type Tables = typeof schema;
/** The query builder a step receives: SQLite's type; on PostgreSQL the pg builder (same shape). */
export type Builder = DbOrTx;
export type Build<R> = (d: Builder, t: Tables, dialect: Dialect) => R;
export type Isolation = "read committed" | "repeatable read" | "serializable";

export type Step =
  | { kind: "all" | "one" | "exec"; build: Build<unknown>; lock?: boolean }
  | { kind: "raw"; mode: "all" | "one" | "exec"; sql: (dialect: Dialect) => SQL }
  | { kind: "prepared"; mode: "all" | "one" | "exec"; name: string; build: Build<unknown>; params: Record<string, unknown> }
  | { kind: "tx"; body: () => Q<unknown>; isolation?: Isolation }
  | { kind: "dialect" }
  | { kind: "sqlite"; f: (db: DbOrTx) => unknown; what: string };

/** A data function's generator: yields steps, returns T. */
export type Q<T> = Generator<Step, T, unknown>;

/** Every row of a query. */
export function* all<R>(build: Build<PromiseLike<R[]>>): Q<R[]> {
  return (yield { kind: "all", build }) as R[];
}

/** The first row of a query, or undefined. Add `.limit(1)` where more rows could match. */
export function* one<R>(build: Build<PromiseLike<R[]>>): Q<R | undefined> {
  return (yield { kind: "one", build }) as R | undefined;
}

/**
 * The first row of a SELECT, locked until the transaction ends: a decision about one row (a report's
 * state before a transition) that another app server must not make at the same time. PostgreSQL:
 * SELECT … FOR UPDATE (a second server waits, then reads the new row). SQLite: a plain read — the
 * transaction already holds the database's write lock (BEGIN IMMEDIATE).
 */
export function* lockOne<R>(build: Build<PromiseLike<R[]>>): Q<R | undefined> {
  return (yield { kind: "one", build, lock: true }) as R | undefined;
}

/** An INSERT/UPDATE/DELETE without RETURNING; returns how many rows it changed. */
export function* exec(build: Build<PromiseLike<unknown>>): Q<number> {
  return (yield { kind: "exec", build }) as number;
}

/** Hand-written SQL (drizzle's `sql` template, so parameters are bound), per dialect where the SQL differs. */
export function* rawAll<R>(sql: (dialect: Dialect) => SQL): Q<R[]> {
  return (yield { kind: "raw", mode: "all", sql }) as R[];
}
export function* rawOne<R>(sql: (dialect: Dialect) => SQL): Q<R | undefined> {
  return (yield { kind: "raw", mode: "one", sql }) as R | undefined;
}
export function* rawExec(sql: (dialect: Dialect) => SQL): Q<number> {
  return (yield { kind: "raw", mode: "exec", sql }) as number;
}

/**
 * A hot-path query, prepared once per SQLite connection (building and preparing costs ~0.2 ms, running
 * ~0.01 ms) with `sql.placeholder(name)` parameters. On PostgreSQL it is built each time (a prepared
 * statement belongs to one pooled connection).
 */
export function* preparedAll<R>(name: string, build: Build<PromiseLike<R[]>>, params: Record<string, unknown>): Q<R[]> {
  return (yield { kind: "prepared", mode: "all", name, build, params }) as R[];
}
export function* preparedOne<R>(name: string, build: Build<PromiseLike<R[]>>, params: Record<string, unknown>): Q<R | undefined> {
  return (yield { kind: "prepared", mode: "one", name, build, params }) as R | undefined;
}
export function* preparedExec(name: string, build: Build<PromiseLike<unknown>>, params: Record<string, unknown>): Q<number> {
  return (yield { kind: "prepared", mode: "exec", name, build, params }) as number;
}

/**
 * Runs `body` in one transaction (inside another one: a savepoint). SQLite: BEGIN IMMEDIATE — the write
 * lock from the start, so a read-then-write decision cannot be overtaken. PostgreSQL: READ COMMITTED by
 * default; a decision over several rows asks for "serializable"; a decision about one report locks it
 * first (lockReport). The body may run more than once on PostgreSQL (retry): no side effects outside
 * the database in it.
 */
export function* transaction<T>(body: () => Q<T>, opts: { isolation?: Isolation } = {}): Q<T> {
  return (yield { kind: "tx", body, isolation: opts.isolation }) as T;
}

/** Which database runs this. */
export function* dialect(): Q<Dialect> {
  return (yield { kind: "dialect" }) as Dialect;
}

/**
 * Code not yet written as steps (SQLite only, synchronous). On PostgreSQL it fails with a clear message
 * naming `what`; nothing should be left using it when the conversion is finished.
 */
export function* sqliteOnly<T>(what: string, f: (db: DbOrTx) => T): Q<T> {
  return (yield { kind: "sqlite", f, what }) as T;
}

/** Thrown on PostgreSQL by a step that has only a SQLite implementation so far. */
export class NotOnPostgres extends Error {
  constructor(what: string) {
    super(`「${what}」尚不支持 PostgreSQL`);
    this.name = "NotOnPostgres";
  }
}
