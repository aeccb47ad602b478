// Onboarding uploads are read and validated off the request thread, like report imports
// (lib/import/worker/run-import.ts, whose loading pattern this follows): a wide .xlsx at the size
// limit takes seconds of parsing, which must not stall everyone else's autosaves. One worker per
// check, with a wall-clock and heap limit; at most MAX_RUNNING at once, MAX_WAITING queued, then
// 「繁忙」 at once. Never throws: a failure is a plan with one Chinese problem.
import { Worker } from "node:worker_threads";
import { createGate } from "../../workers/gate";
import { checkUpload, type CheckInput } from "../check";
import type { OnboardingPlan } from "../validate";

export const CHECK_TIME_LIMIT_MS = 20_000;
export const CHECK_HEAP_LIMIT_MB = 256;
export const MAX_RUNNING = 1;
export const MAX_WAITING = 4;
export const CHECK_BUSY = "系统正在检查其他导入文件，请稍后再试";

const gate = createGate(MAX_RUNNING, MAX_WAITING);

const failed = (message: string): OnboardingPlan => ({ agencies: [], users: [], problems: [{ sheet: "文件", row: 0, message }] });



/** `checkUpload(input)` in a worker thread, within the time and memory limits. */
export async function checkInWorker(input: CheckInput, opts: { timeLimitMs?: number; inline?: boolean } = {}): Promise<OnboardingPlan> {
  if (opts.inline) return checkUpload(input);
  return gate.run(() => runWorker(input, opts.timeLimitMs ?? CHECK_TIME_LIMIT_MS), () => failed(CHECK_BUSY));
}

function runWorker(input: CheckInput, timeLimit: number): Promise<OnboardingPlan> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const options = { workerData: input, resourceLimits: { maxOldGenerationSizeMb: CHECK_HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 } };
      if (!process.env.NEXT_RUNTIME) {
        const href = new URL("./check-worker.ts", import.meta.url).href;
        const boot = `import("tsx/esm/api").then((m) => m.tsImport(${JSON.stringify(href)}, ${JSON.stringify(href)}))`;
        worker = new Worker(boot, { ...options, eval: true });
      } else {
        worker = new Worker(new URL("./check-worker.ts", import.meta.url), options);
      }
    } catch {
      resolve(failed("检查服务暂时无法启动，请稍后再试"));
      return;
    }
    let done = false;
    const finish = (r: OnboardingPlan) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(failed(`文件过于复杂，${Math.round(timeLimit / 1000)} 秒内未能读完，已停止检查：请只保留模板的列，或另存为 CSV 后重试`)), timeLimit);
    worker.once("message", (r: OnboardingPlan) => finish(r));
    worker.once("error", (e: Error & { code?: string }) => finish(failed(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "文件过于庞大，读取所需内存超过上限，已停止检查：请分批导入" : "检查时发生内部错误，无法读取该文件")));
    worker.once("exit", () => finish(failed("检查时发生内部错误，无法读取该文件")));
  });
}
