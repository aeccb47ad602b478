// Demo data, created on first start when the database has no agency: a supervising office with
// three subordinate agencies, a drafter and a reviewer in each, a supervisor and an admin.
// The accounts are listed in the README.
import { count } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { hashPasswordSync } from "../lib/auth/password";
import * as schema from "./schema";

export const DEMO_PASSWORD = "nianbao2026";

export const DEMO_AGENCIES = [
  { key: "office", name: "示范市人民政府办公室", code: "sfszfb", parent: null },
  { key: "yingji", name: "示范市应急管理局", code: "sfsyjj", parent: "office" },
  { key: "shengtai", name: "示范市生态环境局", code: "sfssthjj", parent: "office" },
  { key: "jiaotong", name: "示范市交通运输局", code: "sfsjtysj", parent: "office" },
] as const;

export const DEMO_USERS: readonly {
  login: string;
  displayName: string;
  role: schema.Role;
  agency: (typeof DEMO_AGENCIES)[number]["key"] | null;
}[] = [
  { login: "yingji-drafter", displayName: "王晓明（应急局填报）", role: "drafter", agency: "yingji" },
  { login: "yingji-reviewer", displayName: "李建国（应急局审核）", role: "reviewer", agency: "yingji" },
  { login: "shengtai-drafter", displayName: "赵丽（生态环境局填报）", role: "drafter", agency: "shengtai" },
  { login: "shengtai-reviewer", displayName: "孙伟（生态环境局审核）", role: "reviewer", agency: "shengtai" },
  { login: "jiaotong-drafter", displayName: "周敏（交通局填报）", role: "drafter", agency: "jiaotong" },
  { login: "jiaotong-reviewer", displayName: "吴刚（交通局审核）", role: "reviewer", agency: "jiaotong" },
  { login: "supervisor", displayName: "郑华（市政务公开办）", role: "supervisor", agency: "office" },
  { login: "admin", displayName: "系统管理员", role: "admin", agency: null },
];

export function seedDemoDataIfEmpty(db: BetterSQLite3Database<typeof schema>): boolean {
  const [row] = db.select({ n: count() }).from(schema.agencies).all();
  if ((row?.n ?? 0) > 0) return false;
  if (process.env.NIANBAO_NO_DEMO === "1") return false;
  db.transaction((tx) => {
    const ids = new Map<string, number>();
    for (const a of DEMO_AGENCIES) {
      const inserted = tx
        .insert(schema.agencies)
        .values({ name: a.name, code: a.code, parentId: a.parent ? ids.get(a.parent)! : null })
        .returning({ id: schema.agencies.id })
        .get();
      ids.set(a.key, inserted.id);
    }
    for (const u of DEMO_USERS) {
      tx.insert(schema.users)
        .values({
          login: u.login,
          displayName: u.displayName,
          passwordHash: hashPasswordSync(DEMO_PASSWORD),
          role: u.role,
          agencyId: u.agency ? ids.get(u.agency)! : null,
        })
        .run();
    }
    tx.insert(schema.auditLog)
      .values({ action: "system.seed", entityType: "system", after: JSON.stringify({ demo: true }) })
      .run();
  });
  return true;
}
