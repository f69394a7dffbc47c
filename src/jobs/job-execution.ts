/**
 * Runs claimed jobs to an outcome the repository records, whichever queue claimed them (the
 * embedded database queue, or a BullMQ worker). For each job it
 * - starts the runner (a worker thread) with an AbortController;
 * - thins progress (progress-throttle.ts), publishes it to in-process listeners at once and
 *   stores it, one write in flight at a time;
 * - refreshes the heartbeat every `heartbeatMs`; when the repository answers that the job is
 *   no longer this worker's (cancelled from another process, or recovered after a stall) the
 *   attempt is stopped, since its result would be discarded anyway;
 * - stops the attempt after `timeoutMs` (failed, TIMEOUT);
 * and records what happened: completed with the output; failed with the typed error; a dead
 * worker thread as an interrupted attempt (retried while attempts remain); a shutdown as a
 * released attempt (queued again, not counted).
 */
import { summariseError, TonearmError } from "../analysis/errors.js";
import { eventFromJob, type JobEventHub } from "./job-events.js";
import type { JobError, JobOutcome, JobRecord, JobRepository } from "./job-model.js";
import type { JobRunner, JobTaskProgress } from "./job-runner.js";
import { createProgressThrottle, type ProgressThrottleOptions } from "./progress-throttle.js";
import { TaskFailure } from "./worker-pool.js";

/** Why an attempt was stopped from outside. */
export type AbortCause = "cancel" | "timeout" | "shutdown" | "lost";

export interface JobExecutionOptions {
  readonly repository: JobRepository;
  readonly runner: JobRunner;
  readonly events: JobEventHub;
  readonly workerId: string;
  readonly timeoutMs: number;
  readonly heartbeatMs: number;
  readonly throttle?: Partial<ProgressThrottleOptions>;
  /** Problems worth a log line (a failed progress write, …); default: none. */
  readonly warn?: (message: string, error?: unknown) => void;
}

interface Execution {
  readonly job: JobRecord;
  readonly controller: AbortController;
  cause: AbortCause | null;
  done: Promise<void>;
}

function timeoutMessage(timeoutMs: number): string {
  return `the job ran longer than its limit of ${Math.round(timeoutMs / 1000)} s (TONEARM_JOB_TIMEOUT) and was stopped`;
}

export class JobExecution {
  private readonly options: JobExecutionOptions;
  private readonly executions = new Map<string, Execution>();

  constructor(options: JobExecutionOptions) {
    this.options = options;
  }

  get activeCount(): number {
    return this.executions.size;
  }

  isRunning(jobId: string): boolean {
    return this.executions.has(jobId);
  }

  /** Runs `job` (claimed by this worker) to its recorded outcome; never rejects. */
  execute(job: JobRecord): Promise<void> {
    const execution: Execution = { job, controller: new AbortController(), cause: null, done: Promise.resolve() };
    this.executions.set(job.id, execution);
    execution.done = this.run(execution).finally(() => this.executions.delete(job.id));
    return execution.done;
  }

  /** Stops a job running here; false when it is not. */
  abort(jobId: string, cause: AbortCause): boolean {
    const execution = this.executions.get(jobId);
    if (!execution) return false;
    this.stop(execution, cause);
    return true;
  }

  /** Stops every job running here and waits until their outcomes are recorded. */
  async abortAll(cause: AbortCause): Promise<void> {
    const running = [...this.executions.values()];
    for (const execution of running) this.stop(execution, cause);
    await Promise.all(running.map((execution) => execution.done));
  }

  private stop(execution: Execution, cause: AbortCause): void {
    if (execution.controller.signal.aborted) return;
    execution.cause = cause;
    const reason =
      cause === "timeout"
        ? new TonearmError("TIMEOUT", timeoutMessage(this.options.timeoutMs))
        : new TonearmError("CANCELLED", `the job was stopped (${cause})`);
    execution.controller.abort(reason);
  }

