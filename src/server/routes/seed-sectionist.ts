/**
 * Sectionist's endpoints, for its existing clients (the SwiftUI app and the PyQt GUI).
 * Source: alienbrainfarm/Sectionist backend/server.py (Flask: `POST /analyze` with the
 * multipart file in field "audio", synchronous, 200 with `{ success: true, file_name,
 * analysis }`, errors `{ "error": "..." }` / `{ "success": false, "error": "..." }`;
 * `GET /formats` → `{ supported_formats: [...] }`), Sectionist/AnalysisService.swift
 * (what the Swift client sends: field "audio", filename, `Content-Type: audio/<ext>`;
 * what it decodes: `AnalysisResponse`, `BackendAnalysisData`, `ErrorResponse`) and
 * frontend/analysis_worker.py (the PyQt client: `files={'audio': f}`, reads `success`
 * and `error`). Its `GET /health` is tonearm's (routes/health.ts).
 * tonearm judges the format by content: an unreadable upload is 415, not Sectionist's 400
 * (both clients only test for 200).
 */
import { z } from "zod";
import { handOverAudio, requireMultipart, uploadedAudio } from "../audio-source.js";
import { errorFromJobFailure } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { SECTIONIST_ANALYSES, sectionistAnalysis } from "../seed/sectionist-response.js";

const TimedItemSchema = z.object({ name: z.string(), start: z.number(), end: z.number(), confidence: z.number() });

const SectionistResponseSchema = z
  .object({
    success: z.literal(true),
    file_name: z.string(),
    analysis: z.object({
      duration: z.number().describe("seconds"),
      tempo: z.number().describe("BPM (0 when no pulse is found)"),
      key: z.string().describe('"A minor", "C# major" (sharps); "Unknown" without tonal content'),
      key_changes: z.array(
        z.object({ timestamp: z.number(), from_key: z.string(), to_key: z.string(), confidence: z.number() }),
      ),
      sections: z.array(TimedItemSchema).describe('"Intro", "Verse 1", "Chorus", "Bridge", "Outro", …'),
      beats_detected: z.number().int(),
      chords: z.array(TimedItemSchema).describe('"C", "Am", "G7", …'),
    }),
  })
  .describe("Sectionist's analysis response");

const SectionistErrorSchema = z.object({ success: z.literal(false), error: z.string() });

/** Extensions of formats tonearm reads, in Sectionist's `/formats` answer. */
const SUPPORTED_FORMATS = [
  "aac",
  "aif",
  "aiff",
  "flac",
  "m4a",
  "mka",
  "mp3",
  "oga",
  "ogg",
  "opus",
  "wav",
  "webm",
  "wma",
];

export function registerSectionistRoutes(app: ZodApp, { config, service }: RouteContext): void {
  const seedConfig = { errorShape: "sectionist" as const };
  app.post(
    "/analyze",
    {
      config: seedConfig,
      preValidation: requireMultipart,
      schema: {
        tags: ["seed: Sectionist"],
        summary: "Sectionist: analyse an upload (multipart field `audio`) and wait for the result",
        consumes: ["multipart/form-data"],
        response: {
          200: SectionistResponseSchema,
          ...Object.fromEntries([400, 401, 413, 415, 422, 429, 500].map((status) => [status, SectionistErrorSchema])),
        },
      },
    },
    async (request) => {
      const { audio } = await uploadedAudio(request, config, "audio");
      const view = await handOverAudio(audio, () =>
        service.analyzeNow({ kind: "analysis", audio, analyses: [...SECTIONIST_ANALYSES] }),
      );
      if (view.report === null) throw errorFromJobFailure(view.job.error);
      return { success: true as const, file_name: view.fileName, analysis: sectionistAnalysis(view.report) };
    },
  );

  app.get(
    "/formats",
    {
      config: seedConfig,
      schema: {
        tags: ["seed: Sectionist"],
        summary: "Sectionist: file extensions of the formats tonearm reads",
        response: { 200: z.object({ supported_formats: z.array(z.string()) }) },
      },
    },
    async () => ({ supported_formats: SUPPORTED_FORMATS }),
  );
}
