// What a command may do to the outside world, injected so that tests can run commands in-process.

import { readFileSync } from "node:fs";
import * as z from "zod";

// A CLI command runs once per process: zod's compiled (eval'd) parsers cost more to build than they
// save on one document (~30 ms on the first parse of a report). Here because every command's
// bundle includes this module (each bundle has its own copy of zod).
z.config({ jitless: true });

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 text file; rejects with a Node error (code ENOENT, EISDIR, …). */
  readFile(path: string): Promise<string>;
}

export const nodeIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  // Synchronous: a one-shot process has nothing else to do meanwhile, and each step of an
  // asynchronous read (open, stat, read, close) is a round trip through libuv's thread pool.
  readFile: async (p) => readFileSync(p, "utf8"),
};

/** Exit codes of every command. */
export const EXIT = { ok: 0, reportHasErrors: 1, unusableInput: 2 } as const;

/** A Chinese message for a failed file read (Node error codes → plain words). */
export function readError(path: string, e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === "ENOENT") return `文件不存在：${path}`;
  if (code === "EISDIR") return `${path} 是目录，不是文件`;
  if (code === "EACCES" || code === "EPERM") return `没有权限读取文件：${path}`;
  return `无法读取文件 ${path}（${e instanceof Error ? e.message : String(e)}）`;
}
