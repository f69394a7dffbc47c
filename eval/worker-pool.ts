/**
 * Runs predictions across the machine's cores on tonearm's shared worker pool
 * (src/jobs/worker-pool.ts). With one job at a time, predictions run in this thread.
 */
import { availableParallelism } from "node:os";
import { TaskFailure, WorkerPool } from "../src/jobs/worker-pool.js";
import type { PredictionOutcome } from "./predict.js";
import type { PredictionJob } from "./predict-worker.js";

const WORKER_ENTRY = new URL("./predict-worker.ts", import.meta.url);

/** Default number of workers: one per core. */
export function defaultJobCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Predict every job, at most `jobCount` at a time; `onOutcome` sees each result as it
 * arrives. Resolves with the outcomes in job order. A job whose worker dies is recorded
 * as failed and the run goes on. `workerEntry` is replaceable for tests.
 */
export async function predictInPool(
  jobs: readonly PredictionJob[],
  jobCount: number,
  onOutcome: (outcome: PredictionOutcome, done: number) => void = () => {},
  workerEntry: URL = WORKER_ENTRY,
): Promise<PredictionOutcome[]> {
  let done = 0;
  if ((jobCount <= 1 || jobs.length <= 1) && workerEntry === WORKER_ENTRY) {
    const { predictToFile } = await import("./predict.js");
    const outcomes: PredictionOutcome[] = [];
    for (const job of jobs) {
      outcomes.push(await predictToFile(job.audioPath, job.outputPath));
      onOutcome(outcomes.at(-1)!, ++done);
    }
    return outcomes;
  }
  const pool = new WorkerPool<PredictionJob, PredictionOutcome, never>(workerEntry, Math.min(jobCount, jobs.length));
  try {
    return await Promise.all(
      jobs.map(async (job) => {
        let outcome: PredictionOutcome;
        try {
          outcome = await pool.run(job);
        } catch (error) {
          if (!(error instanceof TaskFailure)) throw error;
          outcome = { ...job, seconds: 0, fields: [], schemaErrors: [], failure: error.summary };
        }
        onOutcome(outcome, ++done);
        return outcome;
      }),
    );
  } finally {
    await pool.close();
  }
}
