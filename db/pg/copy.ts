// `nianbao db copy --to postgres://…`: moves a SQLite deployment to an empty PostgreSQL database —
// every table, row by row with its id (audit entries, snapshots and archives with their content
// hashes), the identity sequences set past the highest id SQLite ever gave — and verifies it before
// committing: the row count and a SHA-256 over every row's values of every table must be the same
// read back from PostgreSQL as read from SQLite, and so must the number of snapshots/archives whose
// content_hash is the SHA-256 of their data. All in one PostgreSQL transaction: a failed copy or
// verification leaves the target without any row (its tables, created by the migrations, stay).
// SQLite is only read (one read transaction, so a server still running sees no difference and the
// copy is of one moment).
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import type pg from "pg";
import { migrationsFolder as sqliteMigrationsFolder } from "../client";
import { migratePg, openPgDatabase, pgMigrationsFolder } from "./client";
import * as pgSchema from "./schema";

export class CopyError extends Error {}

export interface TableCopy {
  table: string;
  rows: number;
  /** SHA-256 over the rows' values, the same read from SQLite and from PostgreSQL. */
  hash: string;
}
export interface CopyResult {
  tables: TableCopy[];
  /** Snapshots and archives whose content_hash is the SHA-256 of their data (the same on both). */
  hashedSnapshots: { table: string; matching: number; rows: number }[];
  ms: number;
}

type Kind = "integer" | "double" | "boolean" | "timestamp" | "text" | "bytes";
interface TableInfo {
  name: string;
  columns: { name: string; kind: Kind }[];
  pk: string[];
  identity: string | null;
  /** Columns that reference the table itself (agencies.parent_id): written after all rows. */
  selfRefs: string[];
  deps: string[];
}

const nameOf = (t: PgTable) => getTableConfig(t).name;

function kindOf(c: PgColumn): Kind {
  switch (c.columnType) {
    case "PgInteger":
      return "integer";
    case "PgDoublePrecision":
      return "double";
    case "PgBoolean":
      return "boolean";
    case "PgTimestamp":
      return "timestamp";
    case "PgText":
      return "text";
    case "PgCustomColumn":
      if (c.getSQLType() === "bytea") return "bytes";
      throw new Error(`db copy: no conversion for column type ${c.getSQLType()}`);
    default:
      throw new Error(`db copy: no conversion for column type ${c.columnType}`);
  }
}

/** The tables of the pg schema, parents before children (foreign keys). */
export function copyPlan(): TableInfo[] {
  const tables = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const infos = tables.map((t): TableInfo => {
    const c = getTableConfig(t);
    const fks = c.foreignKeys.map((fk) => fk.reference());
    const selfRefs = fks.filter((r) => nameOf(r.foreignTable) === c.name).flatMap((r) => r.columns.map((col) => col.name));
    const pk = c.columns.filter((col) => col.primary).map((col) => col.name);
    return {
      name: c.name,
      columns: c.columns.map((col) => ({ name: col.name, kind: kindOf(col) })),
      pk: pk.length ? pk : c.primaryKeys.flatMap((p) => p.columns.map((col) => col.name)),
      identity: c.columns.find((col) => col.generatedIdentity !== undefined)?.name ?? null,
      selfRefs,
      deps: [...new Set(fks.map((r) => nameOf(r.foreignTable)).filter((n) => n !== c.name))],
    };
  });
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < infos.length) {
    const next = infos.find((t) => !done.has(t.name) && t.deps.every((d) => done.has(d)));
    if (!next) throw new Error("db copy: foreign keys form a cycle");
    ordered.push(next);
    done.add(next.name);
  }
  return ordered;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A SQLite value as the value PostgreSQL stores for the column (what the app reads on either). */
export function convert(table: string, column: { name: string; kind: Kind }, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  const bad = () => new CopyError(`表 ${table} 的列 ${column.name} 有无法转换的值：${String(v).slice(0, 80)}`);
  switch (column.kind) {
    case "integer":
      if (typeof v !== "number" || !Number.isInteger(v) || v > 2147483647 || v < -2147483648) throw bad();
      return v;
    case "double":
      // SQLite's real (an 8-byte double, as PostgreSQL's double precision); an integer stored in a
      // real column comes back as a number too. NaN/Infinity never come from SQLite.
      if (typeof v !== "number" || !Number.isFinite(v)) throw bad();
      return v;
    case "boolean":
      if (v === 0 || v === 1) return v === 1;
      throw bad();
    case "timestamp": {
      // Milliseconds since the epoch (drizzle's timestamp_ms); a Date keeps whole milliseconds.
      if (typeof v !== "number" || !Number.isFinite(v)) throw bad();
      return new Date(v);
    }
    case "text":
      if (typeof v !== "string") throw bad();
      if (v.includes("\u0000")) throw new CopyError(`表 ${table} 的列 ${column.name} 含有 PostgreSQL 文本不能保存的 NUL 字符`);
      return v;
    case "bytes":
      if (!Buffer.isBuffer(v)) throw bad();
      return v;
  }
}

