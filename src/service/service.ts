/**
 * The service facade: everything the HTTP server and the CLI's `serve`, `worker` and
 * `jobs` commands ask of tonearm's storage and job queue, in one interface. The server
 * translates HTTP to these calls and holds no storage or queue logic of its own.
 * `openService(config)` wires the configured database (SQLite, or PostgreSQL with
 * TONEARM_DATABASE_URL) and queue (in-process worker threads, or BullMQ with
 * TONEARM_REDIS_URL) behind it.
 *
 * Failures are `TonearmError`s with a stable code (`NOT_FOUND`, `CONFLICT`,
 * `INVALID_OPTION`, …) that the server maps to HTTP statuses.
 */
import type { Report } from "../analysis/report.js";
import type { DrumArtifact } from "../drums/drum-transcription-files.js";
import type { JobError, JobKind, JobStatus } from "../jobs/job-model.js";
import type { MasteringResult } from "../master.js";
import type { AnalysisImageFile, AnalysisImageTag } from "./analysis-images.js";
import type { AnalysisImageRequest } from "./analysis-images-request.js";
import type { IngestOptions, IngestOutcome } from "./ingest-file.js";
import type { LibraryJobOutput, TonicUpdateOutput } from "./job-payloads.js";
import type { LibraryService } from "./library-service.js";
import type { TonicService } from "./tonic-service.js";

// The job vocabulary is defined with the queue (src/jobs/job-model.ts) and re-exported here
// unchanged: JOB_KINDS = ["analysis", "mastering", "transcription", "library-scan", "library-batch",
// "tonic-update"], JOB_STATUSES = ["queued",
// "running", "completed", "failed", "cancelled"], JobError = { code, message } with a stable code
// (TonearmError codes, TIMEOUT, INTERRUPTED, WORKER_EXITED, INTERNAL).
export { JOB_KINDS, JOB_STATUSES, type JobError, type JobKind, type JobStatus } from "../jobs/job-model.js";
export type { AnalysisImageFile, AnalysisImageTag } from "./analysis-images.js";
export type { AnalysisImageRequest } from "./analysis-images-request.js";
export type { IngestOptions, IngestOutcome } from "./ingest-file.js";

