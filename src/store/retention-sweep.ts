/**
 * The retention policy (config `retentionDays`): audio tonearm owns (uploads) and artifacts
 * older than the limit are deleted; reports, metrics and the analysis rows stay. Audio of a
 * job still queued or running is kept whatever its age. Uploads that never became an
 * analysis (a request that failed half-way) go by their file's age.
 */
import type { AnalysisRepository } from "./analysis-repository.js";
import type { DataDirectory } from "./data-directory.js";
import { isoBefore, isoNow } from "./timestamps.js";

export interface RetentionOptions {
  readonly retentionDays: number;
  /** The sweep's idea of now (tests move it forward). */
  readonly now?: Date;
}

export interface RetentionReport {
  /** Owned audio files of analyses, deleted. */
  readonly audioRemoved: number;
  /** Files in uploads/ no analysis refers to, deleted. */
  readonly orphanUploadsRemoved: number;
  readonly artifactDirectoriesRemoved: number;
}

const DAY_MS = 24 * 3600 * 1000;

export async function sweepRetention(
  analyses: AnalysisRepository,
  dataDirectory: DataDirectory,
  options: RetentionOptions,
): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const ageMs = options.retentionDays * DAY_MS;
  const cutoff = isoBefore(ageMs, now);

  let audioRemoved = 0;
  for (const analysis of await analyses.ownedAudioCreatedBefore(cutoff)) {
    if (dataDirectory.isUploadPath(analysis.audioPath) && (await dataDirectory.removeUpload(analysis.audioPath))) {
      audioRemoved++;
    }
    await analyses.markAudioRemoved(analysis.id, isoNow());
  }

  const inUse = await analyses.audioPathsInUse();
  let orphanUploadsRemoved = 0;
  for (const upload of await dataDirectory.listUploads()) {
    if (inUse.has(upload.path) || now.getTime() - upload.modifiedAt.getTime() < ageMs) continue;
    if (await dataDirectory.removeUpload(upload.path)) orphanUploadsRemoved++;
  }

  let artifactDirectoriesRemoved = 0;
  for (const folder of await dataDirectory.listArtifactDirectories()) {
    if (now.getTime() - folder.modifiedAt.getTime() < ageMs) continue;
    if (await dataDirectory.removeArtifacts(folder.analysisId)) artifactDirectoriesRemoved++;
  }
  return { audioRemoved, orphanUploadsRemoved, artifactDirectoriesRemoved };
}
