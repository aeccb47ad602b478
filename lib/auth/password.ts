// Password hashing with bcrypt (bcryptjs: maintained, pure JavaScript, no native build step).
import bcrypt from "bcryptjs";

const COST = 10;

/** Chinese reason when a new password is unacceptable, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return "密码至少 8 位";
  if (password.length > 72) return "密码不能超过 72 个字符";
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "密码须同时包含字母和数字";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function hashPasswordSync(password: string): string {
  return bcrypt.hashSync(password, COST);
}

/**
 * Checks a password. Generated initial passwords (批量导入) are stored at a lower cost (db/onboarding.ts);
 * their check is topped up with a comparison at the normal cost, so that the answer time of a
 * sign-in does not reveal that a login exists and still has its generated password (≈3 ms against
 * ≈75 ms otherwise).
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash);
  if (costOf(hash) < COST) await bcrypt.compare(password, DUMMY_HASH);
  return ok;
}

/** The cost factor of a bcrypt hash ($2b$10$…), or COST when it cannot be read. */
function costOf(hash: string): number {
  const m = /^\$2[abxy]?\$(\d{2})\$/.exec(hash);
  return m ? Number(m[1]) : COST;
}

// A real hash of a random string: comparing against it when the login does not exist costs the
// same time as a real check, so response time does not reveal which login names exist.
export const DUMMY_HASH = "$2b$10$sNgEOWw2mPEWB053B2sOEOMYgRNluBKqXm3g9nfPbFXXo0OmK/MtW";
