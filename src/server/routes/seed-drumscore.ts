/**
 * DrumScore's endpoints (prefix /api/v1), for its existing clients.
 * Source: groovesheet/groovesheet-be ("DrumScore Backend", FastAPI): backend/main.py
 * (routers under /api/v1), backend/app/api/routes/health.py (`GET /health` →
 * `{ status, version, models_loaded, gpu_available, timestamp }`; `GET /ready` → 200
 * `{"status":"ready"}` or 503), backend/app/api/routes/transcription.py (`POST
 * /transcribe` with multipart field `audio_file`; `GET /status/{job_id}` → `{ job_id,
 * status, progress, message, result_url, midi_url, drum_audio_url }`, 404 `{"detail":
 * "Job <id> not found"}`; `GET /download/{job_id}/{pdf|midi|audio}`, 404 unknown, 400
 * unfinished; served as `drum_sheet_<id>.pdf` application/pdf, `drums_<id>.mid` audio/midi,
 * `drums_<id>.wav` audio/wav), backend/app/models/schemas.py (`TranscriptionJobResponse` =
 * `{ job_id, status, filename, created_at, updated_at, message, progress }`, answered 200 by
 * POST /transcribe) and API.md (status values pending, separating, transcribing,
 * generating_sheet, completed, failed; progress 0–100; the documented error body
 * `{ error, message, details }`).
 * tonearm runs the upload as a "transcription" analysis (routes/transcriptions.ts): POST
 * /transcribe answers with its job's id, downloads serve its files. The separated drums are
 * FLAC (audio/flac, `drums_<id>.flac`), not WAV: lossless at about half the size.
 */
import { z } from "zod";
import { isTonearmError } from "../../analysis/errors.js";
import type { DrumArtifact } from "../../drums/drum-transcription-files.js";
import type { JobView } from "../../service/service.js";
import { TONEARM_VERSION } from "../../version.js";
import { handOverAudio, requireMultipart, uploadedAudio } from "../audio-source.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { UuidSchema } from "../schemas/common.js";
import { sendFile } from "../send-file.js";

const FastApiErrorSchema = z.object({ detail: z.string(), error: z.string(), message: z.string() });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, FastApiErrorSchema]));

const JobStatusSchema = z.object({
  job_id: z.string(),
  status: z.enum(["pending", "separating", "transcribing", "generating_sheet", "completed", "failed"]),
  progress: z.number().int().describe("0–100"),
  message: z.string().nullable(),
  result_url: z.string().nullable(),
  midi_url: z.string().nullable(),
  drum_audio_url: z.string().nullable(),
});

const JobResponseSchema = z.object({
  job_id: z.string(),
  status: JobStatusSchema.shape.status,
  filename: z.string().describe("the uploaded file's name"),
  created_at: z.string(),
  updated_at: z.string(),
  message: z.string().nullable(),
  progress: z.number().int().describe("0–100"),
});

/** DrumScore's download names: what each of its three downloads is in tonearm, and the file name it offers. */
const DRUMSCORE_DOWNLOADS: Readonly<
  Record<"pdf" | "midi" | "audio", { artifact: DrumArtifact; name: (id: string) => string; missing: string }>
> = {
  pdf: { artifact: "pdf", name: (id) => `drum_sheet_${id}.pdf`, missing: "PDF file not found" },
  midi: { artifact: "midi", name: (id) => `drums_${id}.mid`, missing: "MIDI file not found" },
  audio: { artifact: "audio", name: (id) => `drums_${id}.flac`, missing: "Audio file not found" },
};

function drumScoreStage(job: JobView): z.output<typeof JobStatusSchema>["status"] {
  if (job.status === "queued") return "pending";
  if (job.status === "completed") return "completed";
  if (job.status !== "running") return "failed";
  if (job.stage === "notation") return "generating_sheet";
  if (job.stage === "transcribe") return "transcribing";
  // "separate", or a job just claimed ("start"): separation is what a transcription does first.
  return "separating";
}

/** tonearm's job status in DrumScore's vocabulary. */
export function drumScoreStatus(job: JobView): z.output<typeof JobStatusSchema> {
  const done = job.status === "completed";
  const status = drumScoreStage(job);
  const base = `/api/v1/download/${job.id}`;
  return {
    job_id: job.id,
    status,
    progress: Math.round(Math.min(1, Math.max(0, job.progress)) * 100),
    message: job.error?.message ?? (job.status === "cancelled" ? "cancelled" : job.stage),
    result_url: done ? `${base}/pdf` : null,
    midi_url: done ? `${base}/midi` : null,
    drum_audio_url: done ? `${base}/audio` : null,
  };
}

