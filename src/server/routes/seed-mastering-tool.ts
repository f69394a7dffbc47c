/**
 * The Audio Mastering Tool's endpoints, for its Electron client.
 * Source: dennisdubs6-creator/audio-mastering-tool (FastAPI): backend/api/routers/analyze.py
 * (`POST /api/analyze`, multipart `file`, form fields `genre` and `recommendation_level`
 * default "suggestive"; `GET /api/analysis/{analysis_id}`, 404 `{"detail": "Analysis not
 * found"}`), backend/api/routers/references.py (`GET /api/references?genre=`, `POST
 * /api/similarity/{analysis_id}?genre=&top_k=`, top_k 1–50 default 10, 400 for an
 * incomplete analysis), backend/api/routers/health.py (`GET /health` → `{"status":"ok"}`,
 * served by routes/health.ts), and frontend/src/api/client.ts (reads `analysis_id` from
 * the upload answer, `detail` from errors). GET /api/references is tonearm's own route,
 * whose items carry the tool's field names too (routes/references.ts).
 * The upload answers at once (the analysis runs as a job); the client follows it on its
 * progress WebSocket (/ws/progress/{id}, seed-mastering-tool-progress.ts), or polls GET
 * /api/analysis/{id}, whose extra `status` says when the metrics are there.
 */
import { z } from "zod";
import { formField, handOverAudio, requireMultipart, uploadedAudio } from "../audio-source.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { UuidSchema } from "../schemas/common.js";
import { masteringToolAnalysis, masteringToolMatches, toolLevelToTonearm } from "../seed/mastering-tool-response.js";
import { masteringRequest } from "./mastering.js";

const numbers = (...names: string[]) => Object.fromEntries(names.map((name) => [name, z.number().nullable()]));

const BandMetricSchema = z.object({
  id: z.string(),
  band_name: z.string(),
  freq_min: z.number(),
  freq_max: z.number(),
  ...numbers(
    "band_rms_dbfs",
    "band_true_peak_dbfs",
    "band_level_range_db",
    "dynamic_range_db",
    "crest_factor_db",
    "rms_db",
    "spectral_centroid_hz",
    "spectral_rolloff_hz",
    "spectral_flatness",
    "energy_db",
    "stereo_width_percent",
    "phase_correlation",
    "mid_energy_db",
    "side_energy_db",
    "thd_percent",
    "harmonic_ratio",
    "inharmonicity",
    "transient_preservation",
    "attack_time_ms",
  ),
});

const OverallMetricSchema = z.object({
  id: z.string(),
  ...numbers(
    "integrated_lufs",
    "loudness_range_lu",
    "true_peak_dbfs",
    "dynamic_range_db",
    "crest_factor_db",
    "avg_stereo_width_percent",
    "avg_phase_correlation",
    "spectral_centroid_hz",
    "spectral_bandwidth_hz",
  ),
  warnings: z.string().nullable(),
});

const RecommendationSchema = z.object({
  id: z.string(),
  band_name: z.string().nullable(),
  metric_category: z.string().nullable(),
  severity: z.string().nullable(),
  recommendation_text: z.string().nullable(),
  analytical_text: z.string().nullable(),
  suggestive_text: z.string().nullable(),
  prescriptive_text: z.string().nullable(),
  created_at: z.string(),
});

const ToolAnalysisSchema = z
  .object({
    id: z.string(),
    file_path: z.string().describe("the uploaded file's name (server paths are never disclosed)"),
    file_name: z.string(),
    file_size: z.number().nullable(),
    sample_rate: z.number().nullable(),
    bit_depth: z.number().nullable(),
    duration_seconds: z.number().nullable(),
    genre: z.string().nullable(),
    genre_confidence: z.number().nullable(),
    recommendation_level: z.string(),
    analysis_engine_version: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    band_metrics: z.array(BandMetricSchema),
    overall_metrics: OverallMetricSchema.nullable(),
    recommendations: z.array(RecommendationSchema),
    warnings: z.array(z.string()).nullable(),
    status: z.string().describe("tonearm's job status: queued, running, completed, failed, cancelled"),
    progress: z.number().describe("0–1"),
  })
  .describe("the Audio Mastering Tool's AnalysisResponse");

