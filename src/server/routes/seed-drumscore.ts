/**
 * DrumScore's endpoints (prefix /api/v1), for its existing clients.
 * Source: groovesheet/groovesheet-be ("DrumScore Backend", FastAPI): backend/main.py
 * (routers under /api/v1), backend/app/api/routes/health.py (`GET /health` →
 * `{ status, version, models_loaded, gpu_available, timestamp }`; `GET /ready` → 200
 * `{"status":"ready"}` or 503), backend/app/api/routes/transcription.py (`POST
 * /transcribe` with multipart field `audio_file`; `GET /status/{job_id}` → `{ job_id,
 * status, progress, message, result_url, midi_url, drum_audio_url }`, 404 `{"detail":
 * "Job <id> not found"}`; `GET /download/{job_id}/{pdf|midi|audio}`, 404 unknown, 400
 * unfinished), backend/app/models/schemas.py and API.md (status values pending,
 * separating, transcribing, generating_sheet, completed, failed; progress 0–100; the
 * documented error body `{ error, message, details }`).
 * tonearm does not transcribe drums yet: POST /transcribe answers 501 in that error shape.
 */
import { z } from "zod";
import type { JobView } from "../../service/service.js";
import { TONEARM_VERSION } from "../../version.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { UuidSchema } from "../schemas/common.js";

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

/** tonearm's job status in DrumScore's vocabulary. */
export function drumScoreStatus(job: JobView): z.output<typeof JobStatusSchema> {
  const done = job.status === "completed";
  const status =
    job.status === "queued"
      ? "pending"
      : job.status === "running"
        ? job.stage === "notation"
          ? "generating_sheet"
          : job.stage === "separate"
            ? "separating"
            : "transcribing"
        : done
          ? "completed"
          : "failed";
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

export function registerDrumScoreRoutes(app: ZodApp, { service }: RouteContext): void {
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
        summary: "DrumScore: health (models_loaded is false: tonearm does not transcribe drums yet)",
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
      models_loaded: false,
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
        summary: "DrumScore: drum transcription (not implemented in tonearm yet: 501)",
        consumes: ["multipart/form-data"],
        response: errors(401, 429, 501),
      },
    },
    async () => {
      throw new HttpError(
        "NOT_IMPLEMENTED",
        "drum transcription is not available in this tonearm server yet; no job was created",
      );
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
        summary: "DrumScore: download a transcription's PDF, MIDI or separated drum audio",
        params: z.object({ job_id: z.string().max(128), artifact: z.enum(["pdf", "midi", "audio"]) }),
        response: errors(400, 401, 404, 429, 501),
      },
    },
    async (request) => {
      const job = await transcriptionJob(request.params.job_id);
      if (job.status !== "completed") {
        throw new HttpError("BAD_REQUEST", `Job not completed. Current status: ${drumScoreStatus(job).status}`);
      }
      throw new HttpError("NOT_IMPLEMENTED", `the ${request.params.artifact} of a transcription is not available yet`);
    },
  );
}
