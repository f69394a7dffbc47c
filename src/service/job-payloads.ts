/**
 * What the service stores as a job's payload, what every job worker thread is told once
 * (`JobWorkerContext`, from the config), and what each kind of job hands back. The worker
 * entry (job-worker.ts) produces these; the completion hook (store-job-output.ts) stores them.
 */
import type { Report } from "../analysis/report.js";
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

/** Decoder settings from the config, the same for every job. */
export interface JobWorkerContext {
  readonly decoder: "auto" | "system" | "bundled";
  readonly ffmpegPath: string | null;
  readonly maxDurationSeconds: number;
}

export interface AnalysisJobOutput {
  readonly report: Report;
  /** Kind "mastering": target and recommendations, and the similarity feature vector. */
  readonly mastering: StoredMastering | null;
  readonly featureVector: readonly number[] | null;
}
