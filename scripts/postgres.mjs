#!/usr/bin/env node
// A throwaway PostgreSQL for tests and benchmarks, from Debian's packages (never a download of a
// server build): a fresh data directory under the system temp folder, its own port (55432 unless
// told), listening on 127.0.0.1 only, trust authentication (nothing but this machine can reach it),
// user and database `nianbao`. Never touches a system cluster (Debian's `main` on 5432).
//
//   node scripts/postgres.mjs start [--port N] [--durable]   prints DATABASE_URL=postgres://…
//   node scripts/postgres.mjs stop  [--port N]              stops it and removes its data directory
//   node scripts/postgres.mjs run   [--port N] [--durable] -- <command> [args…]
//        starts one, runs the command with DATABASE_URL set, stops it; exits with the command's code
//
// The server refuses to run as root, so when we are root the cluster belongs to the `postgres`
// account the Debian package creates (commands run through `runuser -u postgres`); otherwise to
// the current user. When the binaries are missing: as root, `apt-get install postgresql` (like
// chromium in system-deps.mjs); otherwise a clear message and exit code 1.
//
// By default the cluster is tuned for tests (fsync=off, synchronous_commit=off): a crash of the
// machine may lose it, which a throwaway cluster may. `--durable` keeps PostgreSQL's defaults
// (fsync and synchronous commit), for benchmarks that compare durable commits.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_PORT = 55432;
const USER = "nianbao";
const DB = "nianbao";
const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** The newest /usr/lib/postgresql/<major>/bin with initdb, or PG_BIN from the environment. */
export function findPgBin() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(base, d, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(base, majors[0], "bin") : null;
}

export class PostgresUnavailable extends Error {}

/** The server binaries' folder; installs Debian's `postgresql` when missing and we are root. */
export function ensurePostgres({ quiet = false } = {}) {
  let bin = findPgBin();
  if (bin) return bin;
  if (process.env.PG_BIN) throw new PostgresUnavailable(`PG_BIN=${process.env.PG_BIN} 中没有 initdb`);
  if (!isRoot()) {
    throw new PostgresUnavailable(
      "未找到 PostgreSQL（/usr/lib/postgresql/*/bin/initdb）。请以 root 身份安装后重试：" +
        "apt-get update && apt-get install -y --no-install-recommends postgresql\n" +
        "(PostgreSQL server binaries are missing; the project installs Debian's package only when run as root.)",
    );
  }
  if (!quiet) console.log("[setup] 安装系统软件包：postgresql");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "postgresql"]]) {
    const r = spawnSync("apt-get", args, { stdio: quiet ? "ignore" : "inherit", env });
    if (r.status !== 0) throw new PostgresUnavailable(`apt-get ${args.join(" ")} 失败（退出码 ${r.status}）`);
  }
  bin = findPgBin();
  if (!bin) throw new PostgresUnavailable("安装 postgresql 后仍未找到 initdb");
  return bin;
}

/** Runs a server binary as the cluster's owner (the `postgres` account when we are root). */
function asOwner(bin, cmd, args, opts = {}) {
  const full = join(bin, cmd);
  const r = isRoot()
    ? spawnSync("runuser", ["-u", "postgres", "--", full, ...args], { encoding: "utf8", ...opts })
    : spawnSync(full, args, { encoding: "utf8", ...opts });
  return r;
}

const stateFile = (port) => join(tmpdir(), `nianbao-pg-${port}.json`);

/** The URL of the throwaway cluster on `port`. */
export const urlFor = (port = DEFAULT_PORT) => `postgres://${USER}@127.0.0.1:${port}/${DB}`;

/**
 * Starts a fresh cluster on `port` (stopping and removing one this script left there before).
 * Returns { url, port, dataDir, ms, stop() }. Throws PostgresUnavailable when it cannot.
 */
