/**
 * A service job worker for tests that must stop a library scan at its most delicate point: a
 * "library-scan" job whose root holds the hidden file PAUSE_FILE (the scan skips hidden files)
 * (scan-pauses.ts) stops when it reports the "saving" stage — everything walked and read, nothing saved yet —
 * marks itself paused (PAUSED_FILE in the root) and blocks its thread until RELEASE_FILE
 * appears there (30 s at most), then unmarks itself and saves. A paused mark that outlives the
 * release shows the thread was terminated. Every other job runs as job-worker.ts runs it.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import { summariseError } from "../../analysis/errors.js";
import type { JobTask, JobTaskProgress } from "../../jobs/job-runner.js";
import type { WorkerReply } from "../../jobs/worker-pool.js";
import type { LibraryScanPayload, ServiceJobOutput } from "../job-payloads.js";
import { runServiceJob } from "../run-service-job.js";
import { PAUSE_FILE, PAUSED_FILE, RELEASE_FILE } from "./scan-pauses.js";

const port = parentPort;
if (!port) throw new Error("pausing-job-worker must run in a worker thread");

/** Blocks the thread (the scan's progress callback is synchronous) until the release file exists. */
function pauseUntilReleased(root: string): void {
  writeFileSync(join(root, PAUSED_FILE), "");
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 30_000;
  while (!existsSync(join(root, RELEASE_FILE)) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 10);
  rmSync(join(root, PAUSED_FILE), { force: true });
}

port.on("message", async ({ id, task }: { id: number; task: JobTask }) => {
  const send = (reply: WorkerReply<ServiceJobOutput, JobTaskProgress>) => port.postMessage(reply);
  const root = task.kind === "library-scan" ? (task.payload as LibraryScanPayload).root : null;
  let paused = false;
  try {
    const result = await runServiceJob(task, (progress) => {
      send({ id, type: "progress", progress });
      if (root !== null && !paused && progress.stage === "saving" && existsSync(join(root, PAUSE_FILE))) {
        paused = true;
        pauseUntilReleased(root);
      }
    });
    send({ id, type: "result", result });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
