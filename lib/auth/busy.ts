// A database that is busy (another connection holds the write lock past busy_timeout) is a
// temporary condition: the user is told to retry, never that their password or input is wrong.
export const BUSY_MESSAGE = "系统繁忙，请稍后重试";
/** Seconds a client should wait before retrying after a busy answer (HTTP Retry-After). */
export const BUSY_RETRY_AFTER_S = 2;

/** Whether an error is SQLite's SQLITE_BUSY / SQLITE_LOCKED (better-sqlite3 sets `code`). */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}
