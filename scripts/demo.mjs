#!/usr/bin/env node
// `npm run demo`: build the app, then serve it on http://localhost:${PORT:-3000} with the embedded
// SQLite database (migrated and seeded with the demo accounts on first start: NIANBAO_DEMO=1 —
// `npm start` alone never creates them). Restarted when it crashes (scripts/start.mjs).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

console.log("[nianbao] 正在构建应用（next build）…");
const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { cwd: root, env, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(`[nianbao] 启动：http://localhost:${process.env.PORT || "3000"}  （演示账号见 README）`);
process.env.NIANBAO_DEMO = "1";
await import("./start.mjs");
