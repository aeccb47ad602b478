// The shape of a CLI subcommand. Each subcommand is its own module under commands/ and is
// registered in main.ts; adding `render` or `import` means replacing its module, nothing else.

import type { CliIo } from "./io";

export interface Command {
  name: string;
  /** One usage line, e.g. "nianbao validate <报告.json> [--json]". */
  usage: string;
  /** What it does, in one or two Chinese sentences. */
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
