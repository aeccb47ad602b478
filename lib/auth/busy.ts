// A database that is busy (another connection holds the write lock past busy_timeout) is a
// temporary condition: the user is told to retry, never that their password or input is wrong.
export const BUSY_MESSAGE = "系统繁忙，请稍后重试";
/** Seconds a client should wait before retrying after a busy answer (HTTP Retry-After). */
export const BUSY_RETRY_AFTER_S = 2;

/**
 * The error code of a database error: better-sqlite3 sets `code` (SQLITE_BUSY …), node-postgres the
 * SQLSTATE (55P03 …); drizzle may wrap either (`cause`).
 */
export function dbErrorCode(e: unknown): string {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return "";
}

/**
 * PostgreSQL's "try again": lock_not_available (lock_timeout, like SQLite's busy_timeout),
 * query_canceled (statement_timeout), serialization failure / deadlock after every retry,
 * too_many_connections, and a server that is shutting down or not yet accepting connections.
 */
const PG_BUSY = new Set(["55P03", "57014", "40001", "40P01", "53300", "57P01", "57P03"]);

/** Whether an error means the database is busy: SQLITE_BUSY / SQLITE_LOCKED, or PG_BUSY. */
export function isBusyError(e: unknown): boolean {
  const code = dbErrorCode(e);
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || PG_BUSY.has(code);
}
