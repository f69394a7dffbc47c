/**
 * In-process notifications of job changes (status, stage, progress), for `watchJob` and the
 * server's server-sent events. Listeners are per job id; a failing listener cannot break the
 * queue or the other listeners.
 */
import type { JobError, JobRecord, JobStatus } from "./job-model.js";

export interface JobEvent {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly stage: string | null;
  readonly progress: number;
  readonly error: JobError | null;
}

export function eventFromJob(job: JobRecord): JobEvent {
  return { jobId: job.id, status: job.status, stage: job.stage, progress: job.progress, error: job.error };
}

export class JobEventHub {
  private readonly listeners = new Map<string, Set<(event: JobEvent) => void>>();
  private readonly everything = new Set<(event: JobEvent) => void>();

  /** Calls `listener` for every event of every job (e.g. a worker's log) until the returned function is called. */
  subscribeAll(listener: (event: JobEvent) => void): () => void {
    this.everything.add(listener);
    return () => this.everything.delete(listener);
  }

  /** Calls `listener` for every event of `jobId` until the returned function is called. */
  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
    let set = this.listeners.get(jobId);
    if (!set) {
      set = new Set();
      this.listeners.set(jobId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(jobId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(jobId);
    };
  }

  publish(event: JobEvent): void {
    for (const listener of [...(this.listeners.get(event.jobId) ?? []), ...this.everything]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own (e.g. a closed HTTP stream).
      }
    }
  }
}
