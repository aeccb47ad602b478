// Starts the production build on a loopback port with a throwaway database, for benchmarks.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Benchmarks run from the project root (scripts/bench.mjs sets the working directory).
export const root = process.cwd();
const require = createRequire(join(root, "package.json"));

export function ensureBuild(): void {
  if (existsSync(join(root, ".next", "BUILD_ID"))) return;
  console.log("(no build yet: running next build)");
  const r = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error("next build failed");
}

export interface RunningServer {
  url: string;
  dbPath: string;
  stop(): Promise<void>;
  process: ChildProcess;
}

export async function startServer(defaultPort: number, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  ensureBuild();
  // BENCH_PORT: run beside other servers on a shared machine (each bench has its own default port).
  const port = Number(process.env.BENCH_PORT) || defaultPort;
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-"));
  const dbPath = join(dir, "bench.db");
  const env = { ...process.env, PORT: String(port), DATABASE_PATH: dbPath, AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnop", NEXT_TELEMETRY_DISABLED: "1", NIANBAO_DEMO: "1", ...extraEnv };
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server: node
  // refuses such flags in NODE_OPTIONS, so the server is then started as `node <args> next start`
  // directly, with the environment scripts/start.mjs would give it.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean);
  // BENCH_SERVER_STDOUT=<file>: keep the server's standard output (e.g. --trace-gc lines) there.
  const out = process.env.BENCH_SERVER_STDOUT ? openSync(process.env.BENCH_SERVER_STDOUT, "a") : "ignore";
  const child = nodeArgs?.length
    ? spawn(process.execPath, [...nodeArgs, require.resolve("next/dist/bin/next"), "start", "-p", String(port)], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: ["ignore", out, "inherit"] })
    : spawn(process.execPath, [join(root, "scripts", "start.mjs")], { cwd: root, env, stdio: ["ignore", out, "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dbPath,
    process: child,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** CPU time (user + system, ms) used so far by a process and its descendants, from /proc (Linux). */
export function processTreeCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  const walk = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, "utf8").split(" ").filter(Boolean)) walk(Number(c));
      }
    } catch {
      // the process ended meanwhile
    }
  };
  walk(pid);
  return total;
}
