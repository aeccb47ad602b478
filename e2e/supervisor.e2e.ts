// `npm start` as a production start: on an empty database it creates one administrator with a
// random password printed once (never the demo accounts), forces a password change at first
// sign-in, and comes back on its own when the Next server process is killed (scripts/start.mjs
// supervises it), while SIGTERM still stops everything. Its own server, database and port.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { signInOverHttp } from "../bench/support/api-client";
import { DEMO_PASSWORD } from "../db/seed";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function healthy(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function waitHealthy(base: string, within: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < within) {
    if (await healthy(base)) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not healthy within ${within} ms`);
}

/** The pids of a process's children (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z";
  } catch {
    return false;
  }
}

test("npm start: one random-password admin on an empty database, restart after SIGKILL, SIGTERM stops", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "nianbao-supervise-"));
  const dbPath = join(dir, "prod.db");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), DATABASE_PATH: dbPath, AUTH_SECRET: "supervise-test-secret-0123456789abcdefghijklmnop", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NIANBAO_DEMO;
  delete env.NIANBAO_ADMIN_PASSWORD;
  let out = "";
  const supervisor: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], { cwd: process.cwd(), detached: true, stdio: ["ignore", "pipe", "pipe"], env: env as NodeJS.ProcessEnv });
  supervisor.stdout!.on("data", (d) => (out += String(d)));
  supervisor.stderr!.on("data", (d) => (out += String(d)));
  try {
    await waitHealthy(base, 60_000);

    // The initial administrator: printed once, random, and the only account. No demo data.
    const password = /密码 password:\s+(\S+)/.exec(out)?.[1];
    expect(password, out).toBeTruthy();
    expect(password).not.toBe(DEMO_PASSWORD);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("select login, role, must_change_password as m from users").all()).toEqual([{ login: "admin", role: "admin", m: 1 }]);
    expect((db.prepare("select count(*) as n from agencies").get() as { n: number }).n).toBe(0);
    db.close();
    await expect(signInOverHttp(base, "admin", DEMO_PASSWORD)).rejects.toThrow();
    const admin = await signInOverHttp(base, "admin", password!);
    const home = await fetch(`${base}/admin`, { headers: { cookie: admin.cookie }, redirect: "manual" });
    expect(home.status).toBe(307);
    expect(home.headers.get("location")).toMatch(/\/account\/password$/);

    // SIGKILL the Next server process (not the supervisor): it comes back on its own.
    const [first] = childrenOf(supervisor.pid!);
    expect(first, "the supervisor runs the server as its child").toBeTruthy();
    process.kill(first!, "SIGKILL");
    const t0 = Date.now();
    while (await healthy(base)) await new Promise((r) => setTimeout(r, 20));
    const recovered = await waitHealthy(base, 30_000);
    console.log(`supervisor: health endpoint answered again ${Date.now() - t0} ms after SIGKILL of the server process (${recovered} ms from first failure)`);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const [second] = childrenOf(supervisor.pid!);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(out).toContain("服务器进程意外退出");
    // The session survives the restart (sessions live in the database).
    expect((await fetch(`${base}/account/password`, { headers: { cookie: admin.cookie }, redirect: "manual" })).status).toBe(200);

    // A deliberate stop still stops: SIGTERM to the supervisor ends it and the server, no restart.
    process.kill(supervisor.pid!, "SIGTERM");
    const deadline = Date.now() + 15_000;
    while ((alive(supervisor.pid!) || alive(second!)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(second!), "server stopped").toBe(false);
    expect(alive(supervisor.pid!), "supervisor stopped").toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await healthy(base), "nothing restarted it").toBe(false);
  } finally {
    try {
      process.kill(-supervisor.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

test("npm start with a wrong setting: a Chinese line names the variable, the server does not start and is not restarted", async () => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), "nianbao-badenv-"));
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    DATABASE_PATH: join(dir, "prod.db"),
    DATABASE_SYNCHRONOUS: "FUL",
    AUTH_SECRET: "too-short",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  let out = "";
  const supervisor: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], { cwd: process.cwd(), detached: true, stdio: ["ignore", "pipe", "pipe"], env: env as NodeJS.ProcessEnv });
  supervisor.stdout!.on("data", (d) => (out += String(d)));
  supervisor.stderr!.on("data", (d) => (out += String(d)));
  try {
    const code = await new Promise<number | null>((resolve) => supervisor.once("exit", (c) => resolve(c)));
    expect(code).toBe(78);
    expect(out).toContain("环境变量 DATABASE_SYNCHRONOUS「FUL」不正确：须为 NORMAL 或 FULL");
    expect(out).toContain("环境变量 AUTH_SECRET（内容不显示）不正确");
    expect(out).not.toContain("too-short");
    expect(out).toContain("不再重启");
    expect(await healthy(`http://127.0.0.1:${port}`)).toBe(false);
  } finally {
    try {
      process.kill(-supervisor.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
