// Consistent online backup with SQLite's backup API: safe while the app is running and writing
// (WAL mode), unlike copying the file. The copy is checked with PRAGMA integrity_check.
// SQLite only: a PostgreSQL deployment is backed up with PostgreSQL's own tools (pg_dump, a
// streaming replica with WAL archiving); this refuses rather than copy an unrelated SQLite file.
import Database from "better-sqlite3";
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { pgDatabaseUrl } from "./pg/client";

/** Why this backup does not apply when the app runs on PostgreSQL. */
export const PG_BACKUP_REFUSAL =
  "当前使用 PostgreSQL（已设置 DATABASE_URL），本命令只能备份 SQLite 数据库文件。请改用 PostgreSQL 的备份方式：pg_dump 做逻辑备份（如 pg_dump -Fc -f nianbao.dump \"$DATABASE_URL\"，用 pg_restore 恢复），并以流复制备库（streaming replica）加 WAL 归档做连续备份（见 docs/postgres.md）";

export interface BackupResult {
  path: string;
  bytes: number;
  integrity: string;
  ms: number;
}

export async function backupDatabase(sourcePath: string, destPath: string, env: Record<string, string | undefined> = process.env): Promise<BackupResult> {
  if (pgDatabaseUrl(env)) throw new Error(PG_BACKUP_REFUSAL);
  const t0 = Date.now();
  mkdirSync(dirname(destPath), { recursive: true });
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(destPath);
  } finally {
    source.close();
  }
  const copy = new Database(destPath, { readonly: true });
  let integrity: string;
  try {
    integrity = String(copy.pragma("integrity_check", { simple: true }));
  } finally {
    copy.close();
  }
  return { path: destPath, bytes: statSync(destPath).size, integrity, ms: Date.now() - t0 };
}

/** data/backups/nianbao-20250120-153000.db next to the database. */
export function defaultBackupPath(databasePath: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${dirname(databasePath)}/backups/nianbao-${stamp}.db`;
}
