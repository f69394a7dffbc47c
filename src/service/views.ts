/** Stored records turned into the views of the service contract (service.ts). */
import type { JobRecord } from "../jobs/job-model.js";
import type { MasteringResult } from "../master.js";
import type { AnalysisRecord } from "../store/analysis-repository.js";
import type { AnalysisResult } from "../store/analysis-result-repository.js";
import type { ReferenceTrackRecord } from "../store/reference-track-repository.js";
import type { LibraryJobOutput, TonicUpdateOutput } from "./job-payloads.js";
import type { AnalysisView, JobView, ReferenceView } from "./service.js";

export function jobView(job: JobRecord): JobView {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    stage: job.stage,
    progress: job.progress,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    error: job.error,
    analysisId: job.analysisId,
    result:
      job.status === "completed" &&
      (job.kind === "library-scan" || job.kind === "library-batch" || job.kind === "tonic-update")
        ? (job.result as LibraryJobOutput | TonicUpdateOutput | null)
        : null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export function analysisView(analysis: AnalysisRecord, job: JobRecord, result: AnalysisResult | null): AnalysisView {
  const mastering: MasteringResult | null =
    result !== null && result.mastering !== null
      ? { report: result.report, target: result.mastering.target, recommendations: result.mastering.recommendations }
      : null;
  return {
    id: analysis.id,
    kind: analysis.kind,
    fileName: analysis.fileName,
    genre: analysis.genre,
    level: analysis.level,
    job: jobView(job),
    createdAt: analysis.createdAt,
    report: result !== null && analysis.kind !== "mastering" ? result.report : null,
    mastering,
  };
}

export function referenceView(reference: ReferenceTrackRecord): ReferenceView {
  return {
    id: reference.id,
    name: reference.name,
    artist: reference.artist,
    genre: reference.genre,
    year: reference.year,
    analysisId: reference.analysisId,
    createdAt: reference.createdAt,
  };
}
