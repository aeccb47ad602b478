// Consistent online backup with SQLite's backup API: safe while the app is running and writing
// (WAL mode), unlike copying the file. The copy is checked with PRAGMA integrity_check.
import Database from "better-sqlite3";
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

export interface BackupResult {
  path: string;
  bytes: number;
  integrity: string;
  ms: number;
}

export async function backupDatabase(sourcePath: string, destPath: string): Promise<BackupResult> {
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
