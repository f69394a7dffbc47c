/**
 * Scale-out dispatch through BullMQ on Redis (queue `tonearm-jobs`): the database stays the
 * job's state of record (status, progress, attempts, results); BullMQ only tells some
 * `tonearm worker` process which job id to take. Each message is `{ jobId }`:
 * - a worker claims that job in the database (a message for a job that is no longer queued —
 *   finished, cancelled, or held by a live worker — is acknowledged and dropped, so duplicate
 *   messages are harmless);
 * - runs it with the same JobExecution as the embedded queue (heartbeat, timeout, cancel);
 * - a job left queued afterwards (a crashed thread's attempt, a graceful shutdown) is
 *   dispatched again.
 * A worker process killed outright stops renewing BullMQ's lock; after `lockDurationMs` another
 * worker's stalled-job check moves the message back to the wait list and takes it, finds the
 * database job still "running" under a dead worker (worker-identity.ts), re-queues it (or fails
 * it INTERRUPTED when out of attempts) and runs it. Every worker also runs the periodic
 * recovery and dispatches what it re-queued, and dispatches again any job that has waited in
 * the database longer than `staleAfterMs` with no message in Redis (lost to a Redis restart
 * or flush): nothing stays queued forever.
 * Reference: BullMQ documentation, "Stalled jobs" and "Going to production" (docs.bullmq.io).
 */
import { type ConnectionOptions, Queue, Worker } from "bullmq";
import { eventFromJob, type JobEventHub } from "./job-events.js";
import { type AbortCause, JobExecution } from "./job-execution.js";
import type { JobRecord, JobRepository, RecoveryReport } from "./job-model.js";
import type { JobRunner } from "./job-runner.js";
import { createWorkerId, isWorkerGone, retireWorkerId } from "./worker-identity.js";

export const BULLMQ_QUEUE_NAME = "tonearm-jobs";

/** Queued jobs looked at per recovery round for a lost message (the rest wait for the next round). */
const LOST_MESSAGE_SCAN_LIMIT = 500;

export interface BullmqConnection {
  readonly redisUrl: string;
  /** Key prefix in Redis (BullMQ's `prefix`); default "bull". Tests use one per run. */
  readonly prefix?: string;
}

interface DispatchMessage {
  readonly jobId: string;
}

function connectionOptions(connection: BullmqConnection): ConnectionOptions {
  // BullMQ workers block on Redis; ioredis must retry forever rather than fail those calls.
  return { url: connection.redisUrl, maxRetriesPerRequest: null };
}

/** Hands job ids to the workers. */
export class BullmqJobDispatcher {
  private readonly queue: Queue<DispatchMessage>;

  constructor(connection: BullmqConnection) {
    this.queue = new Queue<DispatchMessage>(BULLMQ_QUEUE_NAME, {
      connection: connectionOptions(connection),
      prefix: connection.prefix,
    });
    // Connection trouble surfaces in dispatch() and readiness; an unhandled 'error' would crash.
    this.queue.on("error", () => {});
  }

  async dispatch(jobId: string): Promise<void> {
    await this.queue.add("run", { jobId }, { removeOnComplete: true, removeOnFail: true });
  }

  /** Ids of the jobs that have a message in Redis (waiting, delayed or being processed). */
  async pendingJobIds(): Promise<Set<string>> {
    const messages = await this.queue.getJobs(["wait", "delayed", "prioritized", "active"]);
    return new Set(messages.filter((message) => message?.data).map((message) => message.data.jobId));
  }

