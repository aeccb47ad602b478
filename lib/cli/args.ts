// The one argument reader of the CLI: node:util's parseArgs splits the arguments, this module turns
// its tokens into the list every command walks in order. What a value may look like, and the
// Chinese message when it is missing or wrong, stays with each command.
//
// Accepted forms: `--name value`, `--name=value`, `-n value`, `-n=value`; a flag (`--json`) takes no
// value. An option parseArgs does not know, a flag written with a value (`--json=1`) or a short
// option glued to its value (`-ofile`) is an unknown option, reported as the user typed it.

import { parseArgs } from "node:util";
import { EXIT, type CliIo } from "./io";

/** The options of a command: long name → whether it takes a value, and its one-letter alias. */
export type ArgSpec = Record<string, { value: boolean; short?: string }>;

export type ArgToken =
  /** A known option; `value` is undefined when none followed, `inline` when written `--name=value`. */
  | { kind: "option"; name: string; raw: string; value: string | undefined; inline: boolean }
  | { kind: "positional"; value: string }
  /** Anything that looks like an option but is not one of the spec: `raw` as typed. */
  | { kind: "unknown"; raw: string };

/** The arguments in the order given. Never throws. */
export function readArgs(args: readonly string[], spec: ArgSpec): ArgToken[] {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, o]) => [name, { type: o.value ? ("string" as const) : ("boolean" as const), ...(o.short ? { short: o.short } : {}) }]),
  );
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const out: ArgToken[] = [];
  let lastUnknown = -1;
  for (const t of tokens) {
    if (t.kind === "positional") out.push({ kind: "positional", value: t.value });
    else if (t.kind === "option-terminator") {
      // `--` is not an option of any command: as before, it is an unknown one.
      out.push({ kind: "unknown", raw: "--" });
    } else {
      const raw = args[t.index]!;
      const known = Object.prototype.hasOwnProperty.call(spec, t.name) ? spec[t.name]! : undefined;
      const short = !raw.startsWith("--");
      let value = t.value;
      let ok = known !== undefined && (known.value || !t.inlineValue);
      // `-o=file` reads as `-o file`; `-ofile` (or a group `-jp`) is not accepted.
      if (ok && short && t.inlineValue) {
        if (raw.length === 2 || raw[2] !== "=") ok = false;
        else value = raw.slice(3);
      }
      if (ok && short && raw.length > 2 && !t.inlineValue) ok = false;
      if (!ok) {
        if (lastUnknown !== t.index) out.push({ kind: "unknown", raw });
        lastUnknown = t.index; // a short group yields a token per letter: report it once
        continue;
      }
      out.push({ kind: "option", name: t.name, raw: t.rawName, value: known!.value ? value : undefined, inline: t.inlineValue === true });
    }
  }
  return out;
}

/** Prints an argument problem (`<prefix><problem>`) and the command's usage line; returns the exit code 2. */
export function usageError(io: CliIo, prefix: string, problem: string, usage: string): number {
  io.stderr(`${prefix}${problem}\n用法：${usage}\n`);
  return EXIT.unusableInput;
}
