/**
 * Follows the jobs `tonearm ingest` queued until they finish, for its progress bar and summary.
 * Thousands of jobs are followed through a window of at most `window` watches at a time, in
 * the order they were queued: the queue runs jobs first in, first out, so the running ones are
 * among the oldest unfinished; a job that finishes outside the window is counted when the window
 * reaches it (a watch reports a finished job's state at once).
 */
import type { JobError, JobEvent, JobStatus, TonearmService } from "../service/service.js";

export interface TrackedFailure {
  readonly path: string;
  readonly analysisId: string;
  readonly jobId: string;
  readonly status: JobStatus;
  readonly error: JobError | null;
}

export interface TrackedCounts {
  /** Jobs followed in all. */
  readonly total: number;
  readonly completed: number;
  /** Failed or cancelled (see `failures`). */
  readonly failed: number;
  /** Queued or running still. */
  readonly unfinished: number;
  /** Finished jobs plus the progress of the running ones, 0…total. */
  readonly progress: number;
}

interface TrackedJob {
  readonly jobId: string;
  readonly analysisId: string;
  readonly path: string;
}

const DEFAULT_WINDOW = 64;

export class IngestJobTracker {
  private readonly service: Pick<TonearmService, "watchJob">;
  private readonly onChange: () => void;
  private readonly window: number;
  private readonly waiting: TrackedJob[] = [];
  /** Watched jobs → their progress (0–1) and how to stop the watch. */
  private readonly watched = new Map<string, { progress: number; stop: () => void }>();
  private readonly ids = new Set<string>();
  private completed = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  readonly failures: TrackedFailure[] = [];

  constructor(service: Pick<TonearmService, "watchJob">, onChange: () => void, window = DEFAULT_WINDOW) {
    this.service = service;
    this.onChange = onChange;
    this.window = window;
  }

  /** Follows the job (once, however often it is given). */
  track(job: TrackedJob): void {
    if (this.closed || this.ids.has(job.jobId)) return;
    this.ids.add(job.jobId);
    this.waiting.push(job);
    this.pump();
  }

  get counts(): TrackedCounts {
    let running = 0;
    for (const { progress } of this.watched.values()) running += progress;
    const finished = this.completed + this.failures.length;
    return {
      total: this.ids.size,
      completed: this.completed,
      failed: this.failures.length,
      unfinished: this.ids.size - finished,
      progress: finished + running,
    };
  }

  /** Resolves when every job tracked so far has finished (at once when none is unfinished). */
  whenIdle(): Promise<void> {
    if (this.counts.unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every watch; the jobs go on wherever they run. */
  close(): void {
    this.closed = true;
    for (const { stop } of this.watched.values()) stop();
    this.watched.clear();
    this.waiting.length = 0;
  }

  private pump(): void {
    while (!this.closed && this.waiting.length > 0 && this.watched.size < this.window) {
      this.follow(this.waiting.shift() as TrackedJob);
    }
  }

  private follow(job: TrackedJob): void {
    let ended = false;
    const entry = { progress: 0, stop: () => {} };
    this.watched.set(job.jobId, entry);
    const listener = (event: JobEvent) => {
      if (ended) return;
      if (event.status === "queued" || event.status === "running") {
        entry.progress = event.status === "running" ? Math.min(1, Math.max(0, event.progress)) : 0;
      } else {
        ended = true;
        this.watched.delete(job.jobId);
        if (event.status === "completed") this.completed++;
        else this.failures.push({ ...job, status: event.status, error: event.error });
        this.pump();
        if (this.counts.unfinished === 0) this.settle();
      }
      this.onChange();
    };
    this.service.watchJob(job.jobId, listener).then(
      (stop) => {
        entry.stop = stop;
        if (ended || this.closed) stop();
      },
      (error: unknown) => {
        // The job is gone (its analysis deleted meanwhile): count it as cancelled.
        listener({
          jobId: job.jobId,
          status: "cancelled",
          stage: null,
          progress: 0,
          error: { code: "NOT_FOUND", message: (error as Error).message },
        });
      },
    );
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
