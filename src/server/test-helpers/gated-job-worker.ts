/**
 * A service job worker for server tests that must see a job while it is queued or running
 * (progress streams, cancelling, "not complete yet" answers): each job waits until its gate
 * is opened (`openJobGate(jobId)`, a file named after the job in JOB_GATES) and then runs
 * the real job with run-service-job.ts, so the analysis and its stored output stay real.
 * A job whose result is held (`holdJobResult(jobId)` in job-gates.ts) then marks itself held
 * and waits, its files written, until `releaseJobResult(jobId)`: a test can cancel or delete
 * it at that point. Only the start and the report are held back; nothing is faked.
 */
import { access, rm, writeFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { summariseError } from "../../analysis/errors.js";
import type { JobTask, JobTaskProgress } from "../../jobs/job-runner.js";
import type { WorkerReply } from "../../jobs/worker-pool.js";
import type { ServiceJobOutput } from "../../service/job-payloads.js";
import { runServiceJob } from "../../service/run-service-job.js";
import { jobGatePath, jobHeldPath, jobHoldPath } from "./job-gates.js";

const port = parentPort;
if (!port) throw new Error("gated-job-worker must run in a worker thread");

async function waitForGate(jobId: string): Promise<void> {
  const gate = jobGatePath(jobId);
  for (;;) {
    try {
      await access(gate);
      await rm(gate, { force: true });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** With a hold on the job: marks it held, waits until the hold is lifted, unmarks it. */
async function holdResult(jobId: string): Promise<void> {
  if (!(await exists(jobHoldPath(jobId)))) return;
  await writeFile(jobHeldPath(jobId), "");
  while (await exists(jobHoldPath(jobId))) await new Promise((resolve) => setTimeout(resolve, 10));
  await rm(jobHeldPath(jobId), { force: true });
}

port.on("message", async ({ id, task }: { id: number; task: JobTask }) => {
  const send = (reply: WorkerReply<ServiceJobOutput, JobTaskProgress>) => port.postMessage(reply);
  try {
    await waitForGate(task.jobId);
    const result = await runServiceJob(task, (progress) => send({ id, type: "progress", progress }));
    await holdResult(task.jobId);
    send({ id, type: "result", result });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