export interface JobView {
  readonly id: string;
  readonly kind: JobKind;
  readonly status: JobStatus;
  /** What the job is doing now ("queued", "decode", "rhythm", "store", …); null before it starts. */
  readonly stage: string | null;
  /** 0–1. */
  readonly progress: number;
  /** Attempts started so far; an interrupted attempt is retried until `maxAttempts`. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly error: JobError | null;
  /** The analysis this job produces, when it produces one. */
  readonly analysisId: string | null;
  /**
   * A completed library job's result: the scan summary ("library-scan") or the batch's counts
   * ("library-batch"), the counts of a tonic update ("tonic-update"); null otherwise (an
   * analysis job's output is its analysis).
   */
  readonly result: LibraryJobOutput | TonicUpdateOutput | null;
  /** ISO 8601 UTC timestamps. */
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export const ANALYSIS_KINDS: readonly AnalysisKind[] = ["analysis", "mastering", "transcription"];
export type AnalysisKind = "analysis" | "mastering" | "transcription";

export interface AnalysisRequest {
  readonly kind: AnalysisKind;
  /**
   * The audio: an upload the server has already streamed into the data directory
   * (`owned: true`: the service deletes it under its retention policy and when the
   * analysis is deleted), or a file on an allowed root (`owned: false`: never deleted).
   */
  readonly audio: { readonly path: string; readonly originalName: string; readonly owned: boolean };
  /** Analysis names for kind "analysis"; default the report's default set. */
  readonly analyses?: readonly string[];
  /** Genre target id or alias, for kind "mastering" (see `master()`). */
  readonly genre?: string;
  /** Recommendation level, for kind "mastering". */
  readonly level?: string;
}

export interface AnalysisView {
  readonly id: string;
  readonly kind: AnalysisKind;
  /** The name the audio arrived with (an upload's file name, or the path's base name). */
  readonly fileName: string;
  readonly genre: string | null;
  readonly level: string | null;
  readonly job: JobView;
  readonly createdAt: string;
  /**
   * Present once the job completed: kind "analysis" its report; kind "transcription" the report
   * of the rhythm and drums analyses its score is made from; for "mastering", `mastering.report`.
   */
  readonly report: Report | null;
  readonly mastering: MasteringResult | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export interface AnalysisFilter {
  readonly status?: JobStatus;
  readonly kind?: AnalysisKind;
  /** Case-insensitive substring of the file name. */
  readonly fileName?: string;
  readonly offset?: number;
  /** Default 50, at most 500. */
  readonly limit?: number;
}

export interface JobFilter {
  readonly status?: JobStatus;
  readonly kind?: JobKind;
  readonly offset?: number;
  readonly limit?: number;
}

/** One progress notification: sent on every stage or percentage change and at the end. */
export interface JobEvent {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly stage: string | null;
  readonly progress: number;
  readonly error: JobError | null;
}

export interface ReferenceView {
  readonly id: string;
  readonly name: string;
  readonly artist: string | null;
  readonly genre: string | null;
  readonly year: number | null;
  /** The mastering analysis it was made from, while that analysis exists. */
  readonly analysisId: string | null;
  readonly createdAt: string;
}

export interface NewReferenceFields {
  readonly name?: string;
  readonly artist?: string | null;
  readonly genre?: string | null;
  readonly year?: number | null;
}

export interface SimilarView {
  readonly reference: ReferenceView;
  /** Cosine similarity of the 128-dimension mastering feature vectors, −1…1. */
  readonly similarity: number;
}

/** One file of a completed transcription, ready to send. */
export interface TranscriptionFileView {
  /** Absolute path in the data directory's artifacts folder. */
  readonly path: string;
  readonly contentType: string;
  /** The name to offer it under: the uploaded file's name with the artifact's suffix ("song.mid"). */
  readonly fileName: string;
  readonly bytes: number;
}

export interface ReadinessCheck {
  readonly name: "database" | "queue" | "decoder";
  readonly ok: boolean;
  readonly detail: string;
}

/** Keys of settings: a lowercase letter, then lowercase letters, digits, ".", "_" or "-"; at most 64 in all. */
export const SETTING_KEY_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;
/** The largest setting value, in bytes of its JSON text. */
export const MAX_SETTING_BYTES = 64 * 1024;

export interface SettingView {
  readonly key: string;
  /** Any JSON value (objects may come back with their keys reordered, as PostgreSQL's jsonb keeps them). */
  readonly value: unknown;
}

export interface TonearmService {
  /**
   * Queues the analysis as a job and returns at once (status "queued"). Kind "transcription"
   * writes its files (DRUM_ARTIFACTS) to the data directory's artifacts/<analysis id>/ folder.
   */
  submitAnalysis(request: AnalysisRequest): Promise<AnalysisView>;
  getAnalysis(id: string): Promise<AnalysisView | undefined>;
  /** Newest first; items carry no report (fetch one analysis for that). */
  listAnalyses(filter?: AnalysisFilter): Promise<Page<AnalysisView>>;
  /** Cancels its job if unfinished, removes owned audio and artifacts; false when unknown. */
  deleteAnalysis(id: string): Promise<boolean>;

  /**
   * A file of a completed transcription (kind "transcription"). NOT_FOUND for an unknown
   * analysis, another kind, or a file that is gone (deleted under the retention policy);
   * CONFLICT while its job has not completed.
   */
  transcriptionFile(analysisId: string, artifact: DrumArtifact): Promise<TranscriptionFileView>;

