// What a command may do to the outside world, injected so that tests can run commands in-process.

import { readFileSync, writeSync } from "node:fs";
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

/**
 * Writes text to standard output (1) or error (2) straight to the file descriptor: creating
 * process.stdout / process.stderr costs a short run ~6 ms of CPU, and on Linux their writes are
 * synchronous anyway, so the order and the result are the same. Should the descriptor refuse
 * (non-blocking and full: EAGAIN; EPIPE; …), the rest goes through the stream as before.
 */
function writeFd(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch {
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(done));
  }
}

export const nodeIo: CliIo = {
  stdout: (t) => writeFd(1, t),
  stderr: (t) => writeFd(2, t),
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
