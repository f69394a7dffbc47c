/**
 * A service job worker for tests that must catch a job mid-run: it reports a "hold" stage for
 * TONEARM_TEST_JOB_HOLD_MS (from the environment, which worker threads inherit) before doing
 * the real job with run-service-job.ts.
 */
import { parentPort } from "node:worker_threads";
import { summariseError } from "../../analysis/errors.js";
import type { JobTask, JobTaskProgress } from "../../jobs/job-runner.js";
import type { WorkerReply } from "../../jobs/worker-pool.js";
import type { ServiceJobOutput } from "../job-payloads.js";
import { runServiceJob } from "../run-service-job.js";

const port = parentPort;
if (!port) throw new Error("slow-job-worker must run in a worker thread");
const holdMs = Number(process.env.TONEARM_TEST_JOB_HOLD_MS ?? 0);

port.on("message", async ({ id, task }: { id: number; task: JobTask }) => {
  const send = (reply: WorkerReply<ServiceJobOutput, JobTaskProgress>) => port.postMessage(reply);
  try {
    for (let step = 0; step < 20 && holdMs > 0; step++) {
      send({ id, type: "progress", progress: { stage: "hold", fraction: step / 200 } });
      await new Promise((resolve) => setTimeout(resolve, holdMs / 20));
    }
    const result = await runServiceJob(task, (progress) => send({ id, type: "progress", progress }));
    send({ id, type: "result", result });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