/** What the row hash reads of a value: the same for SQLite's converted value and pg's. */
export function canonical(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (Buffer.isBuffer(v)) return `\\x${v.toString("hex")}`;
  return v ?? null;
}

class RowHasher {
  private h = createHash("sha256");
  rows = 0;
  add(values: unknown[]): void {
    this.h.update(JSON.stringify(values.map(canonical)));
    this.h.update("\n");
    this.rows++;
  }
  digest(): string {
    return this.h.digest("hex");
  }
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

function sqliteMigrationCount(root: string | undefined): number {
  const folder = root ? join(root, "db", "migrations") : sqliteMigrationsFolder();
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

export interface CopyOptions {
  from: string;
  to: string;
  /** The project folder holding db/migrations and db/pg/migrations (default: the working directory). */
  root?: string;
  log?: (line: string) => void;
}

/** Copies the SQLite database `from` into the empty PostgreSQL database `to`, verified. */
export async function copySqliteToPostgres(opts: CopyOptions): Promise<CopyResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  let lite: Database.Database;
  try {
    lite = new Database(opts.from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new CopyError(`无法打开 SQLite 数据库 ${opts.from}：${e instanceof Error ? e.message : String(e)}`);
  }
  let pool: pg.Pool | undefined;
  try {
    const plan = copyPlan();
    // The source must be at this version's schema: the app migrates it when it starts.
    let applied = 0;
    try {
      applied = (lite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
    } catch {
      throw new CopyError(`${opts.from} 不是 nianbao 的数据库（没有迁移记录）`);
    }
    const expected = sqliteMigrationCount(opts.root);
    if (applied !== expected) {
      throw new CopyError(
        `源数据库已应用 ${applied} 个迁移，本版本有 ${expected} 个：请先用本版本启动一次应用（它会升级数据库），再复制。`,
      );
    }
    const liteTables = (lite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'").all() as { name: string }[])
      .map((r) => r.name)
      .sort();
    const planned = plan.map((t) => t.name).sort();
    if (JSON.stringify(liteTables) !== JSON.stringify(planned)) {
      throw new CopyError(`SQLite 与 PostgreSQL 的表不一致：SQLite 有 ${liteTables.join("、")}；PostgreSQL 结构有 ${planned.join("、")}`);
    }

    try {
      pool = (await openPgDatabase(opts.to, { max: 1, migrate: false })).$client;
      await migratePg(pool, opts.root ? join(opts.root, "db", "pg", "migrations") : pgMigrationsFolder());
    } catch (e) {
      throw new CopyError(`无法连接或初始化 PostgreSQL：${e instanceof Error ? e.message : String(e)}`);
    }
    const client = await pool.connect();
    try {
      for (const t of plan) {
        const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${q(t.name)}) AS has`);
        if (rows[0].has) throw new CopyError(`目标数据库不是空的（表 ${t.name} 已有数据）：只能复制到新建的空数据库。`);
      }
      const sequences = new Map(
        (lite.prepare("SELECT name, seq FROM sqlite_sequence").all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]),
      );

      // A large table's batch or read-back may take longer than a request's statement timeout.
      await client.query("SET statement_timeout = 0; SET lock_timeout = 0");
      lite.exec("BEGIN"); // one consistent read of SQLite
      await client.query("BEGIN");
      // Rows of snapshot_cells/snapshot_layouts come from SQLite as they are, ids included:
      // the pg trigger that would derive them again stands aside (db/pg/migrations/0001_guards.sql).
      await client.query("SELECT set_config('nianbao.copying', 'on', true)");
      const result: CopyResult = { tables: [], hashedSnapshots: [], ms: 0 };
      try {
        for (const t of plan) {
          const hasher = new RowHasher();
          await copyTable(lite, client, t, hasher);
          const rows = hasher.rows;
          const hash = hasher.digest();
          // Verify: read everything back from PostgreSQL, in the same order, through the same hash.
          const back = await hashPgTable(client, t);
          if (back.rows !== rows || back.hash !== hash) {
            throw new CopyError(`校验失败：表 ${t.name} 在 SQLite 中 ${rows} 行（${hash.slice(0, 12)}），复制后 ${back.rows} 行（${back.hash.slice(0, 12)}）`);
          }
          if (t.identity) {
            const seq = Math.max(sequences.get(t.name) ?? 0, 0);
            await client.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3::bigint, (SELECT COALESCE(max(${q(t.identity)}), 0) FROM ${q(t.name)}), 1), GREATEST($3::bigint, (SELECT COALESCE(max(${q(t.identity)}), 0) FROM ${q(t.name)})) > 0)`,
              [q(t.name), t.identity, seq],
            );
          }
          result.tables.push({ table: t.name, rows, hash });
          log(`${t.name}：${rows} 行，校验一致（SHA-256 ${hash.slice(0, 16)}…）`);
        }
        for (const table of ["report_versions", "legacy_archives"]) {
          let matching = 0;
          let rows = 0;
          for (const r of lite.prepare(`SELECT data, content_hash FROM ${q(table)}`).iterate() as Iterable<{ data: string; content_hash: string }>) {
            rows++;
            if (sha256(r.data) === r.content_hash) matching++;
          }
          const { rows: pgRows } = await client.query(
            `SELECT count(*)::int AS n, count(*) FILTER (WHERE encode(sha256(convert_to(data, 'UTF8')), 'hex') = content_hash)::int AS matching FROM ${q(table)}`,
          );
          if (pgRows[0].n !== rows || pgRows[0].matching !== matching) {
            throw new CopyError(`校验失败：${table} 中内容与 content_hash 相符的有 SQLite ${matching}/${rows}、PostgreSQL ${pgRows[0].matching}/${pgRows[0].n}`);
          }
          result.hashedSnapshots.push({ table, matching, rows });
          log(`${table}：${matching}/${rows} 份的 content_hash 与内容相符（两边相同）`);
        }
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        lite.exec("COMMIT");
      }
      result.ms = Date.now() - t0;
      return result;
    } finally {
      client.release();
    }
  } finally {
    lite.close();
    await pool?.end();
  }
}

