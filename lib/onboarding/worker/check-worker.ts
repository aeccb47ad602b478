// The worker thread that reads and validates one onboarding upload (see run-check.ts): reads the
// input from workerData, posts the plan back, and ends.
import { parentPort, workerData } from "node:worker_threads";
import { checkUpload, type CheckInput } from "../check";

parentPort?.postMessage(checkUpload(workerData as CheckInput));