export function registerDrumScoreRoutes(app: ZodApp, { config, service }: RouteContext): void {
  const seedConfig = { errorShape: "fastapi" as const };
  const tags = ["seed: DrumScore"];

  /** The transcription job with this id; 404 (DrumScore's "Job <id> not found") for anything else. */
  async function transcriptionJob(jobId: string): Promise<JobView> {
    const job = UuidSchema.safeParse(jobId).success ? await service.getJob(jobId) : undefined;
    if (job === undefined || job.kind !== "transcription") throw new HttpError("NOT_FOUND", `Job ${jobId} not found`);
    return job;
  }

  app.get(
    "/api/v1/health",
    {
      config: seedConfig,
      schema: {
        tags,
        summary: "DrumScore: health (models_loaded: tonearm's drum models are built in, always loaded)",
        response: {
          200: z.object({
            status: z.literal("healthy"),
            version: z.string(),
            models_loaded: z.boolean(),
            gpu_available: z.boolean(),
            timestamp: z.string(),
          }),
          ...errors(401, 429),
        },
      },
    },
    async () => ({
      status: "healthy" as const,
      version: TONEARM_VERSION,
      models_loaded: true,
      gpu_available: false,
      timestamp: new Date().toISOString(),
    }),
  );

  app.get(
    "/api/v1/ready",
    {
      config: seedConfig,
      schema: {
        tags,
        summary: "DrumScore: readiness of tonearm's database, queue and decoder",
        response: { 200: z.object({ status: z.literal("ready") }), ...errors(401, 429, 503) },
      },
    },
    async () => {
      const checks = await service.readiness();
      if (!checks.every((check) => check.ok)) throw new HttpError("SERVICE_UNAVAILABLE", "Service not ready");
      return { status: "ready" as const };
    },
  );

  app.post(
    "/api/v1/transcribe",
    {
      config: seedConfig,
      schema: {
        tags,
        summary:
          "DrumScore: upload audio (multipart field `audio_file`) for drum transcription; poll /api/v1/status/{job_id}",
        consumes: ["multipart/form-data"],
        response: { 200: JobResponseSchema, ...errors(400, 401, 404, 413, 415, 422, 429) },
      },
      preValidation: requireMultipart,
    },
    async (request) => {
      const { audio } = await uploadedAudio(request, config, "audio_file");
      const view = await handOverAudio(audio, () => service.submitAnalysis({ kind: "transcription", audio }));
      const { job } = view;
      return {
        job_id: job.id,
        status: drumScoreStage(job),
        filename: view.fileName,
        created_at: job.createdAt,
        updated_at: job.finishedAt ?? job.startedAt ?? job.createdAt,
        message: "Job queued for drum transcription",
        progress: Math.round(Math.min(1, Math.max(0, job.progress)) * 100),
      };
    },
  );

  app.get(
    "/api/v1/status/:job_id",
    {
      config: seedConfig,
      schema: {
        tags,
        summary: "DrumScore: status of a transcription job",
        params: z.object({ job_id: z.string().max(128) }),
        response: { 200: JobStatusSchema, ...errors(401, 404, 429) },
      },
    },
    async (request) => drumScoreStatus(await transcriptionJob(request.params.job_id)),
  );

  app.get(
    "/api/v1/download/:job_id/:artifact",
    {
      config: seedConfig,
      schema: {
        tags,
        summary:
          "DrumScore: download a transcription's PDF (application/pdf), MIDI (audio/midi) or separated drums (audio/flac)",
        produces: ["application/pdf", "audio/midi", "audio/flac"],
        params: z.object({ job_id: z.string().max(128), artifact: z.enum(["pdf", "midi", "audio"]) }),
        response: { 200: z.string().describe("the file, as an attachment"), ...errors(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const job = await transcriptionJob(request.params.job_id);
      if (job.status !== "completed") {
        throw new HttpError("BAD_REQUEST", `Job not completed. Current status: ${drumScoreStatus(job).status}`);
      }
      const download = DRUMSCORE_DOWNLOADS[request.params.artifact];
      if (job.analysisId === null) throw new HttpError("NOT_FOUND", download.missing);
      const file = await service.transcriptionFile(job.analysisId, download.artifact).catch((error: unknown) => {
        throw isTonearmError(error) && error.code === "NOT_FOUND"
          ? new HttpError("NOT_FOUND", download.missing)
          : error;
      });
      return sendFile(reply, { ...file, fileName: download.name(job.id) });
    },
  );
}
