/**
 * A small pool of worker threads that run predictions across the machine's cores. Workers
 * run the TypeScript sources directly: each registers tsx's loader before importing its
 * entry module (a worker does not inherit the parent's loader). With one job, predictions run
 * in this thread instead.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PredictionOutcome } from "./predict.js";
import type { PredictionJob } from "./predict-worker.js";

const WORKER_ENTRY = new URL("./predict-worker.ts", import.meta.url);

/** Default number of workers: one per core. */
export function defaultJobCount(): number {
  return Math.max(1, availableParallelism());
}

/** A worker thread running a TypeScript module through tsx. */
function spawnTypeScriptWorker(entry: URL): Worker {
  const loader = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(loader)})
  .then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })
  .catch((error) => { console.error(error); process.exit(1); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Predict every job, at most `jobCount` at a time; `onOutcome` sees each result as it
 * arrives. Resolves with the outcomes in job order. `workerEntry` is the worker module
 * (replaceable for tests); with one job at a time the predictions run in this thread.
 */
export async function predictInPool(
  jobs: readonly PredictionJob[],
  jobCount: number,
  onOutcome: (outcome: PredictionOutcome, done: number) => void = () => {},
  workerEntry: URL = WORKER_ENTRY,
): Promise<PredictionOutcome[]> {
  const outcomes = new Array<PredictionOutcome>(jobs.length);
  let done = 0;
  if ((jobCount <= 1 || jobs.length <= 1) && workerEntry === WORKER_ENTRY) {
    const { predictToFile } = await import("./predict.js");
    for (const [index, job] of jobs.entries()) {
      outcomes[index] = await predictToFile(job.audioPath, job.outputPath);
      onOutcome(outcomes[index], ++done);
    }
    return outcomes;
  }
  let next = 0;
  // One lane per worker; a worker that dies mid-job (a native crash, out of memory) records
  // that job as failed and is replaced, so one bad file cannot stop the run.
  const runLane = async (): Promise<void> => {
    while (next < jobs.length) await runWorkerUntilDone();
  };
  const runWorkerUntilDone = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = spawnTypeScriptWorker(workerEntry);
      let current = -1;
      let lastError = "";
      const finish = (index: number, outcome: PredictionOutcome): void => {
        outcomes[index] = outcome;
        onOutcome(outcome, ++done);
      };
      const dispatch = (): void => {
        if (next >= jobs.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage(jobs[current]);
      };
      worker.on("message", (outcome: PredictionOutcome) => {
        finish(current, outcome);
        dispatch();
      });
      worker.on("error", (error) => {
        lastError = error.message;
      });
      worker.on("exit", (code) => {
        const job = current >= 0 ? jobs[current] : undefined;
        if (job !== undefined && outcomes[current] === undefined) {
          const message = `prediction worker exited with code ${code}${lastError === "" ? "" : `: ${lastError}`}`;
          finish(current, {
            ...job,
            seconds: 0,
            fields: [],
            schemaErrors: [],
            failure: { code: "WORKER_EXITED", message },
          });
        }
        resolve();
      });
      dispatch();
    });
  await Promise.all(Array.from({ length: Math.min(jobCount, jobs.length) }, runLane));
  return outcomes;
}
