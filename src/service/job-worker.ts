/**
 * Worker-thread entry of the service's jobs: one job per message (protocol in
 * src/jobs/job-runner.ts), run by run-service-job.ts; progress and the output or the error
 * (code and message) go back to the queue.
 */
import { parentPort } from "node:worker_threads";
import { summariseError } from "../analysis/errors.js";
import type { JobTask, JobTaskProgress } from "../jobs/job-runner.js";
import type { WorkerReply } from "../jobs/worker-pool.js";
import type { ServiceJobOutput } from "./job-payloads.js";
import { runServiceJob } from "./run-service-job.js";

const port = parentPort;
if (!port) throw new Error("job-worker must run in a worker thread");

port.on("message", async ({ id, task }: { id: number; task: JobTask }) => {
  const send = (reply: WorkerReply<ServiceJobOutput, JobTaskProgress>) => port.postMessage(reply);
  try {
    const result = await runServiceJob(task, (progress) => send({ id, type: "progress", progress }));
    send({ id, type: "result", result });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
