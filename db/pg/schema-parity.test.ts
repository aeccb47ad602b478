// The SQLite schema (db/schema.ts) and the PostgreSQL schema (db/pg/schema.ts) must describe the
// same database: same tables, same columns with mapped types, nullability, defaults, keys, the same
// indexes, foreign keys and checks. And the PostgreSQL migrations must create exactly the pg schema
// (compared with drizzle-kit's snapshot of the last migration). A column or index added to one side
// only fails here, not in production. Runs without a PostgreSQL server.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { SQL, is } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../client";
import * as qualitySchema from "../quality";
import * as liteSchema from "../schema";
import * as pgSchema from "./schema";

/** SQLite column type → PostgreSQL column type (see the mapping in db/pg/schema.ts). */
const TYPE_MAP: Record<string, string> = {
  SQLiteInteger: "PgInteger",
  SQLiteTimestamp: "PgTimestamp",
  SQLiteBoolean: "PgBoolean",
  SQLiteText: "PgText",
  SQLiteBlobBuffer: "PgCustomColumn:bytea",
  // SQLite's real is an 8-byte double; PostgreSQL's real is 4 bytes.
  SQLiteReal: "PgDoublePrecision",
};

/**
 * The deliberate differences, each with its reason. An index listed here is on an expression in
 * PostgreSQL instead of the column: btree entries hold at most ~2.7 KB and a layout is ~10 KB.
 */
const PG_ONLY_INDEX_EXPRESSIONS: Record<string, string> = {
  snapshot_layouts_keys_unique: "md5(keys)",
};

// Tables declared outside db/schema.ts (db/quality.ts) are part of the database all the same.
const liteTables = ([...Object.values(liteSchema), ...Object.values(qualitySchema)] as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
const pgTables = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

type Col = { name: string; columnType: string; notNull: boolean; primary: boolean; hasDefault: boolean; default: unknown; enumValues?: string[] };

function describeColumn(c: Col, dialect: "sqlite" | "pg") {
  const anyC = c as unknown as Record<string, unknown>;
  return {
    name: c.name,
    type:
      dialect === "sqlite"
        ? (TYPE_MAP[c.columnType] ?? `unmapped ${c.columnType}`)
        : c.columnType === "PgCustomColumn"
          ? `PgCustomColumn:${(c as unknown as { getSQLType(): string }).getSQLType()}`
          : c.columnType,
    notNull: c.notNull,
    primary: c.primary,
    // An SQL default (the creation time) on both, or the same literal.
    default: !c.hasDefault || c.default === undefined ? null : is(c.default, SQL) ? "sql" : c.default,
    enum: c.enumValues ?? null,
    // SQLite's autoincrement key is PostgreSQL's identity column.
    identity: dialect === "sqlite" ? anyC.autoIncrement === true : anyC.generatedIdentity !== undefined,
    // Timestamps: milliseconds since the epoch in SQLite, timestamp(3) with time zone in PostgreSQL.
    timestamp:
      c.columnType === "SQLiteTimestamp"
        ? anyC.mode === "timestamp_ms"
        : c.columnType === "PgTimestamp"
          ? anyC.withTimezone === true && anyC.precision === 3
          : null,
  };
}

function columnsOfIndex(cols: unknown[]): string[] {
  return cols.map((c) => {
    if (c && typeof c === "object" && "name" in c && typeof (c as { name: unknown }).name === "string") return (c as { name: string }).name;
    return "<expression>";
  });
}

/**
 * The database as the SQLite migrations create it. A check written only in a migration (0010's
 * status checks, absent from the drizzle definition in db/quality.ts) is a check all the same.
 */
const migratedLite = openDatabase(":memory:", { seed: false }).$client;
afterAll(() => migratedLite.close());
function migratedChecks(table: string): string[] {
  const row = migratedLite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  return [...(row?.sql ?? "").matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK/gi)].map((m) => m[1]!);
}

function shape(config: ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>, dialect: "sqlite" | "pg") {
  return {
    columns: (config.columns as unknown as Col[]).map((c) => describeColumn(c, dialect)),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes
      .map((i) => {
        const name = i.config.name ?? "";
        const cols = columnsOfIndex(i.config.columns as unknown[]);
        return { name, unique: i.config.unique ?? false, columns: dialect === "pg" && PG_ONLY_INDEX_EXPRESSIONS[name] ? ["<as sqlite>"] : cols };
      })
      .map((i) => (dialect === "sqlite" && PG_ONLY_INDEX_EXPRESSIONS[i.name] ? { ...i, columns: ["<as sqlite>"] } : i))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return {
          columns: r.columns.map((c) => c.name),
          table: (r.foreignTable as unknown as { [k: symbol]: string })[Symbol.for("drizzle:Name")],
          foreignColumns: r.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? "no action",
        };
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    checks: [...new Set([...config.checks.map((c) => c.name), ...(dialect === "sqlite" ? migratedChecks(config.name) : [])])].sort(),
  };
}