  private async run(execution: Execution): Promise<void> {
    const { repository, runner, events, workerId, timeoutMs, heartbeatMs } = this.options;
    const { job, controller } = execution;
    events.publish(eventFromJob(job));
    const timeout = setTimeout(() => this.stop(execution, "timeout"), timeoutMs);
    const heartbeat = setInterval(() => {
      repository.heartbeat(job.id, workerId).then(
        (stillMine) => {
          if (!stillMine) this.stop(execution, "lost");
        },
        (error) => this.options.warn?.(`job ${job.id}: heartbeat failed`, error),
      );
    }, heartbeatMs);
    const progress = this.progressWriter(execution);
    let outcome: JobOutcome | null;
    try {
      const output = await runner.run(job, progress.report, controller.signal);
      outcome = controller.signal.aborted ? this.outcomeOfAbort(execution) : { status: "completed", output };
    } catch (error) {
      outcome = controller.signal.aborted ? this.outcomeOfAbort(execution) : this.outcomeOfFailure(job, error);
    } finally {
      clearTimeout(timeout);
      clearInterval(heartbeat);
    }
    await progress.flushed();
    if (outcome !== null) await this.record(job, outcome);
    await this.publishCurrent(job);
  }

  /** What an attempt stopped from outside amounts to; null when someone else already recorded it. */
  private outcomeOfAbort(execution: Execution): JobOutcome | null {
    switch (execution.cause) {
      case "timeout":
        return { status: "failed", error: { code: "TIMEOUT", message: timeoutMessage(this.options.timeoutMs) } };
      case "shutdown":
        return { status: "released" };
      default:
        // Cancelled or lost: the repository already says so, and would ignore our write.
        return null;
    }
  }

  private outcomeOfFailure(job: JobRecord, error: unknown): JobOutcome {
    const summary: JobError = error instanceof TaskFailure ? error.summary : summariseError(error);
    if (summary.code === "WORKER_EXITED") {
      return {
        status: "interrupted",
        error: { code: "WORKER_EXITED", message: `${summary.message} (attempt ${job.attempts} of ${job.maxAttempts})` },
      };
    }
    if (summary.code === "INTERRUPTED") return { status: "released" };
    return { status: "failed", error: { code: summary.code, message: summary.message } };
  }

  private async record(job: JobRecord, outcome: JobOutcome): Promise<void> {
    const { repository, workerId } = this.options;
    try {
      await repository.finish(job.id, workerId, outcome);
    } catch (error) {
      this.options.warn?.(`job ${job.id}: recording its outcome failed`, error);
      if (outcome.status !== "completed") return;
      const message = `the job finished but its result could not be stored: ${(error as Error).message}`;
      await repository
        .finish(job.id, workerId, { status: "failed", error: { code: "INTERNAL", message } })
        .catch((again: unknown) => this.options.warn?.(`job ${job.id}: recording the failure failed`, again));
    }
  }

  private async publishCurrent(job: JobRecord): Promise<void> {
    try {
      const current = await this.options.repository.get(job.id);
      if (current) this.options.events.publish(eventFromJob(current));
    } catch (error) {
      this.options.warn?.(`job ${job.id}: reading its final state failed`, error);
    }
  }

  /** Throttled progress: published at once, stored with at most one write in flight (the latest wins). */
  private progressWriter(execution: Execution): {
    report: (progress: JobTaskProgress) => void;
    flushed: () => Promise<void>;
  } {
    const { repository, events, workerId } = this.options;
    const { job } = execution;
    const throttle = createProgressThrottle(this.options.throttle);
    let pending: { stage: string; progress: number } | null = null;
    let writing: Promise<void> = Promise.resolve();
    let busy = false;
    const drain = async () => {
      busy = true;
      while (pending !== null) {
        const update = pending;
        pending = null;
        try {
          if (!(await repository.reportProgress(job.id, workerId, update))) this.stop(execution, "lost");
        } catch (error) {
          this.options.warn?.(`job ${job.id}: storing progress failed`, error);
        }
      }
      busy = false;
    };
    return {
      report: ({ stage, fraction }) => {
        if (execution.controller.signal.aborted) return;
        const sample = throttle(stage, fraction);
        if (sample === null) return;
        events.publish({ jobId: job.id, status: "running", stage, progress: sample.progress, error: null });
        pending = sample;
        if (!busy) writing = drain();
      },
      flushed: () => writing,
    };
  }
}
