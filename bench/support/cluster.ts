// Several production app servers on ONE database, for the two-server end-to-end test and the
// servers benchmark (issue 19): the database is prepared once — a seeded SQLite file plus whatever
// the caller adds — and then either served from that file by every server (two processes on one
// WAL file is a real configuration too) or moved to a throwaway PostgreSQL cluster
// (scripts/postgres.mjs) with `nianbao db copy`'s own function, so both databases start from the
// very same rows and ids. The servers are `npm start` (scripts/start.mjs, production `next start` on
// the same .next build) with the same AUTH_SECRET, each in a process group of its own so a SIGKILL
// reaches Next's process too.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../../db/client";
import { openPgDatabase } from "../../db/pg/client";
import { copySqliteToPostgres } from "../../db/pg/copy";
import { pgStore, sqliteStore, type Store } from "../../db/store";

/**
 * A throwaway cluster through scripts/postgres.mjs's command line (its functions are ES module
 * code, which Playwright's test loader cannot import). Throws with the script's own message.
 */
function startCluster(port: number, durable: boolean): { url: string; port: number; stop(): void } {
  const script = join(process.cwd(), "scripts", "postgres.mjs");
  const r = spawnSync(process.execPath, [script, "start", "--port", String(port), ...(durable ? ["--durable"] : [])], { encoding: "utf8" });
  const url = /^DATABASE_URL=(\S+)$/m.exec(r.stdout ?? "")?.[1];
  if (r.status !== 0 || !url) throw new Error(`PostgreSQL 未能启动：${(r.stderr || r.stdout || "").trim().slice(-2000)}`);
  return { url, port, stop: () => void spawnSync(process.execPath, [script, "stop", "--port", String(port)], { stdio: "ignore" }) };
}

export type DatabaseKind = "sqlite" | "pg";

/** The session secret every server of a test shares (as a province's servers must). */
export const SHARED_AUTH_SECRET = "two-servers-secret-0123456789abcdefghijklmnopqrstuv";

export interface SharedDatabase {
  kind: DatabaseKind;
  /** What the app servers need in their environment to use this database. */
  env: Record<string, string>;
  /** The same database for the test's own reads (data functions run on either dialect). */
  store: Store;
  /** "SQLite /tmp/…/shared.db" or "PostgreSQL 127.0.0.1:55433". */
  label: string;
  close(): Promise<void>;
}

/**
 * A database both servers will use: `setup` runs on a freshly seeded SQLite file (demo agencies and
 * accounts), then the file is used as it is (sqlite) or copied to a new cluster on `pgPort` (pg).
 * `durable`: PostgreSQL with fsync on and synchronous_commit off — the counterpart of SQLite's WAL
 * with synchronous=NORMAL (a crash of the machine may lose the last commits, never corrupts); the
 * default is the throwaway tuning of scripts/postgres.mjs (fsync off), enough when only app
 * servers are killed.
 */
export async function prepareSharedDatabase<T>(kind: DatabaseKind, setup: (db: Db) => T, opts: { pgPort?: number; durable?: boolean } = {}): Promise<{ db: SharedDatabase; setup: T }> {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-shared-${kind}-`));
  const path = join(dir, "shared.db");
  const seeded = openDatabase(path, { seed: "demo" });
  let made: T;
  try {
    made = setup(seeded);
  } finally {
    seeded.$client.close();
  }
  if (kind === "sqlite") {
    const conn = openDatabase(path, { seed: false });
    return {
      setup: made,
      db: {
        kind,
        env: { DATABASE_PATH: path },
        store: sqliteStore(conn),
        label: `SQLite ${path}`,
        async close() {
          conn.$client.close();
          rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  }
  const cluster = startCluster(opts.pgPort ?? 55433, opts.durable ?? false);
  try {
    await copySqliteToPostgres({ from: path, to: cluster.url });
    const pool = await openPgDatabase(cluster.url, { max: 4, migrate: false });
    if (opts.durable) await pool.$client.query("ALTER DATABASE nianbao SET synchronous_commit = off");
    return {
      setup: made,
      db: {
        kind,
        // DATABASE_PATH too (one per server, see startAppServer): code that still opened SQLite
        // would write a file of its own there, and the test, reading PostgreSQL, would miss its writes.
        env: { DATABASE_URL: cluster.url, DATABASE_PATH: join(dir, "not-used.db") },
        store: pgStore(pool),
        label: `PostgreSQL 127.0.0.1:${cluster.port}`,
        async close() {
          await pool.$client.end();
          cluster.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  } catch (e) {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface AppServer {
  port: number;
  url: string;
  child: ChildProcess;
  /** What the server wrote on stderr (for failure messages). */
  stderr(): string;
}

/** `npm start` on `port` with the database's environment; resolves when /api/health answers 200. */
export async function startAppServer(port: number, env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<AppServer> {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: "",
      ...env,
      // On PostgreSQL no server should open a SQLite file; if one still does, let it be its own.
      ...(env.DATABASE_URL ? { DATABASE_PATH: `${env.DATABASE_PATH ?? join(tmpdir(), "nianbao-not-used.db")}-${port}` } : {}),
      PORT: String(port), AUTH_SECRET: SHARED_AUTH_SECRET, NEXT_TELEMETRY_DISABLED: "1", NIANBAO_SUPERVISE: "0" },
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + String(d)).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { port, url, child, stderr: () => stderr };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) await killGroup(child, "SIGKILL");
      throw new Error(`server on port ${port} did not start (exit ${child.exitCode}): ${stderr.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a process of the group still runs (zombies waiting to be reaped do not count). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

/** Sends `signal` to the server's whole process group and waits until every process of it is gone. */
export async function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const pgid = child.pid!;
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, signal);
  const deadline = Date.now() + 15_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (groupAlive(pgid) && signal !== "SIGKILL") return killGroup(child, "SIGKILL");
  if (groupAlive(pgid)) throw new Error(`server process group ${pgid} survived ${signal}`);
}