describe("SQLite 与 PostgreSQL 的表结构一致", () => {
  it("has the same tables", () => {
    const names = (ts: (SQLiteTable | PgTable)[]) => ts.map((t) => (t as unknown as { [k: symbol]: string })[Symbol.for("drizzle:Name")]).sort();
    expect(names(pgTables)).toEqual(names(liteTables));
    expect(liteTables.length).toBeGreaterThan(10);
  });

  for (const lite of liteTables) {
    const config = sqliteTableConfig(lite);
    it(`table ${config.name}: columns, types, keys, indexes, foreign keys, checks`, () => {
      const pg = pgTables.find((t) => pgTableConfig(t).name === config.name);
      expect(pg, `${config.name} is missing from db/pg/schema.ts`).toBeDefined();
      expect(shape(pgTableConfig(pg!), "pg")).toEqual(shape(config, "sqlite"));
    });
  }

  it("every deliberate index difference is really an expression index in PostgreSQL", () => {
    for (const name of Object.keys(PG_ONLY_INDEX_EXPRESSIONS)) {
      const found = pgTables.flatMap((t) => pgTableConfig(t).indexes).find((i) => i.config.name === name);
      expect(found, name).toBeDefined();
      expect(columnsOfIndex(found!.config.columns as unknown[])).toEqual(["<expression>"]);
    }
  });
});

describe("db/pg/migrations 生成的正是 db/pg/schema.ts", () => {
  const folder = join(__dirname, "migrations");
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries[journal.entries.length - 1]!;
  const snapshot = JSON.parse(readFileSync(join(folder, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8")) as {
    tables: Record<string, { name: string; columns: Record<string, { name: string; notNull: boolean; primaryKey: boolean }>; indexes: Record<string, { isUnique: boolean; columns: { expression: string; isExpression: boolean }[] }> }>;
  };

  it("the last migration's snapshot has every table, column and index of the schema (run `npx drizzle-kit generate --config drizzle.pg.config.ts` after a change)", () => {
    const fromSnapshot = Object.values(snapshot.tables)
      .map((t) => ({
        name: t.name,
        columns: Object.values(t.columns).map((c) => [c.name, c.notNull, c.primaryKey]),
        indexes: Object.entries(t.indexes)
          .map(([n, i]) => [n, i.isUnique, i.columns.map((c) => c.expression).join(",")])
          .sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const fromSchema = pgTables
      .map((t) => pgTableConfig(t))
      .map((c) => ({
        name: c.name,
        columns: c.columns.map((col) => [col.name, col.notNull, col.primary]),
        indexes: c.indexes
          .map((i) => [
            i.config.name,
            i.config.unique ?? false,
            columnsOfIndex(i.config.columns as unknown[])
              .map((n, k) => (n === "<expression>" ? snapshot.tables[`public.${c.name}`]?.indexes[i.config.name ?? ""]?.columns[k]?.expression : n))
              .join(","),
          ])
          .sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(fromSnapshot).toEqual(fromSchema);
  });

});

/**
 * What the SQLite migrations really create (whatever file declares the drizzle table — a module
 * may define its own tables outside db/schema.ts) against the pg schema and migrations: every
 * table, column, index and trigger must have its PostgreSQL twin.
 */
describe("迁移后的 SQLite 数据库在 PostgreSQL 中都有对应", () => {
  const lite = migratedLite;
  const pgFolder = join(__dirname, "migrations");
  const pgJournal = JSON.parse(readFileSync(join(pgFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const pgSql = pgJournal.entries.map((e) => readFileSync(join(pgFolder, `${e.tag}.sql`), "utf8")).join("\n");
  const pgByName = new Map(pgTables.map((t) => [pgTableConfig(t).name, pgTableConfig(t)]));
  const master = lite.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> '__drizzle_migrations'").all() as { type: string; name: string; tbl_name: string }[];

  it("every table and column, with its nullability and primary key", () => {
    for (const { name } of master.filter((m) => m.type === "table")) {
      const pg = pgByName.get(name);
      expect(pg, `table ${name} (created by a SQLite migration) is missing from db/pg/schema.ts`).toBeDefined();
      const cols = lite.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(?) ORDER BY cid`).all(name) as { name: string; nn: number; pk: number }[];
      // By name: the order differs where SQLite added a column with ALTER TABLE (always last).
      const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
      expect(
        pg!.columns.map((c) => [c.name, c.notNull, c.primary]).sort(byName),
        `columns of ${name}`,
      ).toEqual(cols.map((c) => [c.name, c.nn === 1 || c.pk > 0, c.pk > 0]).sort(byName));
    }
  });

  it("every index", () => {
    const pgIndexes = new Set([...pgByName.values()].flatMap((c) => c.indexes.map((i) => i.config.name)));
    for (const { name } of master.filter((m) => m.type === "index")) expect(pgIndexes.has(name), `index ${name} has no PostgreSQL twin`).toBe(true);
  });

  it("every trigger (append-only guards, the freeze of published data, derived rows) has its PL/pgSQL twin", () => {
    const pgTriggers = new Set([...pgSql.matchAll(/CREATE TRIGGER "(\w+)"/g)].map((m) => m[1]));
    const liteTriggers = master.filter((m) => m.type === "trigger").map((m) => m.name);
    expect(liteTriggers.length).toBeGreaterThanOrEqual(12);
    for (const t of liteTriggers) expect(pgTriggers.has(t), `trigger ${t} has no PostgreSQL twin in db/pg/migrations`).toBe(true);
  });
});
