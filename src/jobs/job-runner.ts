/**
 * How a claimed job is executed: a JobRunner runs one job's work and reports progress; the
 * queue around it handles claiming, heartbeats, timeouts and recording the outcome. The
 * runner here executes jobs on a pool of worker threads (worker-pool.ts), so analysis never
 * blocks the process's event loop and a cancelled or timed-out job is stopped by terminating
 * its thread. The worker entry (e.g. src/service/job-worker.ts) receives a `JobTask` per
 * message and answers with `{ stage, fraction }` progress and the job's output.
 */
import type { JobKind, JobRecord } from "./job-model.js";
import { WorkerPool } from "./worker-pool.js";

/** What a job worker thread receives. `context` is the same for every job (settings it needs). */
export interface JobTask {
  readonly jobId: string;
  readonly kind: JobKind;
  readonly payload: unknown;
  readonly attempt: number;
  readonly context: unknown;
}

export interface JobTaskProgress {
  readonly stage: string;
  readonly fraction: number;
}

export interface JobRunner {
  /** Runs the job to its output; rejects with a TaskFailure (typed code) on failure or abort. */
  run(job: JobRecord, onProgress: (progress: JobTaskProgress) => void, signal: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
}

export class WorkerThreadJobRunner implements JobRunner {
  private readonly pool: WorkerPool<JobTask, unknown, JobTaskProgress>;
  private readonly context: unknown;

  /** `workerUrl`: the worker entry (.js, or .ts run through tsx); `size` threads. */
  constructor(workerUrl: URL, size: number, context: unknown = null) {
    this.pool = new WorkerPool(workerUrl, size);
    this.context = context;
  }

  run(job: JobRecord, onProgress: (progress: JobTaskProgress) => void, signal: AbortSignal): Promise<unknown> {
    const task: JobTask = {
      jobId: job.id,
      kind: job.kind,
      payload: job.payload,
      attempt: job.attempts,
      context: this.context,
    };
    return this.pool.run(task, onProgress, { signal });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
