#!/usr/bin/env node
// `npm start`: serve the built app (next start) on PORT (default 3000), and bring it back when it
// dies. The database is opened and migrated as the server starts (instrumentation.ts); an empty
// database gets one administrator with a random password printed below (db/seed.ts) — the demo
// accounts only with `npm run demo` / NIANBAO_DEMO=1.
//
// Supervision. This script is a small supervisor: the Next server runs as its child, and when the
// child dies without being asked to (a crash, an out-of-memory kill, SIGKILL) it is started again
// after a back-off (0.5 s, doubling to 30 s; back to 0.5 s once a child has run for a minute).
// SIGTERM / SIGINT are passed on to the child and end the supervisor too, so a deliberate stop
// (Ctrl+C, `kill`, systemctl stop) still stops; a child that ignores them is killed after 10 s.
// The child stays in the supervisor's process group, so killing the group stops both.
// In production the recommendation is systemd (Restart=always, RestartSec=2) — it also restarts
// the supervisor itself, starts at boot and keeps the logs (journalctl): set NIANBAO_SUPERVISE=0
// there to let systemd be the only supervisor. This script's own restarts cover `npm start` /
// `npm run demo` run by hand or under a plain init script.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url).pathname;

if (!existsSync(`${root}.next/BUILD_ID`)) {
  console.error("尚未构建：请先运行 `npm run build`（或直接运行 `npm run demo`）。");
  process.exit(1);
}

// DATABASE_URL=postgres://… selects PostgreSQL (a province's several app servers on one database,
// docs/postgres.md). Checked here, before the server starts, so that a mistake is one clear Chinese
// line instead of a server answering 503 to everyone:
//  • AUTH_SECRET must be given: every app server must sign and read the same session cookies, and
//    the generated secret would live in a file beside a SQLite database that each server has its own;
//  • the database server must answer (tried for DATABASE_CONNECT_WAIT_S seconds, default 30, so a
//    machine that boots the app before its database does not fail at once). The URL is printed
//    without its password.
const pgUrl = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL?.trim() ?? "") ? process.env.DATABASE_URL.trim() : null;
if (pgUrl) {
  if ((process.env.AUTH_SECRET ?? "").length < 32) {
    console.error("[nianbao] 使用 PostgreSQL（DATABASE_URL）时必须设置 AUTH_SECRET（至少 32 个字符），且所有应用服务器取值相同，否则在一台服务器登录后到另一台服务器会被要求重新登录。");
    process.exit(78);
  }
  await waitForPostgres(pgUrl);
}

/** host:port/database of a postgres:// URL, never its user name or password. */
function describePg(url) {
  try {
    const u = new URL(url);
    return `${u.hostname || "localhost"}:${u.port || "5432"}${u.pathname && u.pathname !== "/" ? u.pathname : ""}`;
  } catch {
    return "（地址格式不正确）";
  }
}

async function waitForPostgres(url) {
  const { default: pg } = await import("pg");
  const waitS = Number(process.env.DATABASE_CONNECT_WAIT_S);
  const deadline = Date.now() + (Number.isFinite(waitS) && waitS >= 0 ? waitS : 30) * 1000;
  let announced = false;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, application_name: "nianbao-start" });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (e) {
      await client.end().catch(() => {});
      const reason = pgReason(e);
      if (Date.now() >= deadline) {
        console.error(`[nianbao] 无法连接 PostgreSQL 数据库 ${describePg(url)}：${reason}。请检查 DATABASE_URL、数据库服务器是否已启动、网络与防火墙是否放行；服务器未启动。`);
        process.exit(1);
      }
      if (!announced) console.error(`[nianbao] 正在等待 PostgreSQL 数据库 ${describePg(url)}（${reason}）…`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Why a connection failed, in Chinese (the driver's own words after it, for the administrator). */
function pgReason(e) {
  const code = e?.code;
  const msg = String(e?.message ?? e).slice(0, 200);
  if (code === "ECONNREFUSED") return "连接被拒绝（数据库服务器未运行或端口不对）";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "找不到该主机名";
  if (code === "ETIMEDOUT" || /timeout/i.test(msg)) return "连接超时";
  if (code === "28P01" || code === "28000") return `用户名或密码不正确（${msg}）`;
  if (code === "3D000") return `数据库不存在（${msg}）`;
  if (code === "57P03") return "数据库正在启动或恢复中";
  return msg;
}

const port = process.env.PORT || "3000";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
const nextBin = require.resolve("next/dist/bin/next");
const supervise = process.env.NIANBAO_SUPERVISE !== "0";
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const STABLE_AFTER_MS = 60_000;
const STOP_GRACE_MS = 10_000;

const log = (zh, en) => console.error(`[nianbao] ${new Date().toISOString()} ${zh} / ${en}`);

let child = null;
let stopping = false;
let backoff = MIN_BACKOFF_MS;
let restartTimer = null;

function startChild() {
  restartTimer = null;
  const startedAt = Date.now();
  child = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
  if (supervise) log(`服务器进程已启动（pid ${child.pid}）`, `server process started (pid ${child.pid})`);
  child.on("exit", (code, signal) => {
    child = null;
    if (stopping || !supervise) process.exit(code ?? (signal ? 1 : 0));
    // 78 (EX_CONFIG): the server refused its configuration (lib/env.ts printed why); restarting
    // cannot help.
    if (code === 78) {
      log("配置有误，服务器未启动（见上方说明），不再重启", "invalid configuration (see above): not restarting");
      process.exit(78);
    }
    const ranMs = Date.now() - startedAt;
    if (ranMs >= STABLE_AFTER_MS) backoff = MIN_BACKOFF_MS;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    log(`服务器进程意外退出（${how}，运行了 ${(ranMs / 1000).toFixed(1)} 秒），${(backoff / 1000).toFixed(1)} 秒后重启`, `server process exited unexpectedly (${how}, ran ${(ranMs / 1000).toFixed(1)} s); restarting in ${(backoff / 1000).toFixed(1)} s`);
    restartTimer = setTimeout(startChild, backoff);
    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
  });
}

function stop(sig) {
  if (stopping) return;
  stopping = true;
  if (restartTimer) {
    clearTimeout(restartTimer);
    process.exit(0);
  }
  if (!child) process.exit(0);
  if (supervise) log(`收到 ${sig}，正在停止服务器`, `received ${sig}, stopping the server`);
  child.kill(sig);
  setTimeout(() => child?.kill("SIGKILL"), STOP_GRACE_MS).unref();
}

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => stop(sig));
startChild();
