// The server's configuration from the environment, as one schema: every variable the app reads,
// its meaning, its default, and what is accepted. The server validates it once at start-up
// (instrumentation.ts) and refuses to start with a Chinese message naming the variable, instead of
// silently falling back (a mistyped DATABASE_SYNCHRONOUS=FUL used to mean NORMAL without a word).
import * as z from "zod";

const flag = z.enum(["0", "1"]);

export const ENV_SCHEMA = z.object({
  /** SQLite database file (default data/nianbao.db). */
  DATABASE_PATH: z.string().min(1).optional(),
  /** postgres://… selects PostgreSQL (docs/postgres.md: several app servers on one database). */
  DATABASE_URL: z.string().regex(/^(postgres|postgresql):\/\//, "须以 postgres:// 开头").optional(),
  /** SQLite durability: NORMAL (default) or FULL (fsync at every commit). */
  DATABASE_SYNCHRONOUS: z.enum(["NORMAL", "FULL", "normal", "full"]).optional(),
  /** How long a write waits for another writer's lock, in ms (0–60000; default 1000). */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Session-signing secret (≥ 32 characters); generated and kept beside the database when absent. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** HTTP port (default 3000). */
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** 1: create the demo hierarchy and accounts on an empty database (npm run demo, the tests). */
  NIANBAO_DEMO: flag.optional(),
  /** 1: never create demo data (kept for older deployment scripts). */
  NIANBAO_NO_DEMO: flag.optional(),
  /** 0: no restart supervisor in `npm start` (when systemd or another supervisor runs the app). */
  NIANBAO_SUPERVISE: flag.optional(),
  /** The first administrator's password on an empty database (else random, printed once). */
  NIANBAO_ADMIN_PASSWORD: z.string().min(1).optional(),
  /** 1: the quality check may fetch published pages from loopback/private-network addresses (an intranet portal; tests). */
  NIANBAO_FETCH_PRIVATE: flag.optional(),
  /** Comma-separated host names of the portal: the only hosts the quality check fetches published pages from. */
  NIANBAO_PORTAL_HOSTS: z.string().regex(/^\s*[A-Za-z0-9.:-]+(\s*,\s*[A-Za-z0-9.:-]+)*\s*$/).optional(),
});

export type ServerEnv = z.infer<typeof ENV_SCHEMA>;

const NAMES: Record<string, string> = {
  DATABASE_SYNCHRONOUS: "须为 NORMAL 或 FULL",
  DATABASE_BUSY_TIMEOUT_MS: "须为 0 到 60000 之间的整数（毫秒）",
  AUTH_SECRET: "至少 32 个字符",
  PORT: "须为 1 到 65535 之间的端口号",
  NIANBAO_DEMO: "须为 0 或 1",
  NIANBAO_NO_DEMO: "须为 0 或 1",
  NIANBAO_SUPERVISE: "须为 0 或 1",
  DATABASE_PATH: "不能为空",
  DATABASE_URL: "须为 postgres://… 形式的 PostgreSQL 连接地址",
  NIANBAO_ADMIN_PASSWORD: "不能为空",
  NIANBAO_FETCH_PRIVATE: "须为 0 或 1",
  NIANBAO_PORTAL_HOSTS: "须为以逗号分隔的域名，如 www.example.gov.cn,example.gov.cn",
};

/**
 * Reads the environment. Empty strings count as unset (a `FOO=` line in a unit file). Answers the
 * parsed configuration, or one Chinese line per wrong variable.
 */
export function readServerEnv(env: Record<string, string | undefined>): { ok: true; env: ServerEnv } | { ok: false; problems: string[] } {
  const given: Record<string, string> = {};
  for (const key of Object.keys(ENV_SCHEMA.shape)) {
    const v = env[key];
    if (v !== undefined && v !== "") given[key] = v;
  }
  const parsed = ENV_SCHEMA.safeParse(given);
  if (parsed.success) return { ok: true, env: parsed.data };
  const problems = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].map((key) => {
    const shown = key === "AUTH_SECRET" || key === "NIANBAO_ADMIN_PASSWORD" ? "（内容不显示）" : `「${String(given[key]).slice(0, 40)}」`;
    return `环境变量 ${key}${shown}不正确：${NAMES[key] ?? "取值无效"}`;
  });
  return { ok: false, problems };
}
