/**
 * The JobRepository (src/jobs/job-model.ts) on the SQL database, for SQLite and PostgreSQL.
 *
 * Every state change is a single conditional UPDATE, so processes sharing the database
 * never both win: a claim is `UPDATE … WHERE id = (oldest queued) AND status = 'queued'`
 * (on PostgreSQL the inner SELECT takes the row `FOR UPDATE SKIP LOCKED`, so concurrent
 * claimers pass over each other's rows instead of queueing behind them; on SQLite the
 * database's single writer lock makes the statement atomic). A worker's later writes carry
 * `status = 'running' AND worker_id = <its id>`, so a job that was cancelled or recovered in
 * the meantime ignores them. Only completion is a transaction: the job turns completed and
 * the `onCompleted` hook stores what the job produced (reports, metrics) together or not at all.
 * SQLite note: transactions here start with a write, so a busy database is waited for
 * (busy timeout) rather than failing with a stale read snapshot.
 */
import { randomUUID } from "node:crypto";
import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import {
  JOB_STATUSES,
  type JobError,
  type JobKind,
  type JobListFilter,
  type JobOutcome,
  type JobProgressUpdate,
  type JobRecord,
  type JobRepository,
  type JobStatus,
  type NewJob,
  type RecoveryReport,
} from "../jobs/job-model.js";
import type { DatabaseSchema, JobRow } from "./database-schema.js";
import type { DialectName } from "./dialect-name.js";
import { fromJson, toJson } from "./json-column.js";
import { pageBounds } from "./page-bounds.js";
import { isoNow } from "./timestamps.js";

/** Stores what a completed job produced, inside the completing transaction; returns the job's `result`. */
export type JobCompletionHook = (
  transaction: Transaction<DatabaseSchema>,
  job: JobRecord,
  output: unknown,
) => Promise<unknown>;

