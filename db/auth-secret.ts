// The session-signing secret: AUTH_SECRET when given, otherwise generated once on first start and
// stored beside the database (data/auth-secret, mode 0600) — so it survives restarts and is never
// in git.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "./client";

let cached: string | undefined;

export function authSecretPath(): string {
  return join(dirname(databasePath()), "auth-secret");
}

export function getAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
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
