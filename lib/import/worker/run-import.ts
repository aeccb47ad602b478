// Imports run off the request thread (issue 14): one crafted upload held the server's only
// JavaScript thread for 52 s, so every other user's save waited. Here each import runs in its own
// `node:worker_threads` worker with
//   - a wall-clock limit (IMPORT_TIME_LIMIT_MS): the worker is terminated and the user told so;
//   - a heap limit (resourceLimits): a file that needs more memory ends the worker, not the server;
//   - a concurrency limit: at most MAX_RUNNING imports at once (the server has few cores, and the
//     saves of everyone else need one), MAX_WAITING more queue, any further upload is answered
//     "busy" at once.
// The answer is always an ImportResult; failures carry a Chinese message (and no exception text).
//
// Loading: `new Worker(new URL("./import-worker.ts", import.meta.url))` is the form bundlers
// recognise — Next's Turbopack build emits the worker as its own server chunk and rewrites the URL.
// Unbundled (vitest, the CLI under tsx) the URL points at the TypeScript source, which the worker
// then loads through tsx.
import { Worker } from "node:worker_threads";
import { createGate } from "../../workers/gate";
import type { ImportInput, ImportNote, ImportResult } from "../types";

export const IMPORT_TIME_LIMIT_MS = 20_000;
/** Old-generation heap of one import worker. A 5 MB .docx inflates to at most MAX_DOCX_XML bytes of XML. */
export const IMPORT_HEAP_LIMIT_MB = 384;
export const MAX_RUNNING = 2;
export const MAX_WAITING = 8;

export interface RunOptions {
  timeLimitMs?: number;
  heapLimitMb?: number;
}

function failed(message: string, text?: string): ImportResult {
  const note: ImportNote = { code: "internal", message, ...(text ? { text } : {}) };
  return { ok: false, errors: [note], warnings: [] };
}

const gate = createGate(MAX_RUNNING, MAX_WAITING);

export const BUSY_MESSAGE = "导入繁忙：其他文件正在导入，请稍后再试";


/** Whether a result is the refusal of an import that found the queue full (the route answers 503). */
export function isBusy(r: ImportResult): boolean {
  return !r.ok && r.errors[0]?.message === BUSY_MESSAGE;
}


/** Runs `importReport(input)` in a worker thread, within the time and memory limits. Never throws. */
export async function importInWorker(input: ImportInput, opts: RunOptions = {}): Promise<ImportResult> {
  return gate.run(() => runWorker(input, opts), () => failed(BUSY_MESSAGE));
}

function runWorker(input: ImportInput, opts: RunOptions): Promise<ImportResult> {
  const timeLimit = opts.timeLimitMs ?? IMPORT_TIME_LIMIT_MS;
  const heap = opts.heapLimitMb ?? IMPORT_HEAP_LIMIT_MB;
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const options = {
        workerData: input,
        resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 },
      };
      if (!process.env.NEXT_RUNTIME) {
        // Unbundled (vitest, scripts under tsx; Turbopack keeps import.meta.url pointing at the
        // .ts source even in the build, so only Next's runtime flag tells): the worker loads its source through
        // tsx — tsImport, not register() + import(): see bin/nianbao.cjs (ERR_REQUIRE_CYCLE_MODULE).
        const href = new URL("./import-worker.ts", import.meta.url).href;
        const boot = `import("tsx/esm/api").then((m) => m.tsImport(${JSON.stringify(href)}, ${JSON.stringify(href)}))`;
        worker = new Worker(boot, { ...options, eval: true });
      } else {
        // Inside Next (build or dev): Turbopack recognises exactly this expression, emits the
        // worker as a "[worker thread]" server chunk and starts that chunk here.
        worker = new Worker(new URL("./import-worker.ts", import.meta.url), options);
      }
    } catch (e) {
      resolve(failed("导入服务暂时无法启动，请稍后再试", e instanceof Error ? e.message : String(e)));
      return;
    }
    let done = false;
    const finish = (r: ImportResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(failed(`文件结构过于复杂，${Math.round(timeLimit / 1000)} 秒内未能读完，已停止导入：请在 Word 中另存为 .docx 或只保留年报正文后重试`));
    }, timeLimit);
    worker.once("message", (r: ImportResult) => finish(r));
    worker.once("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") finish(failed("文件过于庞大或结构异常，读取所需内存超过上限，已停止导入：请只保留年报正文后重试", e.message));
      else finish(failed("导入时发生内部错误，无法读取该文件，请将文件提供给技术支持", `${e.name}: ${e.message}`));
    });
    worker.once("exit", (code) => finish(failed("导入时发生内部错误，无法读取该文件，请将文件提供给技术支持", `worker exited with code ${code}`)));
  });
}
