// `npm run backup [-- <destination.db>]`: a consistent online copy of the database (SQLite backup
// API), safe while the app runs. Restore: see README (stop the app, put the copy in place).
import { existsSync } from "node:fs";
import { backupDatabase, defaultBackupPath, PG_BACKUP_REFUSAL } from "../db/backup";
import { databasePath } from "../db/client";
import { pgDatabaseUrl } from "../db/pg/client";

async function main(): Promise<void> {
  if (pgDatabaseUrl()) {
    console.error(PG_BACKUP_REFUSAL);
    process.exit(2);
  }
  const src = databasePath();
  if (!existsSync(src)) {
    console.error(`数据库文件不存在：${src}`);
    process.exit(2);
  }
  const dest = process.argv[2] ?? defaultBackupPath(src);
  const r = await backupDatabase(src, dest);
  if (r.integrity !== "ok") {
    console.error(`备份完成但完整性检查未通过：${r.integrity}（${r.path}）`);
    process.exit(1);
  }
  console.log(`已备份：${r.path}（${(r.bytes / 1024).toFixed(0)} KB，${r.ms} ms，完整性检查 ok）`);
}

main().catch((e) => {
  console.error(`备份失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
