#!/usr/bin/env node
// `npm start`: serve the built app (next start) on PORT (default 3000). The database is opened,
// migrated and — when empty — seeded with the demo data as the server starts (instrumentation.ts).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url).pathname;

if (!existsSync(`${root}.next/BUILD_ID`)) {
  console.error("尚未构建：请先运行 `npm run build`（或直接运行 `npm run demo`）。");
  process.exit(1);
}

const port = process.env.PORT || "3000";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
const nextBin = require.resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
