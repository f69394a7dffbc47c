/**
 * What a service job does on its worker thread, by kind:
 * - "analysis": analyze() with the requested analyses;
 * - "mastering": one decode for the loudness, mastering and mastering-vector analyses, then the
 *   recommendations against the genre target exactly as master() makes them (src/master.ts:
 *   figuresFromReport → recommendMastering), and the 128-dimension vector for references and
 *   similarity — one pass instead of master() plus measureVector(), which would decode twice;
 * - "transcription": transcribeDrumsFromFile (src/drums), its files written to the attempt's
 *   private folder and then moved into the payload's artifacts folder (transcription-files.ts);
 *   stages "separate" (decoding and separating the drum stem), "transcribe" (rhythm and drums
 *   analyses) and "notation" (engraving, writing), the names DrumScore's status route maps to
 *   separating, transcribing, generating_sheet.
 * - "library-scan", "library-batch": a music-library scan or genre-suggestion batch (library-jobs.ts).
 * - "tonic-update": every recording's tonic estimated again and stored (tonic-jobs.ts).
 * Progress is analyze()'s `{ stage, fraction }`. Jobs take no AbortSignal: they only ever run on
 * a worker thread, and a cancelled or timed-out job's thread is terminated (src/jobs/worker-pool.ts).
 */
import { basename } from "node:path";
import { TonearmError } from "../analysis/errors.js";
import { analyze } from "../analyze.js";
import { recommendMastering } from "../core/mastering/recommendations/index.js";
import { writeDrumTranscriptionFiles } from "../drums/drum-transcription-files.js";
import { type DrumTranscriptionStage, transcribeDrumsFromFile } from "../drums/transcribe-drums-from-file.js";
import type { JobTask, JobTaskProgress } from "../jobs/job-runner.js";
import { figuresFromReport, resolveGenreTarget, resolveLevel } from "../master.js";
import type {
  AnalysisJobOutput,
  AnalysisJobPayload,
  JobWorkerContext,
  LibraryBatchPayload,
  LibraryScanPayload,
  ServiceJobOutput,
  TonicUpdatePayload,
} from "./job-payloads.js";
import { runLibraryBatchJob, runLibraryScanJob } from "./library-jobs.js";
import { runTonicUpdateJob } from "./tonic-jobs.js";
import { attemptDirectoryIn, publishTranscriptionFiles, TRANSCRIPTION_FILE_STEM } from "./transcription-files.js";

/** The job stage each stage of the drum pipeline is reported as. */
const TRANSCRIPTION_JOB_STAGE: Readonly<Record<DrumTranscriptionStage, string>> = {
  decoding: "separate",
  separating: "separate",
  transcribing: "transcribe",
  engraving: "notation",
};

export async function runServiceJob(
  task: JobTask,
  onProgress: (progress: JobTaskProgress) => void,
): Promise<ServiceJobOutput> {
  const context = task.context as JobWorkerContext;
  if (task.kind === "library-scan") return runLibraryScanJob(task.payload as LibraryScanPayload, context, onProgress);
  if (task.kind === "library-batch") {
    return runLibraryBatchJob(task.payload as LibraryBatchPayload, context, onProgress);
  }
  if (task.kind === "tonic-update") return runTonicUpdateJob(task.payload as TonicUpdatePayload, context, onProgress);
  const payload = task.payload as AnalysisJobPayload;
  try {
    const output = await runJobOfKind(task, payload, onProgress);
    if (payload.displayName === undefined) return output;
    const source = { ...output.report.source, path: payload.displayName };
    return { ...output, report: { ...output.report, source } };
  } catch (error) {
    throw payload.displayName === undefined ? error : renamed(error, payload.audioPath, payload.displayName);
  }
}

/** The same error, speaking of `displayName` where it spoke of the stored upload. */
function renamed(error: unknown, audioPath: string, displayName: string): unknown {
  if (!(error instanceof TonearmError)) return error;
  const message = error.message.replaceAll(audioPath, displayName).replaceAll(basename(audioPath), displayName);
  return new TonearmError(error.code, message, { path: displayName, cause: error });
}

async function runJobOfKind(
  task: JobTask,
  payload: AnalysisJobPayload,
  onProgress: (progress: JobTaskProgress) => void,
): Promise<AnalysisJobOutput> {
  const context = task.context as JobWorkerContext;
  const decoding = {
    decoder: context.decoder,
    ffmpegPath: context.ffmpegPath ?? undefined,
    maxDurationSeconds: context.maxDurationSeconds,
    onProgress,
  };
  switch (task.kind) {
    case "analysis": {
      const report = await analyze(payload.audioPath, { ...decoding, analyses: payload.analyses ?? undefined });
      return { report, mastering: null, featureVector: null };
    }
    case "mastering": {
      const target = resolveGenreTarget(payload.genre ?? undefined);
      const level = resolveLevel(payload.level ?? undefined);
      const report = await analyze(payload.audioPath, {
        ...decoding,
        analyses: ["loudness", "mastering", "mastering-vector"],
      });
      const { loudness, mastering } = report.analyses;
      if (!loudness || !mastering) throw new Error("the report lacks the loudness or mastering analysis");
      const recommendations = recommendMastering(figuresFromReport(loudness, mastering, report.audio.channels), {
        target,
        level,
      });
      const vector = report.analyses["mastering-vector"]?.values ?? null;
      return { report, mastering: { target, recommendations }, featureVector: vector };
    }
    case "transcription":
      return transcribe(payload, decoding, onProgress);
    case "library-scan":
    case "library-batch":
    case "tonic-update":
      throw new Error(`a ${task.kind} job is not an analysis`);
  }
}

async function transcribe(
  payload: AnalysisJobPayload,
  decoding: Pick<JobWorkerContext, "decoder" | "maxDurationSeconds"> & { ffmpegPath: string | undefined },
  onProgress: (progress: JobTaskProgress) => void,
): Promise<AnalysisJobOutput> {
  const directory = payload.artifactsDirectory;
  if (directory === undefined) throw new Error("a transcription job's payload names no artifacts folder");
  const sourceName = payload.displayName ?? basename(payload.audioPath);
  const transcription = await transcribeDrumsFromFile(
    payload.audioPath,
    {
      decoder: decoding.decoder,
      ffmpegPath: decoding.ffmpegPath,
      maxDurationSeconds: decoding.maxDurationSeconds,
      title: titleOf(sourceName),
    },
    ({ stage, fraction }) => onProgress({ stage: TRANSCRIPTION_JOB_STAGE[stage], fraction: 0.98 * fraction }),
  );
  onProgress({ stage: "notation", fraction: 0.98 });
  // Written privately, then moved into place: a thread terminated half-way leaves no partial file to serve.
  await publishTranscriptionFiles(directory, payload.attemptDirectory ?? attemptDirectoryIn(directory), (folder) =>
    writeDrumTranscriptionFiles(transcription, folder, TRANSCRIPTION_FILE_STEM, { overwrite: true, sourceName }),
  );
  return { report: transcription.report, mastering: null, featureVector: null };
}

/** "song" for "song.mp3". */
function titleOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}
