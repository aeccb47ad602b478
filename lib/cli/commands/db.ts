// nianbao db copy --to postgres://… [--from <SQLite 文件>]
// Moving a county's SQLite deployment up to PostgreSQL (issue 19). The work is in db/pg/copy.ts,
// loaded only when the command runs; this module parses the arguments and prints the outcome.
// The one module of lib/ that reaches into db/ (.oxlintrc.json exempts it): the command line is an
// entry point into the data layer, like the app's routes; the rest of lib/ stays pure.

import "../one-shot"; // first: before any schema is built
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readArgs, usageError } from "../args";
import type { Command } from "../command";
import { EXIT, type CliIo } from "../io";
import { DB_SUMMARY, DB_USAGE as USAGE } from "./meta";

interface Options {
  from: string;
  to: string;
}

function parseArgs(args: string[]): Options | string {
  const [sub, ...rest] = args;
  if (sub !== "copy") return sub === undefined ? "缺少子命令（目前只有 copy）" : `未知的子命令「${sub}」（目前只有 copy）`;
  let from: string | undefined;
  let to: string | undefined;
  for (const t of readArgs(rest, { to: { value: true }, from: { value: true } })) {
    if (t.kind === "unknown") return `未知的参数 ${t.raw}`;
    if (t.kind === "positional") return `未知的参数 ${t.value}`;
    // A value must follow (a next argument starting with "--" is another option).
    const v = !t.inline && t.value?.startsWith("--") ? undefined : t.value;
    if (t.name === "to") {
      if (v === undefined) return "--to 后面应为 PostgreSQL 地址 postgres://…";
      to = v;
    } else {
      if (v === undefined) return "--from 后面应为 SQLite 数据库文件";
      from = v;
    }
  }
  if (!to) return "缺少 --to postgres://…（目标 PostgreSQL 数据库，须为空库）";
  if (!/^postgres(ql)?:\/\//i.test(to)) return `--to 应为 postgres:// 或 postgresql:// 地址，而不是「${redact(to)}」`;
  return { from: resolve(from ?? process.env.DATABASE_PATH ?? join("data", "nianbao.db")), to };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

/** The folder with db/migrations and db/pg/migrations: the working directory or the CLI's own project. */
function projectRoot(): string | undefined {
  const candidates = [process.cwd()];
  try {
    if (process.argv[1]) candidates.push(resolve(dirname(realpathSync(process.argv[1])), ".."));
  } catch {
    // not a file: only the working directory
  }
  return candidates.find((c) => existsSync(join(c, "db", "pg", "migrations", "meta", "_journal.json")));
}

export const dbCommand: Command = {
  name: "db",
  usage: USAGE,
  summary: DB_SUMMARY,
  async run(args: string[], io: CliIo): Promise<number> {
    const opts = parseArgs(args);
    if (typeof opts === "string") return usageError(io, "", opts, USAGE);
    const root = projectRoot();
    if (!root) {
      io.stderr("找不到迁移文件（db/migrations、db/pg/migrations）：请在 nianbao 项目目录中运行。\n");
      return EXIT.unusableInput;
    }
    const { copySqliteToPostgres, CopyError } = await import("../../../db/pg/copy");
    io.stdout(`复制 ${opts.from} → ${redact(opts.to)}\n`);
    try {
      const r = await copySqliteToPostgres({ from: opts.from, to: opts.to, root, log: (line) => io.stdout(`  ${line}\n`) });
      const rows = r.tables.reduce((s, t) => s + t.rows, 0);
      io.stdout(`完成：${r.tables.length} 张表、${rows} 行已复制并逐表核对（行数与 SHA-256 一致），用时 ${(r.ms / 1000).toFixed(1)} 秒。\n`);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof CopyError) {
        io.stderr(`复制失败，目标数据库中没有写入任何数据：${e.message}\n`);
        return EXIT.reportHasErrors;
      }
      throw e;
    }
  },
};
