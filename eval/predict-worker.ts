/**
 * Worker-thread entry of the prediction pool: receives { audioPath, outputPath } jobs one at
 * a time and answers each with its PredictionOutcome.
 */
import { parentPort } from "node:worker_threads";
import { predictToFile } from "./predict.js";

export interface PredictionJob {
  readonly audioPath: string;
  readonly outputPath: string;
}

const port = parentPort;
if (port === null) throw new Error("predict-worker.ts must run in a worker thread");
port.on("message", (job: PredictionJob) => {
  void predictToFile(job.audioPath, job.outputPath).then((outcome) => port.postMessage(outcome));
});
