// Entry of the `nianbao` CLI (bin/nianbao.mjs calls main). Subcommands live in commands/.

import type { Command } from "./command";
import { importCommand } from "./commands/import";
import { renderCommand } from "./commands/render";
import { validateCommand } from "./commands/validate";
import { EXIT, nodeIo, type CliIo } from "./io";

export const COMMANDS: readonly Command[] = [validateCommand, renderCommand, importCommand];

export function usage(): string {
  const lines = ["nianbao — 政府信息公开工作年度报告工具", "", "用法："];
  for (const c of COMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push("  nianbao --help", "      显示本说明。", "", "退出码：0 成功（报告无错误）；1 报告有错误；2 输入无法使用或命令有误。");
  return `${lines.join("\n")}\n`;
}

/** Runs the CLI; returns the exit code. Never throws for user errors. */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${name === undefined ? "缺少命令。" : `未知的命令「${name}」。`}\n\n${usage()}`);
    return EXIT.unusableInput;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.stderr(`nianbao ${command.name}：内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unusableInput;
  }
}
