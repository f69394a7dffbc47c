/**
 * Worker-thread entry of the prediction pool: receives { audioPath, outputPath } jobs one at
 * a time (the shared pool's `{ id, task }` protocol) and answers each with its outcome.
 */
import { parentPort } from "node:worker_threads";
import type { WorkerReply } from "../src/jobs/worker-pool.js";
import { type PredictionOutcome, predictToFile } from "./predict.js";

export interface PredictionJob {
  readonly audioPath: string;
  readonly outputPath: string;
}

const port = parentPort;
if (port === null) throw new Error("predict-worker.ts must run in a worker thread");
port.on("message", ({ id, task }: { id: number; task: PredictionJob }) => {
  void predictToFile(task.audioPath, task.outputPath).then((result) => {
    const reply: WorkerReply<PredictionOutcome, never> = { id, type: "result", result };
    port.postMessage(reply);
  });
});
