// Runs once when the server process starts: open the database now (applying migrations and, on an
// empty database, creating the demo data) rather than on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDb, databasePath } = await import("./db/client");
  getDb();
  console.log(`[nianbao] 数据库：${databasePath()}`);
}
