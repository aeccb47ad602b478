// The session-signing secret: AUTH_SECRET when given, otherwise generated once on first start and
// stored beside the database (data/auth-secret, mode 0600) — so it survives restarts and is never
// in git. On PostgreSQL (several app servers behind one address) a file beside one server's data
// folder would give each server its own secret, and a cookie signed by one would be refused by the
// next: there AUTH_SECRET is required, the same on every server.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "./client";
import { pgDatabaseUrl } from "./pg/client";

/** Why the app cannot sign sessions on PostgreSQL without AUTH_SECRET. */
export const AUTH_SECRET_REQUIRED = "使用 PostgreSQL（DATABASE_URL）时必须设置环境变量 AUTH_SECRET（至少 32 个字符），且所有应用服务器取相同的值：否则各服务器签发的登录凭据互不承认";

let cached: string | undefined;

export function authSecretPath(): string {
  return join(dirname(databasePath()), "auth-secret");
}

export function getAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (pgDatabaseUrl()) throw new Error(AUTH_SECRET_REQUIRED);
  if (cached) return cached;
  const path = authSecretPath();
  try {
    const existing = readFileSync(path, "utf8").trim();
    if (existing.length >= 32) return (cached = existing);
  } catch {
    // not there yet: create it below
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  try {
    // "wx": if another process created it in the meantime, keep theirs.
    writeFileSync(path, secret + "\n", { mode: 0o600, flag: "wx" });
    cached = secret;
  } catch {
    cached = readFileSync(path, "utf8").trim();
  }
  return cached;
}