/** Inserts every row of a table (ordered by its key) in batches; feeds the converted rows to `hasher`. */
async function copyTable(lite: Database.Database, client: pg.PoolClient, t: TableInfo, hasher: RowHasher): Promise<void> {
  const cols = t.columns;
  const maxRows = Math.max(1, Math.min(1000, Math.floor(60_000 / cols.length)));
  const maxBytes = 8 * 1024 * 1024;
  let batch: unknown[][] = [];
  let bytes = 0;
  const selfRefIdx = t.selfRefs.map((n) => cols.findIndex((c) => c.name === n));
  const deferred: unknown[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(",")})`);
    await client.query(`INSERT INTO ${q(t.name)} (${cols.map((c) => q(c.name)).join(",")}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(",")}`, params);
    batch = [];
    bytes = 0;
  };
  const sqlText = `SELECT ${cols.map((c) => q(c.name)).join(",")} FROM ${q(t.name)} ORDER BY ${t.pk.map(q).join(",")}`;
  for (const raw of lite.prepare(sqlText).raw(true).iterate() as Iterable<unknown[]>) {
    const row = raw.map((v, i) => convert(t.name, cols[i]!, v));
    hasher.add(row);
    if (selfRefIdx.length) {
      // Written once every row exists: a parent may have a higher id than its child.
      const pkValues = t.pk.map((n) => row[cols.findIndex((c) => c.name === n)]);
      const refs = selfRefIdx.map((i) => row[i]);
      if (refs.some((v) => v !== null)) deferred.push([...pkValues, ...refs]);
      for (const i of selfRefIdx) row[i] = null;
    }
    batch.push(row);
    for (const v of row) if (typeof v === "string") bytes += v.length * 3;
    else if (Buffer.isBuffer(v)) bytes += v.length;
    if (batch.length >= maxRows || bytes >= maxBytes) await flush();
  }
  await flush();
  for (const d of deferred) {
    const sets = t.selfRefs.map((n, k) => `${q(n)} = $${t.pk.length + k + 1}`).join(", ");
    const where = t.pk.map((n, k) => `${q(n)} = $${k + 1}`).join(" AND ");
    await client.query(`UPDATE ${q(t.name)} SET ${sets} WHERE ${where}`, d);
  }
}

/** The row count and hash of a pg table, read in key order in pages (bounded memory). */
async function hashPgTable(client: pg.PoolClient, t: TableInfo): Promise<{ rows: number; hash: string }> {
  const hasher = new RowHasher();
  const cols = t.columns.map((c) => q(c.name)).join(",");
  // Text keys in byte order, as SQLite's BINARY collation sorts them (whatever the database's locale).
  const key = (n: string) => (t.columns.find((c) => c.name === n)?.kind === "text" ? `${q(n)} COLLATE "C"` : q(n));
  const order = t.pk.map(key).join(",");
  const page = 2000;
  let last: unknown[] | null = null;
  for (;;) {
    const where = last ? `WHERE (${order}) > (${last.map((_, i) => `$${i + 1}`).join(",")})` : "";
    const { rows } = await client.query({ text: `SELECT ${cols} FROM ${q(t.name)} ${where} ORDER BY ${order} LIMIT ${page}`, values: last ?? [], rowMode: "array" });
    for (const r of rows as unknown[][]) hasher.add(r);
    if (rows.length < page) break;
    const lastRow = rows[rows.length - 1] as unknown[];
    last = t.pk.map((n) => lastRow[t.columns.findIndex((c) => c.name === n)]);
  }
  return { rows: hasher.rows, hash: hasher.digest() };
}

