/**
 * The job model shared by the queue (this folder), its database adapter (src/store) and the
 * service facade: what a job is, the states it moves through and the repository the queue
 * keeps them in. Defined here, at the domain layer, so the queue depends on an interface and
 * the store implements it (dependency inversion: jobs may not import store).
 *
 * Life of a job: queued → running (claimed by one worker, `attempts` + 1) → completed | failed |
 * cancelled. A running job whose worker dies is put back to queued while attempts remain,
 * else failed with INTERRUPTED; a failed or cancelled job may be retried (queued again).
 */

/**
 * "analysis", "mastering", "transcription": one audio file each (src/service/run-service-job.ts);
 * "library-scan", "library-batch": a music-library scan and a genre-suggestion batch
 * (src/service/library-jobs.ts); "tonic-update": the tonics of every recording estimated again
 * (src/service/tonic-jobs.ts).
 */
export const JOB_KINDS = [
  "analysis",
  "mastering",
  "transcription",
  "library-scan",
  "library-batch",
  "tonic-update",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves by itself. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ["completed", "failed", "cancelled"];

/** A typed failure: `code` is stable (TonearmError codes, TIMEOUT, INTERRUPTED, WORKER_EXITED, INTERNAL). */
export interface JobError {
  readonly code: string;
  readonly message: string;
}

/** A job as stored. Timestamps are ISO 8601 UTC strings. */
export interface JobRecord {
  readonly id: string;
  readonly kind: JobKind;
  readonly status: JobStatus;
  readonly stage: string | null;
  /** 0–1. */
  readonly progress: number;
  /** What the executor needs (JSON). */
  readonly payload: unknown;
  /** What the executor produced, as committed (JSON); null until completed. */
  readonly result: unknown;
  readonly error: JobError | null;
  readonly attempts: number;
  readonly maxAttempts: number;
  /** The worker holding a running job (see worker-identity.ts). */
  readonly workerId: string | null;
  readonly heartbeatAt: string | null;
  /** The analysis the job produces, when it produces one. */
  readonly analysisId: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface NewJob {
  readonly kind: JobKind;
  readonly payload: unknown;
  readonly maxAttempts: number;
  readonly analysisId?: string | null;
  /** Default: a random UUID. */
  readonly id?: string;
}

export interface JobListFilter {
  readonly status?: JobStatus;
  readonly kind?: JobKind;
  readonly offset?: number;
  readonly limit?: number;
}

export interface JobProgressUpdate {
  readonly stage: string | null;
  readonly progress: number;
}

/** How a worker's attempt ended, as the repository records it. */
export type JobOutcome =
  | { readonly status: "completed"; readonly output: unknown }
  | { readonly status: "failed"; readonly error: JobError }
  /** The attempt was cut short by the worker's death: re-queued while attempts remain, else failed with `error`. */
  | { readonly status: "interrupted"; readonly error: JobError }
  /** The worker shut down gracefully mid-attempt: queued again and the attempt not counted. */
  | { readonly status: "released" };

/** Running jobs found without a live worker, and what became of them. */
export interface RecoveryReport {
  readonly requeued: readonly string[];
  readonly failed: readonly string[];
}

/**
 * Where jobs live. Every state change is one conditional write, so several processes may
 * share one database: a claim takes a queued job atomically, and updates by a worker apply
 * only while the job is still running under that worker's id (a cancelled or recovered job
 * ignores the late writes of the worker that lost it).
 */
export interface JobRepository {
  insert(job: NewJob): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | undefined>;
  list(filter?: JobListFilter): Promise<{ readonly items: readonly JobRecord[]; readonly total: number }>;
  /** Takes the oldest queued job for `workerId` (status running, attempts + 1), or undefined. */
  claimNext(workerId: string, kinds?: readonly JobKind[]): Promise<JobRecord | undefined>;
  /** Takes one specific queued job (BullMQ hands a worker the id); undefined when it is not queued. */
  claim(id: string, workerId: string): Promise<JobRecord | undefined>;
  /** Records progress and the heartbeat; false when the job is no longer running under `workerId`. */
  reportProgress(id: string, workerId: string, update: JobProgressUpdate): Promise<boolean>;
  /** Refreshes the heartbeat; false when the job is no longer running under `workerId`. */
  heartbeat(id: string, workerId: string): Promise<boolean>;
  /** Ends the attempt; false (and nothing written) when the job is no longer running under `workerId`. */
  finish(id: string, workerId: string, outcome: JobOutcome): Promise<boolean>;
  /** Cancels a queued or running job; the updated job, or undefined when it had already finished. */
  cancel(id: string, error: JobError): Promise<JobRecord | undefined>;
  /** Queues a failed or cancelled job again with fresh attempts; undefined when it is in another state. */
  requeue(id: string): Promise<JobRecord | undefined>;
  /**
   * Running jobs whose worker is gone: `isDead(workerId, heartbeatAt)` decides. Each is
   * re-queued while attempts < maxAttempts, else failed with INTERRUPTED.
   */
  recoverAbandoned(isDead: (workerId: string | null, heartbeatAt: string | null) => boolean): Promise<RecoveryReport>;
  /** Deletes a job row; false when unknown. */
  remove(id: string): Promise<boolean>;
  /** Counts per status (for readiness and `tonearm jobs`). */
  countByStatus(): Promise<Readonly<Record<JobStatus, number>>>;
}
