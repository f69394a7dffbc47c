/**
 * What the service stores as a job's payload, what every job worker thread is told once
 * (`JobWorkerContext`, from the config), and what each kind of job hands back. The worker
 * entry (job-worker.ts) produces these; the completion hook (store-job-output.ts) stores them.
 */
import type { Report } from "../analysis/report.js";
import type { TonearmConfig } from "../config/load-config.js";
import type { ScanSummary } from "../library/scan/scan-library.js";
import type { StoredMastering } from "../store/analysis-result-repository.js";

export interface AnalysisJobPayload {
  readonly audioPath: string;
  /**
   * How reports and error messages name the audio: an upload's original file name (never
   * the generated name or the server's path); absent for files on an allowed root and in
   * payloads stored before this field existed (then the path is shown as given).
   */
  readonly displayName?: string;
  /** Analysis names (kind "analysis"); null for the default set. */
  readonly analyses: readonly string[] | null;
  readonly genre: string | null;
  readonly level: string | null;
  /** Kind "transcription": the folder its files go to (the data directory's artifacts/<analysis id>/). */
  readonly artifactsDirectory?: string;
  /**
   * Kind "transcription": this attempt's private folder inside the artifacts folder, chosen
   * per attempt by the runner (transcription-attempts.ts) and never stored; absent, the worker
   * picks one (transcription-files.ts: attemptDirectoryIn).
   */
  readonly attemptDirectory?: string;
}

/** Kind "library-scan": the folder to scan (absolute, real path, checked by the service). */
export interface LibraryScanPayload {
  readonly root: string;
}

/** Kind "library-batch": which albums to look up (library-batch-selection.ts) and the threshold. */
export interface LibraryBatchPayload {
  readonly root: string | null;
  /** Approve automatically at or above it (0–100); null: the config's library.autoApplyConfidence. */
  readonly confidence: number | null;
  readonly sampleSize: number | null;
  readonly seed: number | null;
  readonly specificAlbum: string | null;
  readonly all: boolean;
}

/** Kind "tonic-update": which recordings get their tonic estimated again (tonic-jobs.ts). */
export interface TonicUpdatePayload {
  /** Only recordings without a stored tonic. */
  readonly onlyMissing: boolean;
  /** Replace manual tonics too. */
  readonly force: boolean;
}

/** Decoder settings from the config, the same for every job. */
export interface JobWorkerContext {
  readonly decoder: "auto" | "system" | "bundled";
  readonly ffmpegPath: string | null;
  readonly maxDurationSeconds: number;
  /**
   * What library jobs open on their thread: the configuration (its database and `library`
   * block; src/open-library.ts) and the PostgreSQL schema the service's store uses (tonic-update
   * jobs open the same database from it: tonic-jobs.ts). Absent in
   * contexts made before library jobs existed; library jobs then fail.
   */
  readonly library?: {
    readonly config: TonearmConfig;
    readonly postgresSchema: string | null;
  };
}

/** A library-scan job's result: the scan summary. */
export type LibraryScanOutput = ScanSummary;

/** A library-batch job's result: albums looked up, and how many went each way. */
export interface LibraryBatchOutput {
  readonly albums: number;
  /** Approved automatically (confidence at or above the threshold). */
  readonly auto: number;
  /** Queued for review (confidence 80 up to the threshold). */
  readonly review: number;
  /** Queued for a person (below 80). */
  readonly manual: number;
}

/** A recording a tonic-update job could not estimate, and why. */
export interface TonicUpdateFailure {
  readonly analysisId: string;
  readonly fileName: string;
  /** A TonearmError code (CORRUPT_AUDIO, …), NO_TONIC (no pitch and no drone found) or INTERNAL. */
  readonly code: string;
  readonly message: string;
}

/** A tonic-update job's result: recordings looked at and what became of each. */
export interface TonicUpdateOutput {
  readonly recordings: number;
  readonly updated: number;
  readonly skipped: {
    /** The audio is gone (removed under the retention policy, moved or deleted). */
    readonly noAudio: number;
    /** A manual tonic was kept (no `force`). */
    readonly manual: number;
    /** A tonic was stored already (`onlyMissing`). */
    readonly existing: number;
  };
  readonly failed: number;
  /** The first 100 failures. */
  readonly failures: TonicUpdateFailure[];
}

export type LibraryJobOutput = LibraryScanOutput | LibraryBatchOutput;

/** What a job worker hands back, by kind. */
export type ServiceJobOutput = AnalysisJobOutput | LibraryJobOutput | TonicUpdateOutput;

export interface AnalysisJobOutput {
  readonly report: Report;
  /** Kind "mastering": target and recommendations, and the similarity feature vector. */
  readonly mastering: StoredMastering | null;
  readonly featureVector: readonly number[] | null;
}
