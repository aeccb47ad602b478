// What a command may do to the outside world, injected so that tests can run commands in-process.

import { readFile } from "node:fs/promises";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 text file; rejects with a Node error (code ENOENT, EISDIR, …). */
  readFile(path: string): Promise<string>;
}

export const nodeIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => readFile(p, "utf8"),
};

/** Exit codes of every command. */
export const EXIT = { ok: 0, reportHasErrors: 1, unusableInput: 2 } as const;
