// Whether the database can take a save right now, for GET /api/health and for the routes that map
// storage failures to a Chinese 503 (issue 14: a full disk answered "ok", a read-only database
// folder answered saves with an English 500).
import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import { BUSY_MESSAGE, dbErrorCode, isBusyError } from "../lib/auth/busy";
import { sql } from "drizzle-orm";
import { dialect, rawExec, rawOne, type Q } from "./unit";

/**
 * Below this much free space on the database's file system the health check fails: a save writes
 * its pages to the WAL first, and a checkpoint needs room too. 50 MB is a few thousand saves.
 */
export const MIN_FREE_BYTES = 50 * 1024 * 1024;

export type HealthResult = { ok: true } | { ok: false; reason: string };

type Statfs = (path: string) => { bavail: number | bigint; bsize: number | bigint };

/** The Chinese reason a storage error stops saves, or undefined when it is no storage error. */
export function storageProblem(e: unknown): string | undefined {
  const code = dbErrorCode(e);
  if (code.startsWith("SQLITE_READONLY")) return "数据库处于只读状态（文件或所在目录不可写），暂时无法保存，请联系系统管理员";
  if (code === "SQLITE_FULL") return "服务器磁盘空间已满，暂时无法保存，请联系系统管理员";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) return "数据库文件读写出错，暂时无法保存，请联系系统管理员";
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") return "数据库文件已损坏，暂时无法使用，请联系系统管理员";
  if (isBusyError(e)) return BUSY_MESSAGE;
  // PostgreSQL: disk_full, out of memory, read-only (a standby, or default_transaction_read_only),
  // and a lost connection (connection_exception, or node-postgres's own errors without a SQLSTATE).
  if (code === "53100") return "数据库服务器磁盘空间已满，暂时无法保存，请联系系统管理员";
  if (code === "53200") return "数据库服务器内存不足，暂时无法保存，请联系系统管理员";
  if (code === "25006") return "数据库处于只读状态（可能连接到了备库），暂时无法保存，请联系系统管理员";
  if (code.startsWith("08") || code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT") return "无法连接数据库服务器，暂时无法保存，请联系系统管理员";
  return undefined;
}

/**
 * Reads, tries a write, and (SQLite) checks the free space of the database file's disk. The write
 * is an UPDATE that matches no row: it takes the write lock like a save (so a read-only file or
 * folder fails it, as a save would; on PostgreSQL a read-only server — a standby — refuses it) but
 * changes nothing. Free space cannot be proven by a write that is rolled back (nothing reaches the
 * disk), so it is measured; on PostgreSQL the server's disk is not this process's to measure (a
 * full one answers saves with 53100, mapped by storageProblem).
 */
export function* checkStorage(path: string, statfs: Statfs = statfsSync): Q<HealthResult> {
  const which = yield* dialect();
  try {
    const row = yield* rawOne<{ n: number | string }>(() => sql`select count(*) as n from agencies`);
    if (!row) return { ok: false, reason: "数据库不可用：无法读取数据库" };
    yield* rawExec(() => sql`update agencies set name = name where 1 = 0`);
  } catch (e) {
    return { ok: false, reason: storageProblem(e) ?? `数据库不可用：${e instanceof Error ? e.message : String(e)}` };
  }
  if (which === "sqlite" && path !== ":memory:") {
    try {
      const s = statfs(dirname(path));
      const free = Number(s.bavail) * Number(s.bsize);
      if (free < MIN_FREE_BYTES) return { ok: false, reason: `服务器磁盘空间不足（数据库所在磁盘仅剩 ${Math.max(0, Math.floor(free / 1024 / 1024))} MB），暂时无法保存，请联系系统管理员` };
    } catch {
      // A file system that cannot report its space: the write test above stands.
    }
  }
  return { ok: true };
}

/**
 * Runs a data-access call; a storage failure (read-only, full, I/O error …) becomes its Chinese
 * reason, for the route to answer 503. Any other exception is not caught.
 */
export async function withStorage<T>(f: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    // A busy database is not a storage failure: the route's apiRoute wrapper answers it as 503
    // 「系统繁忙，请稍后重试」 with Retry-After, the same everywhere.
    if (isBusyError(e)) throw e;
    const reason = storageProblem(e);
    if (reason === undefined) throw e;
    return { ok: false, reason };
  }
}
