/**
 * The embedded job queue: jobs persisted in the database (a JobRepository), executed on this
 * process's worker threads, `concurrency` at a time. Several processes may serve one database
 * (the server and `tonearm worker`s): each claims jobs atomically and recovers the jobs of
 * workers that died (worker-identity.ts decides who is gone).
 *
 * Claiming happens when told a job was queued (`wake`), after each job ends, and every
 * `pollIntervalMs` (jobs queued by other processes). Recovery runs on start — so a job left
 * running by a crashed or killed process is queued again (or failed INTERRUPTED when out of
 * attempts) before anything else — and every `recoveryIntervalMs` after. `close()` stops
 * claiming, stops the running attempts and queues them again without counting them.
 * With `runJobs: false` the queue only submits, cancels and retries (a `tonearm jobs`
 * command, or a server whose jobs run elsewhere).
 */
import { TonearmError } from "../analysis/errors.js";
import { eventFromJob, JobEventHub } from "./job-events.js";
import { type AbortCause, JobExecution } from "./job-execution.js";
import type { JobKind, JobRecord, JobRepository, RecoveryReport } from "./job-model.js";
import type { JobRunner } from "./job-runner.js";
import type { ProgressThrottleOptions } from "./progress-throttle.js";
import { createWorkerId, isWorkerGone, retireWorkerId } from "./worker-identity.js";

export interface DatabaseJobQueueOptions {
  readonly repository: JobRepository;
  /** Executes jobs; required when `runJobs` (the default). */
  readonly runner?: JobRunner;
  /** Claim and run jobs here; default true. */
  readonly runJobs?: boolean;
  /** Jobs run at once; default 1. */
  readonly concurrency?: number;
  /** Only these kinds are claimed; default all. */
  readonly kinds?: readonly JobKind[];
  /** A running attempt is stopped (TIMEOUT) after this long. */
  readonly timeoutMs: number;
  /** Default 2 000 ms. */
  readonly heartbeatMs?: number;
  /** A running job whose heartbeat is older than this is abandoned; default 30 000 ms. */
  readonly staleAfterMs?: number;
  /** Default 1 000 ms. */
  readonly pollIntervalMs?: number;
  /** Default 10 000 ms. */
  readonly recoveryIntervalMs?: number;
  readonly events?: JobEventHub;
  readonly throttle?: Partial<ProgressThrottleOptions>;
  readonly warn?: (message: string, error?: unknown) => void;
}

export interface QueueState {
  readonly workerId: string;
  readonly runsJobs: boolean;
  readonly running: number;
  readonly concurrency: number;
  readonly closed: boolean;
}

export class DatabaseJobQueue {
  readonly workerId: string;
  readonly events: JobEventHub;
  private readonly options: DatabaseJobQueueOptions;
  private readonly repository: JobRepository;
  private readonly execution: JobExecution | null;
  private readonly concurrency: number;
  private readonly staleAfterMs: number;
  private timers: NodeJS.Timeout[] = [];
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private started = false;
  private closed = false;

  constructor(options: DatabaseJobQueueOptions) {
    this.options = options;
    this.repository = options.repository;
    this.events = options.events ?? new JobEventHub();
    this.workerId = createWorkerId();
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    const runJobs = options.runJobs ?? true;
    if (runJobs && !options.runner) throw new Error("DatabaseJobQueue: runJobs needs a runner");
    this.execution =
      runJobs && options.runner
        ? new JobExecution({
            repository: this.repository,
            runner: options.runner,
            events: this.events,
            workerId: this.workerId,
            timeoutMs: options.timeoutMs,
            heartbeatMs: options.heartbeatMs ?? 2_000,
            throttle: options.throttle,
            warn: options.warn,
          })
        : null;
  }

  /** When running jobs: recovers abandoned jobs, then starts claiming. */
  async start(): Promise<RecoveryReport> {
    if (this.started) throw new Error("DatabaseJobQueue: already started");
    this.started = true;
    if (!this.execution) return { requeued: [], failed: [] };
    const report = await this.recover();
    {
      const every = (ms: number, task: () => void) => {
        const timer = setInterval(task, ms);
        timer.unref();
        this.timers.push(timer);
      };
      every(this.options.pollIntervalMs ?? 1_000, () => this.wake());
      every(this.options.recoveryIntervalMs ?? 10_000, () => {
        this.recover().catch((error) => this.options.warn?.("job recovery failed", error));
      });
      this.wake();
    }
    return report;
  }

  /** Running jobs of dead workers: queued again, or failed INTERRUPTED; their watchers are told. */
  async recover(): Promise<RecoveryReport> {
    const report = await this.repository.recoverAbandoned((workerId, heartbeatAt) =>
      isWorkerGone(workerId, heartbeatAt, { staleAfterMs: this.staleAfterMs }),
    );
    for (const id of [...report.requeued, ...report.failed]) {
      const job = await this.repository.get(id);
      if (job) this.events.publish(eventFromJob(job));
    }
    if (report.requeued.length > 0) this.wake();
    return report;
  }

  /** A job was queued (or re-queued): claim it if there is room. */
  wake(): void {
    if (!this.execution || this.closed || !this.started) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => this.options.warn?.("claiming jobs failed", error))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    const execution = this.execution!;
    while (!this.closed && execution.activeCount < this.concurrency) {
      const job = await this.repository.claimNext(this.workerId, this.options.kinds);
      if (job === undefined) return;
      if (this.closed) {
        await this.repository.finish(job.id, this.workerId, { status: "released" });
        return;
      }
      void execution.execute(job).then(() => this.wake());
    }
  }

  /**
   * Cancels a queued or running job (a running one here stops at once; one running in another
   * process stops at its next heartbeat). CONFLICT when it has finished, NOT_FOUND when unknown.
   */
  async cancel(id: string): Promise<JobRecord> {
    const cancelled = await this.repository.cancel(id, { code: "CANCELLED", message: "the job was cancelled" });
    if (cancelled === undefined) {
      const job = await this.repository.get(id);
      if (!job) throw new TonearmError("NOT_FOUND", `no job with id ${id}`);
      throw new TonearmError(
        "CONFLICT",
        `job ${id} has already ${job.status === "cancelled" ? "been cancelled" : job.status}`,
      );
    }
    if (!this.execution?.abort(id, "cancel")) this.events.publish(eventFromJob(cancelled));
    return cancelled;
  }

  /** Queues a failed or cancelled job again with fresh attempts. CONFLICT otherwise. */
  async retry(id: string): Promise<JobRecord> {
    const queued = await this.repository.requeue(id);
    if (queued === undefined) {
      const job = await this.repository.get(id);
      if (!job) throw new TonearmError("NOT_FOUND", `no job with id ${id}`);
      throw new TonearmError("CONFLICT", `job ${id} is ${job.status}; only failed or cancelled jobs can be retried`);
    }
    this.events.publish(eventFromJob(queued));
    this.wake();
    return queued;
  }

  /** Stops a job running in this process (e.g. its analysis was deleted); false when not here. */
  abortLocal(id: string, cause: AbortCause): boolean {
    return this.execution?.abort(id, cause) ?? false;
  }

  state(): QueueState {
    return {
      workerId: this.workerId,
      runsJobs: this.execution !== null,
      running: this.execution?.activeCount ?? 0,
      concurrency: this.concurrency,
      closed: this.closed,
    };
  }

  /** Stops claiming; running attempts are stopped and queued again (not counted); closes the runner. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.pumping;
    await this.execution?.abortAll("shutdown");
    await this.options.runner?.close();
    retireWorkerId(this.workerId);
  }
}
