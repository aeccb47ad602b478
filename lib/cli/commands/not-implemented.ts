import type { Command } from "../command";
import { EXIT } from "../io";

/** A placeholder for a planned subcommand. */
export function notImplemented(name: string, usage: string, summary: string): Command {
  return {
    name,
    usage,
    summary: `${summary}（尚未实现）`,
    async run(_args, io) {
      io.stderr(`nianbao ${name}：尚未实现。\n`);
      return EXIT.unusableInput;
    },
  };
}
