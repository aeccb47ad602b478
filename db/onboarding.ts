// Onboarding a county: what the system already holds (for the dry run), and the import itself —
// every agency and user of a validated plan written in one transaction, or nothing.
//
// Initial passwords are generated here (16 random characters, ~95 bits), never typed by the admin
// and never stored in clear: the admin downloads them once as the 账号开通清单, and each user must
// replace theirs at the first sign-in. Because they are random, they are hashed with a lower bcrypt
// cost (4, ~3 ms each in bcryptjs instead of ~75 ms): guessing 95 random bits is out of reach at any
// cost, and 2,000 accounts are hashed in ~6 s, in slices between which the server keeps serving,
// instead of ~2.5 minutes. The password each user then chooses is hashed at the normal cost.
import { randomInt } from "node:crypto";
import bcrypt from "bcryptjs";
import { writeAudit } from "./audit";
import type { ExistingState, OnboardingPlan } from "../lib/onboarding/validate";
import { all, exec, transaction, type Q } from "./unit";

const GENERATED_COST = 4;
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"; // no 0/O, 1/l/I

/** A random initial password with letters and digits (what passwordProblem asks for). */
export function generatePassword(length = 16): string {
  for (;;) {
    let p = "";
    for (let i = 0; i < length; i++) p += ALPHABET[randomInt(ALPHABET.length)];
    if (/[A-Za-z]/.test(p) && /[0-9]/.test(p)) return p;
  }
}

export function* existingState(): Q<ExistingState> {
  const a = yield* all((d, t) => d.select({ code: t.agencies.code, name: t.agencies.name, active: t.agencies.active }).from(t.agencies));
  const logins = new Set((yield* all((d, t) => d.select({ login: t.users.login }).from(t.users))).map((u) => u.login));
  return { agencies: a, logins };
}

export interface Credential {
  login: string;
  displayName: string;
  role: string;
  agencyName: string;
  password: string;
}

export type CommitResult = { ok: true; agencies: number; users: number; credentials: Credential[] } | { ok: false; error: string };

/** The generated initial passwords of a plan's users (in plan order) and their hashes. */
export interface InitialPasswords {
  passwords: string[];
  hashes: string[];
}

/**
 * One generated password per user of the plan, hashed in slices of ~30 ms, yielding to the event
 * loop between them: other requests keep being served while a large import is hashed (bcryptjs's
 * own async mode is ~1.5× slower). Done before the transaction (commitOnboarding), never in it.
 */
export async function initialPasswords(plan: OnboardingPlan): Promise<InitialPasswords> {
  const passwords = plan.users.map(() => generatePassword());
  const hashes: string[] = [];
  for (let i = 0; i < passwords.length; i++) {
    hashes.push(bcrypt.hashSync(passwords[i]!, GENERATED_COST));
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
  return { passwords, hashes };
}

/** Users inserted per statement (PostgreSQL: one round trip each; well under both databases' parameter limits). */
const USER_BATCH = 200;

/**
 * Writes a plan that validated without problems: agencies parents first (a parent is a row of the
 * plan or an existing agency), then users, all with `mustChangePassword`; one audit entry. If,
 * since the dry run, someone created a code, name or login the plan uses, nothing is written.
 * `initial`: initialPasswords(plan). Serializable on PostgreSQL: the check of codes, names and
 * logins and the writes are one decision that another server's import must not interleave with.
 */
export function* commitOnboarding(actorId: number, plan: OnboardingPlan, fileName: string, initial: InitialPasswords): Q<CommitResult> {
  if (plan.problems.length) return { ok: false, error: "文件中还有问题，请先修改后重新检查" };
  if (!plan.agencies.length && !plan.users.length) return { ok: false, error: "文件中没有可导入的单位或用户" };
  if (initial.hashes.length !== plan.users.length) throw new Error("onboarding: one initial password per user expected");
  const { passwords, hashes } = initial;
  return yield* transaction(
    function* (): Q<CommitResult> {
      const byCode = new Map((yield* all((d, t) => d.select({ id: t.agencies.id, code: t.agencies.code, name: t.agencies.name }).from(t.agencies))).map((a) => [a.code, a]));
      const names = new Set([...byCode.values()].map((a) => a.name));
      const taken = plan.agencies.find((a) => byCode.has(a.code) || names.has(a.name));
      if (taken) return { ok: false as const, error: `单位「${taken.name}」（${taken.code}）已在检查之后被创建，请重新检查` };
      const logins = new Set((yield* all((d, t) => d.select({ login: t.users.login }).from(t.users))).map((u) => u.login));
      const takenLogin = plan.users.find((u) => logins.has(u.login));
      if (takenLogin) return { ok: false as const, error: `用户名「${takenLogin.login}」已在检查之后被创建，请重新检查` };
      for (const a of plan.agencies) {
        const parentId = a.parentCode ? byCode.get(a.parentCode)?.id : null;
        if (parentId === undefined) throw new Error(`onboarding: parent ${a.parentCode} of ${a.code} not created first`);
        const row = (yield* all((d, t) => d.insert(t.agencies).values({ name: a.name, code: a.code, parentId }).returning({ id: t.agencies.id, code: t.agencies.code, name: t.agencies.name })))[0]!;
        byCode.set(row.code, row);
      }
      const credentials: Credential[] = [];
      const rows = plan.users.map((u, i) => {
        const agency = u.agencyCode ? byCode.get(u.agencyCode) : undefined;
        if (u.agencyCode && !agency) throw new Error(`onboarding: agency ${u.agencyCode} of ${u.login} missing`);
        credentials.push({ login: u.login, displayName: u.displayName, role: u.role, agencyName: agency?.name ?? "", password: passwords[i]! });
        return { login: u.login, displayName: u.displayName, role: u.role, agencyId: agency?.id ?? null, passwordHash: hashes[i]!, mustChangePassword: true };
      });
      for (let i = 0; i < rows.length; i += USER_BATCH) {
        const batch = rows.slice(i, i + USER_BATCH);
        yield* exec((d, t) => d.insert(t.users).values(batch));
      }
      yield* writeAudit({
        actorId,
        action: "onboarding.import",
        entityType: "system",
        after: { file: fileName.slice(0, 100), agencies: plan.agencies.length, users: plan.users.length, agencyCodes: plan.agencies.map((a) => a.code), logins: plan.users.map((u) => u.login) },
      });
      return { ok: true as const, agencies: plan.agencies.length, users: plan.users.length, credentials };
    },
    { isolation: "serializable" },
  );
}