export function startPostgres({ port = DEFAULT_PORT, durable = false, quiet = false } = {}) {
  const t0 = Date.now();
  const bin = ensurePostgres({ quiet });
  stopPostgres({ port, quiet: true });
  if (isRoot() && spawnSync("id", ["-u", "postgres"]).status !== 0) {
    throw new PostgresUnavailable("以 root 运行时需要 postgres 系统账户（Debian 的 postgresql 软件包会创建它）");
  }
  const dataDir = mkdtempSync(join(tmpdir(), `nianbao-pg-${port}-`));
  if (isRoot()) {
    const id = (flag) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(dataDir, id("-u"), id("-g"));
  }
  const fail = (what, r) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw new PostgresUnavailable(`${what} 失败（退出码 ${r.status}）：${(r.stderr || r.stdout || r.error?.message || "").trim().slice(-2000)}`);
  };
  let r = asOwner(bin, "initdb", ["-D", dataDir, "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions", ...(durable ? [] : ["--no-sync"])]);
  if (r.status !== 0) fail("initdb", r);
  const conf = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dataDir}'`,
    "max_connections = 200",
    "shared_buffers = 128MB",
    ...(durable ? [] : ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]),
  ];
  writeFileSync(join(dataDir, "postgresql.auto.conf"), `${conf.join("\n")}\n`);
  r = asOwner(bin, "pg_ctl", ["-D", dataDir, "-l", join(dataDir, "server.log"), "-w", "-t", "60", "start"]);
  if (r.status !== 0) {
    let log = "";
    try {
      log = readFileSync(join(dataDir, "server.log"), "utf8").slice(-1500);
    } catch {}
    r.stderr = `${r.stderr ?? ""}\n${log}`;
    fail(`pg_ctl start（端口 ${port}）`, r);
  }
  writeFileSync(stateFile(port), JSON.stringify({ dataDir, bin, pid: process.pid }));
  r = asOwner(bin, "createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", USER, DB]);
  if (r.status !== 0) {
    stopPostgres({ port, quiet: true });
    throw new PostgresUnavailable(`createdb 失败：${(r.stderr || "").trim()}`);
  }
  const ms = Date.now() - t0;
  if (!quiet) console.log(`[postgres] 已启动：${urlFor(port)}（数据目录 ${dataDir}，${ms} ms）`);
  return { url: urlFor(port), port, dataDir, ms, stop: () => stopPostgres({ port, quiet }) };
}

/** Stops the cluster this script started on `port` and removes its data directory. */
export function stopPostgres({ port = DEFAULT_PORT, quiet = false } = {}) {
  const file = stateFile(port);
  if (!existsSync(file)) return false;
  let state;
  try {
    state = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    rmSync(file, { force: true });
    return false;
  }
  if (existsSync(join(state.dataDir, "PG_VERSION"))) {
    asOwner(state.bin, "pg_ctl", ["-D", state.dataDir, "-m", "immediate", "-w", "-t", "30", "stop"]);
  }
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(file, { force: true });
  if (!quiet) console.log(`[postgres] 已停止并删除（端口 ${port}）`);
  return true;
}

function parseArgs(argv) {
  const opts = { port: DEFAULT_PORT, durable: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      opts.rest = argv.slice(i + 1);
      break;
    }
    if (a === "--port") opts.port = Number(argv[++i]);
    else if (a === "--durable") opts.durable = true;
    else opts.command ??= a;
  }
  if (!Number.isInteger(opts.port) || opts.port < 1024 || opts.port > 65535) throw new Error("--port 需为 1024–65535 的整数");
  return opts;
}

async function cli() {
  const opts = parseArgs(process.argv.slice(2));
  try {
    if (opts.command === "start") {
      const pg = startPostgres(opts);
      console.log(`DATABASE_URL=${pg.url}`);
    } else if (opts.command === "stop") {
      if (!stopPostgres(opts)) console.log(`端口 ${opts.port} 上没有本脚本启动的 PostgreSQL`);
    } else if (opts.command === "run" && opts.rest.length) {
      const pg = startPostgres(opts);
      let code = 1;
      try {
        const r = spawnSync(opts.rest[0], opts.rest.slice(1), { stdio: "inherit", env: { ...process.env, DATABASE_URL: pg.url } });
        code = r.status ?? 1;
      } finally {
        pg.stop();
      }
      process.exitCode = code;
    } else {
      console.error("用法：node scripts/postgres.mjs start|stop [--port N] [--durable]\n      node scripts/postgres.mjs run [--port N] [--durable] -- <命令> [参数…]");
      process.exitCode = 2;
    }
  } catch (e) {
    console.error(e instanceof PostgresUnavailable ? `无法启动 PostgreSQL：${e.message}` : e);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void cli();