  /** The messages waiting and being processed (a round trip to Redis, so also a reachability check). */
  async state(): Promise<{ readonly waiting: number; readonly active: number }> {
    const counts = await this.queue.getJobCounts("wait", "active");
    return { waiting: counts.wait ?? 0, active: counts.active ?? 0 };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

export interface BullmqJobWorkerOptions {
  readonly connection: BullmqConnection;
  readonly repository: JobRepository;
  readonly runner: JobRunner;
  readonly events: JobEventHub;
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Default 2 000 ms. */
  readonly heartbeatMs?: number;
  /** Default 30 000 ms. */
  readonly staleAfterMs?: number;
  /** BullMQ lock of a message being processed; a killed worker's message is taken over after it. Default 30 000 ms. */
  readonly lockDurationMs?: number;
  /** How often stalled messages are looked for; default 15 000 ms. */
  readonly stalledIntervalMs?: number;
  /** Default 10 000 ms. */
  readonly recoveryIntervalMs?: number;
  readonly warn?: (message: string, error?: unknown) => void;
}

/** A `tonearm worker`'s consumer: takes job ids from BullMQ and runs the jobs. */
export class BullmqJobWorker {
  readonly workerId: string;
  private readonly options: BullmqJobWorkerOptions;
  private readonly execution: JobExecution;
  private readonly dispatcher: BullmqJobDispatcher;
  private readonly staleAfterMs: number;
  private worker: Worker<DispatchMessage> | null = null;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: BullmqJobWorkerOptions) {
    this.options = options;
    this.workerId = createWorkerId();
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    const heartbeatMs = options.heartbeatMs ?? 2_000;
    // A running job's heartbeat must refresh well within staleAfterMs, or recovery takes
    // its (live) worker for dead and fails the job.
    if (!(this.staleAfterMs > 2 * heartbeatMs)) {
      throw new RangeError(
        `BullmqJobWorker: staleAfterMs (${this.staleAfterMs}) must exceed twice heartbeatMs (${heartbeatMs})`,
      );
    }
    this.dispatcher = new BullmqJobDispatcher(options.connection);
    this.execution = new JobExecution({
      repository: options.repository,
      runner: options.runner,
      events: options.events,
      workerId: this.workerId,
      timeoutMs: options.timeoutMs,
      heartbeatMs,
      warn: options.warn,
    });
  }

  get activeCount(): number {
    return this.execution.activeCount;
  }

  /** Stops a job running in this process (cancelled, or its analysis deleted); false when not here. */
  abortLocal(jobId: string, cause: AbortCause): boolean {
    return this.execution.abort(jobId, cause);
  }

  async start(): Promise<RecoveryReport> {
    const report = await this.recover();
    const lockDuration = this.options.lockDurationMs ?? 30_000;
    this.worker = new Worker<DispatchMessage>(BULLMQ_QUEUE_NAME, (message) => this.process(message.data.jobId), {
      connection: connectionOptions(this.options.connection),
      prefix: this.options.connection.prefix,
      concurrency: this.options.concurrency,
      lockDuration,
      stalledInterval: this.options.stalledIntervalMs ?? Math.max(1_000, lockDuration / 2),
      // The database bounds the attempts; BullMQ must not drop a message a killed worker held.
      maxStalledCount: 1_000,
    });
    this.worker.on("error", (error) => this.options.warn?.("BullMQ worker error", error));
    this.recoveryTimer = setInterval(() => {
      this.recover().catch((error) => this.options.warn?.("job recovery failed", error));
    }, this.options.recoveryIntervalMs ?? 10_000);
    this.recoveryTimer.unref();
    return report;
  }

  /** Re-queues (or fails) running jobs of dead workers and dispatches the re-queued ones. */
  async recover(): Promise<RecoveryReport> {
    const report = await this.options.repository.recoverAbandoned((workerId, heartbeatAt) =>
      isWorkerGone(workerId, heartbeatAt, { staleAfterMs: this.staleAfterMs }),
    );
    for (const id of [...report.requeued, ...report.failed]) {
      const job = await this.options.repository.get(id);
      if (job) this.options.events.publish(eventFromJob(job));
    }
    for (const id of report.requeued) await this.dispatcher.dispatch(id);
    await this.redispatchLost();
    return report;
  }

  /**
   * Dispatches queued jobs older than `staleAfterMs` that have no message in Redis (a Redis
   * restart or flush lost it). Younger jobs may be between their insert and their dispatch.
   * Several workers doing this at once cost at most a duplicate message, which is harmless.
   */
  private async redispatchLost(): Promise<void> {
    const { repository } = this.options;
    // Lists are newest first; the oldest queued jobs are the ones whose message may be lost.
    const { total } = await repository.list({ status: "queued", limit: 1 });
    if (total === 0) return;
    const offset = Math.max(0, total - LOST_MESSAGE_SCAN_LIMIT);
    const { items } = await repository.list({ status: "queued", offset, limit: LOST_MESSAGE_SCAN_LIMIT });
    const cutoff = Date.now() - this.staleAfterMs;
    const waiting = items.filter((job) => Date.parse(job.createdAt) < cutoff);
    if (waiting.length === 0) return;
    const pending = await this.dispatcher.pendingJobIds();
    for (const job of waiting) {
      if (!pending.has(job.id)) await this.dispatcher.dispatch(job.id);
    }
  }

  private async claim(jobId: string): Promise<JobRecord | undefined> {
    const { repository } = this.options;
    const claimed = await repository.claim(jobId, this.workerId);
    if (claimed) return claimed;
    const current = await repository.get(jobId);
    if (current?.status !== "running") return undefined;
    if (!isWorkerGone(current.workerId, current.heartbeatAt, { staleAfterMs: this.staleAfterMs })) return undefined;
    // The message came back from a worker that died holding the job: take the job over.
    await repository.recoverAbandoned((workerId) => workerId === current.workerId);
    return repository.claim(jobId, this.workerId);
  }

  private async process(jobId: string): Promise<void> {
    if (this.closed) throw new Error("worker closing");
    const job = await this.claim(jobId);
    if (!job) return;
    await this.execution.execute(job);
    const after = await this.options.repository.get(jobId);
    if (after?.status === "queued") await this.dispatcher.dispatch(jobId);
  }

  /** Stops taking messages; running jobs go back to the queue (not counted) for other workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.recoveryTimer);
    const closing = this.worker?.close();
    await this.execution.abortAll("shutdown");
    await closing;
    await this.options.runner.close();
    await this.dispatcher.close();
    retireWorkerId(this.workerId);
  }
}
