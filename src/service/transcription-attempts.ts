/**
 * The service's job runner around the worker-thread runner (src/jobs/job-runner.ts): it gives
 * each attempt of a transcription job a private folder inside the analysis's artifacts folder
 * (payload `attemptDirectory`; the worker writes there and moves complete files into place,
 * transcription-files.ts), and when the attempt ends without output — failed, cancelled,
 * deleted, timed out, released at shutdown, taken over after a stall — removes that folder,
 * and the artifacts folder too when nothing else is left in it. The attempt's thread may have
 * been terminated half-way through writing, so only the process that ran it can clean up after
 * it; it touches nothing but its own attempt's folder, since another process may be running a
 * later attempt of the same job. Other kinds of jobs pass through unchanged.
 */
import { rmdir } from "node:fs/promises";
import type { JobRecord } from "../jobs/job-model.js";
import type { JobRunner, JobTaskProgress } from "../jobs/job-runner.js";
import type { AnalysisJobPayload } from "./job-payloads.js";
import { attemptDirectoryIn, removeAttemptDirectory } from "./transcription-files.js";

export class TranscriptionAttemptRunner implements JobRunner {
  private readonly inner: JobRunner;
  private readonly warn: (message: string, error?: unknown) => void;

  constructor(inner: JobRunner, warn: (message: string, error?: unknown) => void = () => {}) {
    this.inner = inner;
    this.warn = warn;
  }

  async run(job: JobRecord, onProgress: (progress: JobTaskProgress) => void, signal: AbortSignal): Promise<unknown> {
    const payload = job.payload as AnalysisJobPayload | null;
    const artifactsDirectory = payload?.artifactsDirectory;
    if (job.kind !== "transcription" || payload === null || artifactsDirectory === undefined) {
      return this.inner.run(job, onProgress, signal);
    }
    const attemptDirectory = attemptDirectoryIn(artifactsDirectory);
    try {
      return await this.inner.run({ ...job, payload: { ...payload, attemptDirectory } }, onProgress, signal);
    } catch (error) {
      await this.cleanUp(job.id, artifactsDirectory, attemptDirectory);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async cleanUp(jobId: string, artifactsDirectory: string, attemptDirectory: string): Promise<void> {
    try {
      await removeAttemptDirectory(attemptDirectory);
    } catch (error) {
      this.warn(`job ${jobId}: removing its unfinished files (${attemptDirectory}) failed`, error);
    }
    // rmdir(2) removes only an empty folder: files in place or another attempt's folder keep it.
    await rmdir(artifactsDirectory).catch(() => {});
  }
}
