// Runs once when the server process starts: open the database now (applying migrations and, on an
// empty database, creating the demo data) rather than on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // A wrong setting stops the start with a Chinese line naming it (exit 78: the supervisor in
  // scripts/start.mjs does not restart a configuration error).
  const { readServerEnv } = await import("./lib/env");
  const env = readServerEnv(process.env);
  if (!env.ok) {
    for (const p of env.problems) console.error(`[nianbao] ${p}`);
    console.error("[nianbao] 配置有误，服务器未启动 / invalid configuration, not starting");
    process.exit(78);
  }
  // PostgreSQL (DATABASE_URL): open the pool now — migrations, and the seed of an empty database
  // (db/pg/client.ts) — after checking that every server signs sessions with the same secret.
  const { getPgDb, pgDatabaseUrl } = await import("./db/pg/client");
  if (pgDatabaseUrl()) {
    const { AUTH_SECRET_REQUIRED } = await import("./db/auth-secret");
    if (!process.env.AUTH_SECRET) {
      console.error(`[nianbao] ${AUTH_SECRET_REQUIRED}`);
      process.exit(78);
    }
    await openOrExit(() => getPgDb());
    console.log("[nianbao] 数据库：PostgreSQL");
    return;
  }
  const { getDb, databasePath } = await import("./db/client");
  await openOrExit(() => getDb());
  console.log(`[nianbao] 数据库：${databasePath()}`);
}

/**
 * A database that cannot be opened, migrated or seeded stops the process (exit 1) instead of leaving
 * a server that answers every request with an error and is never restarted. Found with two servers
 * started at the same instant on a fresh SQLite file: one lost the race to migrate or seed it
 * (SQLITE_BUSY, or the other's demo agencies) and kept running broken. The supervisor (systemd, or
 * scripts/start.mjs) starts it again; the database is then migrated and seeded, and it comes up.
 */
async function openOrExit(open: () => unknown): Promise<void> {
  try {
    await open();
  } catch (e) {
    console.error(`[nianbao] 无法打开数据库，服务器进程退出以便重启 / cannot open the database, exiting: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