const UploadAnswerSchema = z.object({
  analysis_id: z.string(),
  id: z.string(),
  status: z.string(),
  message: z.string(),
  file_name: z.string(),
  genre: z.string().nullable(),
  recommendation_level: z.string(),
});

const MatchesSchema = z.object({
  matches: z.array(
    z.object({
      reference_id: z.string(),
      track_name: z.string(),
      artist: z.string().nullable(),
      genre: z.string().nullable(),
      year: z.number().nullable(),
      similarity_score: z.number(),
    }),
  ),
});

const FastApiErrorSchema = z.object({ detail: z.string(), error: z.string(), message: z.string() });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, FastApiErrorSchema]));

const ToolLevelSchema = z.enum(["analytical", "informative", "suggestive", "prescriptive"]);

export function registerMasteringToolRoutes(app: ZodApp, { config, service }: RouteContext): void {
  const seedConfig = { errorShape: "fastapi" as const };
  const tags = ["seed: Audio Mastering Tool"];

  app.post(
    "/api/analyze",
    {
      config: seedConfig,
      preValidation: requireMultipart,
      schema: {
        tags,
        summary:
          "Audio Mastering Tool: queue a mastering analysis of an upload (multipart `file`, `genre`, `recommendation_level`)",
        consumes: ["multipart/form-data"],
        response: { 200: UploadAnswerSchema, ...errors(400, 401, 413, 415, 422, 429) },
      },
    },
    async (request) => {
      const upload = await uploadedAudio(request, config, "file");
      const { audio } = upload;
      const view = await handOverAudio(audio, async () => {
        const level = ToolLevelSchema.safeParse(formField(upload.fields, "recommendation_level") ?? "suggestive");
        if (!level.success)
          throw new HttpError(
            "VALIDATION_FAILED",
            "recommendation_level must be analytical, suggestive or prescriptive",
          );
        const genre = formField(upload.fields, "genre");
        return service.submitAnalysis(masteringRequest(audio, { genre, level: toolLevelToTonearm(level.data) }));
      });
      const answer = masteringToolAnalysis(view);
      return {
        analysis_id: view.id,
        id: view.id,
        status: view.job.status,
        message: "analysis queued; GET /api/analysis/{id} has the results once status is completed",
        file_name: view.fileName,
        genre: view.genre,
        recommendation_level: answer.recommendation_level,
      };
    },
  );

  app.get(
    "/api/analysis/:analysis_id",
    {
      config: seedConfig,
      schema: {
        tags,
        summary: "Audio Mastering Tool: an analysis with band metrics, overall metrics and recommendations",
        params: z.object({ analysis_id: UuidSchema }),
        response: { 200: ToolAnalysisSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const view = await service.getAnalysis(request.params.analysis_id);
      if (view === undefined || view.kind !== "mastering") throw new HttpError("NOT_FOUND", "Analysis not found");
      return masteringToolAnalysis(view);
    },
  );

  app.post(
    "/api/similarity/:analysis_id",
    {
      config: seedConfig,
      schema: {
        tags,
        summary: "Audio Mastering Tool: reference tracks most similar to an analysis",
        params: z.object({ analysis_id: UuidSchema }),
        querystring: z.object({
          genre: z.string().max(100).optional(),
          top_k: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: MatchesSchema, ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (request) => {
      const { analysis_id: analysisId } = request.params;
      const view = await service.getAnalysis(analysisId);
      if (view === undefined) throw new HttpError("NOT_FOUND", "Analysis not found");
      if (view.mastering === null) {
        throw new HttpError("BAD_REQUEST", "Analysis is incomplete: missing band metrics or overall metrics");
      }
      const { genre, top_k: topK } = request.query;
      const similar = await service.findSimilar(analysisId, genre ? { genre, topK } : { topK });
      return masteringToolMatches(similar);
    },
  );
}
