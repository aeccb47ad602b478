// Entry of the `nianbao` CLI (bin/nianbao.cjs calls main). Subcommands live in commands/; each is
// loaded only when it runs (`--help` and a mistyped command load none of them), so a command pays
// only for the modules it uses — `validate` never loads the .docx writer, `render` never the importer.

import type { Command } from "./command";
import { DB_SUMMARY, DB_USAGE, IMPORT_SUMMARY, IMPORT_USAGE, RENDER_SUMMARY, RENDER_USAGE, VALIDATE_SUMMARY, VALIDATE_USAGE } from "./commands/meta";
import { CHECK_SUMMARY, CHECK_USAGE } from "./commands/check-meta";
import { EXIT, nodeIo, type CliIo } from "./io";

/** A subcommand as the help lists it, with the loader of its module. */
export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "validate", usage: VALIDATE_USAGE, summary: VALIDATE_SUMMARY, load: async () => (await import("./commands/validate")).validateCommand },
  { name: "render", usage: RENDER_USAGE, summary: RENDER_SUMMARY, load: async () => (await import("./commands/render")).renderCommand },
  { name: "import", usage: IMPORT_USAGE, summary: IMPORT_SUMMARY, load: async () => (await import("./commands/import")).importCommand },
  { name: "db", usage: DB_USAGE, summary: DB_SUMMARY, load: async () => (await import("./commands/db")).dbCommand },
  { name: "check", usage: CHECK_USAGE, summary: CHECK_SUMMARY, load: async () => (await import("./commands/check")).checkCommand },
];

export function usage(): string {
  const lines = ["nianbao — 政府信息公开工作年度报告工具", "", "用法："];
  for (const c of COMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push("  nianbao --help", "      显示本说明。", "", "退出码：0 成功（报告无错误）；1 报告有错误；2 输入无法使用或命令有误。");
  return `${lines.join("\n")}\n`;
}

/**
 * Loads the module of a command. The default is each entry's own dynamic import (what the bundle
 * splits on); bin/nianbao.cjs passes another when it runs the TypeScript sources through tsx, whose
 * tsImport cannot follow a dynamic import.
 */
export type CommandLoader = (entry: CommandEntry) => Promise<Command>;

/** Runs the CLI; returns the exit code. Never throws for user errors. */
export async function main(argv: string[], io: CliIo = nodeIo, load: CommandLoader = (entry) => entry.load()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`${name === undefined ? "缺少命令。" : `未知的命令「${name}」。`}\n\n${usage()}`);
    return EXIT.unusableInput;
  }
  try {
    const command = await load(entry);
    return await command.run(rest, io);
  } catch (e) {
    io.stderr(`nianbao ${entry.name}：内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unusableInput;
  }
}