export function jobFromRow(dialect: DialectName, row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    stage: row.stage,
    progress: Number(row.progress),
    payload: fromJson(dialect, row.payload),
    result: fromJson(dialect, row.result),
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? "" },
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    workerId: row.worker_id,
    heartbeatAt: row.heartbeat_at,
    analysisId: row.analysis_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export class SqlJobRepository implements JobRepository {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly dialect: DialectName;
  private readonly onCompleted: JobCompletionHook | undefined;

  constructor(db: Kysely<DatabaseSchema>, dialect: DialectName, options: { onCompleted?: JobCompletionHook } = {}) {
    this.db = db;
    this.dialect = dialect;
    this.onCompleted = options.onCompleted;
  }

  async insert(job: NewJob, executor: Kysely<DatabaseSchema> = this.db): Promise<JobRecord> {
    const now = isoNow();
    const row = await executor
      .insertInto("jobs")
      .values({
        id: job.id ?? randomUUID(),
        kind: job.kind,
        status: "queued",
        stage: null,
        progress: 0,
        payload: toJson(job.payload),
        result: null,
        error_code: null,
        error_message: null,
        attempts: 0,
        max_attempts: job.maxAttempts,
        worker_id: null,
        heartbeat_at: null,
        analysis_id: job.analysisId ?? null,
        created_at: now,
        started_at: null,
        finished_at: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return jobFromRow(this.dialect, row);
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && jobFromRow(this.dialect, row);
  }

  /** The jobs of `ids` that exist, by id. */
  async getMany(ids: readonly string[]): Promise<Map<string, JobRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "in", [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, jobFromRow(this.dialect, row)]));
  }

  async list(filter: JobListFilter = {}): Promise<{ items: JobRecord[]; total: number }> {
    const { offset, limit } = pageBounds(filter);
    let query = this.db.selectFrom("jobs");
    if (filter.status !== undefined) query = query.where("status", "=", filter.status);
    if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").offset(offset).limit(limit).execute(),
      query.select((eb) => eb.fn.countAll().as("total")).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((row) => jobFromRow(this.dialect, row)), total: Number(count.total) };
  }

  async claimNext(workerId: string, kinds?: readonly JobKind[]): Promise<JobRecord | undefined> {
    let oldest = this.db
      .selectFrom("jobs")
      .select("id")
      .where("status", "=", "queued")
      .orderBy("created_at")
      .orderBy("id")
      .limit(1);
    if (kinds !== undefined) oldest = oldest.where("kind", "in", [...kinds]);
    if (this.dialect === "postgres") oldest = oldest.forUpdate().skipLocked();
    return this.claimWhere(workerId, oldest);
  }

  async claim(id: string, workerId: string): Promise<JobRecord | undefined> {
    return this.claimWhere(workerId, id);
  }

  private async claimWhere(
    workerId: string,
    which: string | SelectQueryBuilder<DatabaseSchema, "jobs", { id: string }>,
  ): Promise<JobRecord | undefined> {
    const now = isoNow();
    const row = await this.db
      .updateTable("jobs")
      .set((eb) => ({
        status: "running",
        stage: "start",
        progress: 0,
        attempts: eb("attempts", "+", 1),
        worker_id: workerId,
        heartbeat_at: now,
        started_at: now,
        finished_at: null,
        updated_at: now,
      }))
      .where("id", "=", which)
      .where("status", "=", "queued")
      .returningAll()
      .executeTakeFirst();
    return row && jobFromRow(this.dialect, row);
  }

  async reportProgress(id: string, workerId: string, update: JobProgressUpdate): Promise<boolean> {
    const now = isoNow();
    const result = await this.db
      .updateTable("jobs")
      .set({ stage: update.stage, progress: update.progress, heartbeat_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("worker_id", "=", workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async heartbeat(id: string, workerId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("jobs")
      .set({ heartbeat_at: isoNow() })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("worker_id", "=", workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async finish(id: string, workerId: string, outcome: JobOutcome): Promise<boolean> {
    if (outcome.status === "interrupted") return this.interrupt(id, workerId, outcome.error);
    const now = isoNow();
    if (outcome.status === "released") {
      const result = await this.db
        .updateTable("jobs")
        .set((eb) => ({
          status: "queued",
          stage: null,
          progress: 0,
          attempts: eb("attempts", "-", 1),
          worker_id: null,
          heartbeat_at: null,
          updated_at: now,
        }))
        .where("id", "=", id)
        .where("status", "=", "running")
        .where("worker_id", "=", workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    }
    if (outcome.status === "failed") {
      const result = await this.db
        .updateTable("jobs")
        .set({
          status: "failed",
          error_code: outcome.error.code,
          error_message: outcome.error.message,
          finished_at: now,
          updated_at: now,
        })
        .where("id", "=", id)
        .where("status", "=", "running")
        .where("worker_id", "=", workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    }
    return this.db.transaction().execute(async (transaction) => {
      const row = await transaction
        .updateTable("jobs")
        .set({ status: "completed", stage: "done", progress: 1, finished_at: now, updated_at: now })
        .where("id", "=", id)
        .where("status", "=", "running")
        .where("worker_id", "=", workerId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return false;
      const stored = this.onCompleted
        ? await this.onCompleted(transaction, jobFromRow(this.dialect, row), outcome.output)
        : outcome.output;
      await transaction
        .updateTable("jobs")
        .set({ result: toJson(stored ?? null) })
        .where("id", "=", id)
        .execute();
      return true;
    });
  }

  /** Back to queued while attempts remain, else failed with `error`; only while `workerId` holds it. */
  private async interrupt(id: string, workerId: string, error: JobError): Promise<boolean> {
    const now = isoNow();
    const requeued = await this.db
      .updateTable("jobs")
      .set({ status: "queued", stage: null, progress: 0, worker_id: null, heartbeat_at: null, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("worker_id", "=", workerId)
      .where((eb) => eb("attempts", "<", eb.ref("max_attempts")))
      .executeTakeFirst();
    if (requeued.numUpdatedRows > 0n) return true;
    const failed = await this.db
      .updateTable("jobs")
      .set({
        status: "failed",
        error_code: error.code,
        error_message: error.message,
        finished_at: now,
        updated_at: now,
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("worker_id", "=", workerId)
      .executeTakeFirst();
    return failed.numUpdatedRows > 0n;
  }

  async cancel(id: string, error: JobError): Promise<JobRecord | undefined> {
    const now = isoNow();
    const row = await this.db
      .updateTable("jobs")
      .set({
        status: "cancelled",
        error_code: error.code,
        error_message: error.message,
        finished_at: now,
        updated_at: now,
      })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .returningAll()
      .executeTakeFirst();
    return row && jobFromRow(this.dialect, row);
  }

  async requeue(id: string): Promise<JobRecord | undefined> {
    const row = await this.db
      .updateTable("jobs")
      .set({
        status: "queued",
        stage: null,
        progress: 0,
        result: null,
        error_code: null,
        error_message: null,
        attempts: 0,
        worker_id: null,
        heartbeat_at: null,
        started_at: null,
        finished_at: null,
        updated_at: isoNow(),
      })
      .where("id", "=", id)
      .where("status", "in", ["failed", "cancelled"])
      .returningAll()
      .executeTakeFirst();
    return row && jobFromRow(this.dialect, row);
  }

  async recoverAbandoned(
    isDead: (workerId: string | null, heartbeatAt: string | null) => boolean,
  ): Promise<RecoveryReport> {
    const running = await this.db
      .selectFrom("jobs")
      .select(["id", "worker_id", "heartbeat_at", "attempts", "max_attempts"])
      .where("status", "=", "running")
      .execute();
    const requeued: string[] = [];
    const failed: string[] = [];
    for (const job of running) {
      if (!isDead(job.worker_id, job.heartbeat_at)) continue;
      const attempts = Number(job.attempts);
      const maxAttempts = Number(job.max_attempts);
      const error: JobError = {
        code: "INTERRUPTED",
        message:
          `the worker running this job (${job.worker_id ?? "unknown"}) stopped during attempt ${attempts} ` +
          `of ${maxAttempts} (the process exited, was killed or lost its database connection); no attempts are left`,
      };
      // Conditional on the same worker id, so a recovery racing another process's acts once.
      const done = await this.interrupt(job.id, job.worker_id ?? "", error);
      if (!done) continue;
      (attempts < maxAttempts ? requeued : failed).push(job.id);
    }
    return { requeued, failed };
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("jobs").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async countByStatus(): Promise<Record<JobStatus, number>> {
    const rows = await this.db
      .selectFrom("jobs")
      .select(["status", (eb) => eb.fn.countAll().as("count")])
      .groupBy("status")
      .execute();
    const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
    for (const row of rows) counts[row.status as JobStatus] = Number(row.count);
    return counts;
  }
}