  /**
   * A spectrogram, its data or tiles, IDTAP's files, a melograph or a pitch contour of the
   * analysis's audio (analysis-images.ts), rendered on a worker thread and cached in the data
   * directory's renders/<analysis id>/ (removed with the analysis). NOT_FOUND for an unknown
   * analysis, audio that is gone (retention policy) or a file the render does not hold;
   * INVALID_OPTION for bad parameters; the decoder's codes for audio it cannot read.
   */
  renderAnalysisImage(analysisId: string, request: AnalysisImageRequest): Promise<AnalysisImageFile>;
  /** The ETag and content type renderAnalysisImage would answer with, without rendering. */
  analysisImageTag(analysisId: string, request: AnalysisImageRequest): Promise<AnalysisImageTag>;

  getJob(id: string): Promise<JobView | undefined>;
  listJobs(filter?: JobFilter): Promise<Page<JobView>>;
  /**
   * Stops a queued or running job (a running one here at once, its worker thread terminated);
   * a transcription's files go with it. CONFLICT when the job has already finished.
   */
  cancelJob(id: string): Promise<JobView>;
  /** Queues a failed or cancelled job again (CONFLICT otherwise). */
  retryJob(id: string): Promise<JobView>;
  /**
   * Calls `listener` with the job's current state at once, then on every change until
   * the job finishes or the returned function is called. NOT_FOUND for unknown ids.
   */
  watchJob(id: string, listener: (event: JobEvent) => void): Promise<() => void>;

  /**
   * Runs an analysis through the worker pool and waits for its report (synchronous seed routes).
   * Resolves with the finished analysis — completed, or with its job failed or cancelled and
   * `job.error` saying why; rejects only when the request itself is refused (as submitAnalysis).
   */
  analyzeNow(request: AnalysisRequest): Promise<AnalysisView>;

  /**
   * Mass ingest (`tonearm ingest`): queues an analysis job for the file at `path` (absolute)
   * unless a file with the same content (SHA-256 of every byte) was ingested before and its
   * analysis still exists, which answers "duplicate" with that analysis. Safe under concurrency:
   * the same content ingested at once, by any processes, makes one job. CONFLICT when the file
   * changes while it is read; FILE_NOT_FOUND / FILE_NOT_READABLE for a missing or unreadable one.
   */
  ingestFile(path: string, options?: IngestOptions): Promise<IngestOutcome>;

  listReferences(filter?: { readonly genre?: string }): Promise<readonly ReferenceView[]>;
  /** From a completed mastering analysis (CONFLICT if it has no feature vector yet). */
  addReferenceFromAnalysis(analysisId: string, fields?: NewReferenceFields): Promise<ReferenceView>;
  removeReference(id: string): Promise<boolean>;
  /** Top-k references by similarity to a completed mastering analysis. */
  findSimilar(
    analysisId: string,
    options?: { readonly genre?: string; readonly topK?: number },
  ): Promise<readonly SimilarView[]>;

  /** The music library: scan and batch jobs, albums, the genre review queue (library-service.ts). */
  readonly library: LibraryService;

  /** Recordings' tonics: stored, set by hand, and "update all tonics" as a job (tonic-service.ts). */
  readonly tonics: TonicService;

  /** Settings kept in the database, shared by every process using it: key → JSON value, by key. */
  listSettings(): Promise<Readonly<Record<string, unknown>>>;
  /**
   * Inserts or replaces a setting. INVALID_OPTION for a key outside SETTING_KEY_PATTERN, a
   * value that is not JSON (undefined, a function, …) or one over MAX_SETTING_BYTES.
   */
  putSetting(key: string, value: unknown): Promise<SettingView>;
  /** False when there was no such setting (INVALID_OPTION for a malformed key). */
  removeSetting(key: string): Promise<boolean>;

  /** Database, queue and decoder reachability, for GET /ready. */
  readiness(): Promise<readonly ReadinessCheck[]>;
  /** Stops taking jobs, lets running ones be recovered on the next start, closes connections. */
  close(): Promise<void>;
}
