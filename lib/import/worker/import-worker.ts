// The worker thread that runs one import (see run-import.ts): reads the input from workerData,
// posts the result back, and ends. Nothing else runs here, so a pathological file can only ever
// exhaust this thread's time and memory — which the parent limits and then terminates.
import { parentPort, workerData } from "node:worker_threads";
import { importReport } from "../import-report";
import type { ImportInput } from "../types";

// No top-level await: unbundled, tsx loads this file as CommonJS.
void importReport(workerData as ImportInput).then((result) => parentPort?.postMessage(result));
