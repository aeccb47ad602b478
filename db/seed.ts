// What an empty database starts with.
// - Demo data (`npm run demo`, or NIANBAO_DEMO=1): a supervising office with three subordinate
//   agencies, a drafter and a reviewer in each, a supervisor and an admin, all with the published
//   password below. The accounts are listed in the README. Never created by a production start.
// - Otherwise (`npm start`): one administrator `admin` with a random password printed once on the
//   console (or NIANBAO_ADMIN_PASSWORD), who must choose their own password at first sign-in.
// Data functions (db/unit.ts): the same seed on SQLite (db/client.ts, when the file is opened) and on
// PostgreSQL (db/pg/client.ts, under the migration lock, so several app servers starting at once on
// an empty database seed it exactly once).
import { randomInt } from "node:crypto";
import { count } from "drizzle-orm";
import { hashPasswordSync, passwordProblem } from "../lib/auth/password";
import type * as schema from "./schema";
import { all, exec, one, transaction, type Q } from "./unit";

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

function* countOf(table: "agencies" | "users"): Q<number> {
  const row = yield* one((d, t) => d.select({ n: count() }).from(t[table]));
  return Number(row?.n ?? 0);
}

export function* seedDemoDataIfEmpty(): Q<boolean> {
  if ((yield* countOf("agencies")) > 0) return false;
  // Hashing costs CPU: once, and before the transaction (a transaction does database work only).
  const passwordHash = hashPasswordSync(DEMO_PASSWORD);
  return yield* transaction(function* () {
    if ((yield* countOf("agencies")) > 0) return false;
    const ids = new Map<string, number>();
    for (const a of DEMO_AGENCIES) {
      const values = { name: a.name, code: a.code, parentId: a.parent ? ids.get(a.parent)! : null };
      const [inserted] = yield* all((d, t) => d.insert(t.agencies).values(values).returning({ id: t.agencies.id }));
      ids.set(a.key, inserted!.id);
    }
    for (const u of DEMO_USERS) {
      const values = { login: u.login, displayName: u.displayName, passwordHash, role: u.role, agencyId: u.agency ? ids.get(u.agency)! : null };
      yield* exec((d, t) => d.insert(t.users).values(values));
    }
    yield* exec((d, t) => d.insert(t.auditLog).values({ action: "system.seed", entityType: "system", after: JSON.stringify({ demo: true }) }));
    return true;
  });
}

/** What start-up creates in an empty database: the demo data only when asked for explicitly. */
export function startupSeedMode(env: Record<string, string | undefined> = process.env): "demo" | "initial-admin" {
  return env.NIANBAO_DEMO === "1" ? "demo" : "initial-admin";
}

export const INITIAL_ADMIN_LOGIN = "admin";

/** A random password that satisfies passwordProblem(): 16 characters of an unambiguous alphabet, letters and digits. */
export function randomPassword(): string {
  const letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  const digits = "23456789";
  const all = letters + digits;
  for (;;) {
    let p = "";
    for (let i = 0; i < 16; i++) p += all[randomInt(all.length)];
    if (!passwordProblem(p)) return p;
  }
}

/**
 * Production start on a database without users: one administrator. The password comes from
 * NIANBAO_ADMIN_PASSWORD when set (and acceptable), else it is random and printed once; either way
 * it must be changed at first sign-in. Returns what was created, or null when there were users.
 */
export function* seedInitialAdminIfEmpty(opts: { password?: string; log?: (line: string) => void } = {}): Q<{ login: string; password: string; fromEnv: boolean } | null> {
  if ((yield* countOf("users")) > 0) return null;
  const log = opts.log ?? ((line: string) => console.log(line));
  const given = opts.password ?? process.env.NIANBAO_ADMIN_PASSWORD;
  const problem = given ? passwordProblem(given) : null;
  if (given && problem) log(`[nianbao] NIANBAO_ADMIN_PASSWORD 不可用（${problem}），改用随机密码 / NIANBAO_ADMIN_PASSWORD rejected, using a random password`);
  const fromEnv = !!given && !problem;
  const password = fromEnv ? given! : randomPassword();
  const passwordHash = hashPasswordSync(password);
  const created = yield* transaction(function* () {
    if ((yield* countOf("users")) > 0) return false;
    yield* exec((d, t) =>
      d.insert(t.users).values({ login: INITIAL_ADMIN_LOGIN, displayName: "系统管理员", passwordHash, role: "admin", agencyId: null, mustChangePassword: true }),
    );
    yield* exec((d, t) =>
      d.insert(t.auditLog).values({ action: "system.initial_admin", entityType: "system", after: JSON.stringify({ login: INITIAL_ADMIN_LOGIN, passwordFromEnv: fromEnv }) }),
    );
    return true;
  });
  // Printed after the transaction returned (it may run twice on PostgreSQL; the lines only once).
  if (!created) return null;
  log("[nianbao] ────────────────────────────────────────────────────────────");
  log("[nianbao] 已创建初始系统管理员 / initial administrator created");
  log(`[nianbao]   用户名 login:    ${INITIAL_ADMIN_LOGIN}`);
  log(fromEnv ? "[nianbao]   密码 password:   取自 NIANBAO_ADMIN_PASSWORD / from NIANBAO_ADMIN_PASSWORD" : `[nianbao]   密码 password:   ${password}`);
  log("[nianbao]   此密码只显示这一次；首次登录后须修改 / shown once; must be changed at first sign-in");
  log("[nianbao] ────────────────────────────────────────────────────────────");
  return { login: INITIAL_ADMIN_LOGIN, password, fromEnv };
}
